/**
 * Mobile operators by network code (MCC-MNC), for naming the operator of a cell read from a cell
 * database such as OpenCelliD. The table holds the brands users recognise; a code not in it is
 * named by the code itself ("452-10"), so data from any country still loads.
 *
 * Source of the MCC 452 (Vietnam) rows: npm mcc-mnc-list@1.1.11 (MIT), brands as used in
 * Vietnam (VinaPhone is VNPT's mobile brand).
 */

/** Operator brand by `MCC-MNC` (MNC with at least two digits). */
export const OPERATORS_BY_CODE: Readonly<Record<string, string>> = {
  '452-01': 'MobiFone',
  '452-02': 'VNPT/Vinaphone',
  '452-03': 'S-Fone', // CDMA, licence revoked
  '452-04': 'Viettel',
  '452-05': 'Vietnamobile',
  '452-06': 'EVNTelecom', // CDMA, licence revoked
  '452-07': 'Gmobile',
  '452-08': 'I-Telecom',
  '452-09': 'REDDI', // MVNO on Vinaphone
};

/** The `MCC-MNC` key of a network: `networkCode(452, 4)` → "452-04". */
export function networkCode(mcc: number | string, mnc: number | string): string {
  return `${String(mcc).padStart(3, '0')}-${String(mnc).padStart(2, '0')}`;
}

/**
 * The operator brand of a network, or its `MCC-MNC` code when unknown. `extra` entries (same
 * keys) take precedence over the built-in table.
 *
 * @example
 * operatorName(452, 4) // "Viettel"
 * operatorName(452, 99) // "452-99"
 */
export function operatorName(mcc: number | string, mnc: number | string, extra?: Readonly<Record<string, string>>): string {
  const code = networkCode(mcc, mnc);
  return extra?.[code] ?? OPERATORS_BY_CODE[code] ?? code;
}
