/**
 * OpenCelliD cell exports (CSV) to covgap sites.
 *
 * Columns: `radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal`;
 * the header line is optional (when present, columns are found by name). Each row is one cell
 * with an estimated position. Cells of one operator close to each other (and LTE cells of one
 * eNodeB, `cell >> 8`) are grouped into one site at the mean position of its cells.
 *
 * OpenCelliD knows nothing of antenna height, power, frequency or EIRP: those come from
 * {@link DEFAULT_OPENCELLID_OPTIONS}, and the site carries one omni cell per technology seen.
 */
import { InputError } from '../errors';
import type { BBox, Cell, SiteFeature, Sites, Tech } from '../model/types';
import { operatorName } from './operators';
import { groupCells, type CellRecord } from './opencellidGroup';

export interface OpenCellidOptions {
  /** Name of the input in error messages and the sites' `source`. */
  source?: string;
  /** Cells of one operator within this distance (metres) of a site's first cell join that site. */
  groupRadiusM?: number;
  /** Also join LTE cells of one eNodeB (`cell >> 8`, same MCC-MNC) lying within `enbRadiusM`. */
  joinLteEnb?: boolean;
  /** Largest distance (metres) between cells of one eNodeB that are still joined. */
  enbRadiusM?: number;
  /** Keep only cells inside [west, south, east, north], degrees; null keeps all. */
  bbox?: BBox | null;
  /** Antenna height above ground assumed for every site, metres. */
  antennaHeightM?: number;
  /** Carrier frequency assumed per technology, MHz. */
  freqMHz?: Record<Tech, number>;
  /** EIRP assumed per technology, dBm. */
  eirpDbm?: Record<Tech, number>;
  /** Extra or corrected operator names by `MCC-MNC` ("452-04"), over the built-in table. */
  operators?: Record<string, string>;
}

export const DEFAULT_OPENCELLID_OPTIONS: Required<OpenCellidOptions> = {
  source: 'OpenCelliD CSV',
  groupRadiusM: 150, // a macro site's sectors are estimated within a few hundred metres of each other
  joinLteEnb: true, // the eNodeB id names the site for LTE, a sure link where positions scatter
  enbRadiusM: 2000, // beyond this an eNodeB id match is more likely a reused id than one site
  bbox: null, // no filter
  antennaHeightM: 30, // a typical rural lattice tower's antenna height
  freqMHz: {
    '2G': 900, // GSM 900, the coverage layer
    '3G': 2100, // UMTS band 1
    '4G': 1800, // LTE band 3, the common LTE layer in Vietnam
    '5G': 3500, // NR n78
  },
  eirpDbm: {
    '2G': 55, // 20 W (43 dBm) transmitter + 15 dBi antenna − 3 dB feeder loss
    '3G': 57, // 20 W (43 dBm) + 17 dBi − 3 dB
    '4G': 60, // 40 W (46 dBm) + 17 dBi − 3 dB
    '5G': 64, // 80 W (49 dBm) + 15 dBi massive-MIMO array gain over one beam, no feeder
  },
  operators: {},
};

/** OpenCelliD radio names to covgap technologies; CDMA has no covgap technology and is skipped. */
const RADIO_TECH: Record<string, Tech | null> = { GSM: '2G', UMTS: '3G', LTE: '4G', NR: '5G', CDMA: null };

const COLUMNS = ['radio', 'mcc', 'net', 'area', 'cell', 'unit', 'lon', 'lat', 'range', 'samples', 'changeable', 'created', 'updated', 'averageSignal'];
/** The columns a row must have (the rest may be missing from short exports). */
const REQUIRED = ['radio', 'mcc', 'net', 'area', 'cell', 'lon', 'lat'];

export interface OpenCellidResult {
  sites: Sites;
  /** Soft problems: rows skipped (CDMA, outside bbox), with counts. */
  warnings: string[];
  /** Cells read (before grouping), and cells skipped. */
  cellCount: number;
  skippedCount: number;
}

/**
 * Parse an OpenCelliD CSV export into sites, with warnings and counts. All or nothing: a
 * malformed row throws an InputError naming its line.
 *
 * @example
 * const { sites, warnings } = parseOpenCellidCsvDetailed(text, { source: '452.csv' });
 */
export function parseOpenCellidCsvDetailed(text: string, options: OpenCellidOptions = {}): OpenCellidResult {
  const opts = { ...DEFAULT_OPENCELLID_OPTIONS, ...options };
  const rows: CsvRow[] = [];
  const lines = text.split(/\r?\n/);
  for (let ln = 0; ln < lines.length; ln++) {
    const line = lines[ln].replace(/^\uFEFF/, '').trim();
    if (line !== '') rows.push({ line: ln + 1, fields: line.split(',').map((s) => s.trim().replace(/^"(.*)"$/, '$1')) });
  }
  const out = openCellidFromRows(rows, opts);
  if ('problems' in out) {
    const shown = out.problems.slice(0, 5).map((p) => `line ${p.line}: ${p.message}`);
    const more = out.problems.length - shown.length;
    throw new InputError(`${opts.source}: ${shown.join('; ')}${more > 0 ? `; and ${more} more malformed line${more === 1 ? '' : 's'}` : ''}`);
  }
  return out;
}

/** One row of a CSV file: its line number in the file (header = line 1) and its fields. */
export interface CsvRow {
  line: number;
  fields: string[];
}

/** What is wrong with one row: the file's line, the column, and what. */
export interface RowProblem {
  line: number;
  /** The column (`lat`), or '' for the whole row. */
  field: string;
  message: string;
}

/**
 * Rows of an OpenCelliD export (already split into fields by a CSV parser; the first row may be
 * the header) into sites, or every malformed row's problem (all or nothing).
 *
 * @example
 * const out = openCellidFromRows([{ line: 1, fields: ['radio', 'mcc', …] }, …], { source: '452.csv' });
 * if ('problems' in out) report(out.problems); else use(out.sites);
 */
export function openCellidFromRows(rows: Iterable<CsvRow>, options: OpenCellidOptions = {}): OpenCellidResult | { problems: RowProblem[] } {
  const opts = { ...DEFAULT_OPENCELLID_OPTIONS, ...options };
  let index = COLUMNS.map((_, i) => i);
  const cells: CellRecord[] = [];
  const problems: RowProblem[] = [];
  let cdma = 0;
  let outside = 0;
  let first = true;
  for (const { line, fields } of rows) {
    if (first) {
      first = false;
      if (fields.some((f) => f.trim().replace(/^\uFEFF/, '').toLowerCase() === 'radio')) {
        const header = headerIndex(fields.map((f) => f.trim().replace(/^\uFEFF/, '')), line);
        if ('message' in header) return { problems: [header] };
        index = header.index;
        continue;
      }
    }
    const problem = checkRow(fields.map((f) => f.trim()), index, line);
    if ('message' in problem) {
      problems.push(problem);
      continue;
    }
    if (problems.length > 0) continue;
    if (problem.tech === null) {
      cdma++;
      continue;
    }
    const b = opts.bbox;
    if (b && (problem.lon < b[0] || problem.lon > b[2] || problem.lat < b[1] || problem.lat > b[3])) {
      outside++;
      continue;
    }
    cells.push({ ...problem, tech: problem.tech, operator: operatorName(problem.mcc, problem.net, opts.operators) });
  }
  if (problems.length > 0) return { problems };

  const groups = groupCells(cells, opts.groupRadiusM, opts.joinLteEnb ? opts.enbRadiusM : 0);
  const usedIds = new Set<string>();
  const features: SiteFeature[] = groups.map((members) => {
    const c0 = cells[members[0]];
    let lonSum = 0;
    let latSum = 0;
    const techs = new Set<Tech>();
    for (const m of members) {
      lonSum += cells[m].lon;
      latSum += cells[m].lat;
      techs.add(cells[m].tech);
    }
    let id = `ocid-${c0.mcc}-${String(c0.net).padStart(2, '0')}-${c0.area}-${c0.cell}`;
    for (let k = 2; usedIds.has(id); k++) id = `${id.replace(/~\d+$/, '')}~${k}`;
    usedIds.add(id);
    const siteCells: Cell[] = [...techs].sort().map((tech) => ({ tech, freqMHz: opts.freqMHz[tech], eirpDbm: opts.eirpDbm[tech] }));
    return {
      type: 'Feature',
      id,
      geometry: { type: 'Point', coordinates: [round7(lonSum / members.length), round7(latSum / members.length)] },
      properties: {
        id,
        name: `${c0.operator} ${c0.area}-${c0.cell}`,
        operator: c0.operator,
        antennaHeightM: opts.antennaHeightM,
        status: 'existing',
        power: 'grid',
        backhaul: 'fiber',
        cells: siteCells,
        source: opts.source,
      },
    };
  });

  const warnings: string[] = [];
  if (cdma > 0) warnings.push(`${opts.source}: skipped ${cdma} CDMA cell${cdma === 1 ? '' : 's'} (covgap models 2G, 3G, 4G and 5G only)`);
  if (outside > 0) warnings.push(`${opts.source}: skipped ${outside} cell${outside === 1 ? '' : 's'} outside the bbox`);
  return { sites: { type: 'FeatureCollection', features }, warnings, cellCount: cells.length, skippedCount: cdma + outside };
}

/**
 * Parse an OpenCelliD CSV export into sites (see {@link parseOpenCellidCsvDetailed} for warnings).
 *
 * @example
 * const sites = parseOpenCellidCsv(await readFile('452.csv', 'utf8'), { groupRadiusM: 200 });
 */
export function parseOpenCellidCsv(text: string, options: OpenCellidOptions = {}): Sites {
  return parseOpenCellidCsvDetailed(text, options).sites;
}

function headerIndex(fields: string[], line: number): { index: number[] } | RowProblem {
  const lower = fields.map((f) => f.toLowerCase());
  const index = COLUMNS.map((c) => lower.indexOf(c.toLowerCase()));
  const missing = REQUIRED.filter((c) => index[COLUMNS.indexOf(c)] < 0);
  if (missing.length > 0) {
    return { line, field: missing.join(','), message: `the header lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; expected ${COLUMNS.join(',')}` };
  }
  return { index };
}

type Row = Omit<CellRecord, 'tech' | 'operator'> & { tech: Tech | null };

/** One row checked: the cell, or its problem. */
function checkRow(fields: string[], index: number[], line: number): Row | RowProblem {
  const needed = Math.max(...REQUIRED.map((c) => index[COLUMNS.indexOf(c)])) + 1;
  if (fields.length < needed) return { line, field: '', message: `expected at least ${needed} comma-separated fields (${COLUMNS.join(',')}), got ${fields.length}` };
  const get = (name: string) => fields[index[COLUMNS.indexOf(name)]];
  const radio = get('radio').toUpperCase();
  if (!Object.hasOwn(RADIO_TECH, radio)) return { line, field: 'radio', message: `unknown radio "${get('radio')}"; expected one of GSM, UMTS, LTE, NR, CDMA` };
  const ints: Record<string, number> = {};
  for (const name of ['mcc', 'net', 'area', 'cell']) {
    const s = get(name);
    const v = Number(s);
    if (s === '' || !Number.isSafeInteger(v) || v < 0) return { line, field: name, message: `${name} must be a non-negative integer, got "${s}"` };
    ints[name] = v;
  }
  if (ints.mcc > 999) return { line, field: 'mcc', message: `mcc must be a non-negative integer below 1000, got "${get('mcc')}"` };
  const lon = Number(get('lon'));
  const lat = Number(get('lat'));
  if (get('lon') === '' || !Number.isFinite(lon) || lon < -180 || lon > 180) return { line, field: 'lon', message: `lon must be a number in [-180, 180], got "${get('lon')}"` };
  if (get('lat') === '' || !Number.isFinite(lat) || lat < -90 || lat > 90) return { line, field: 'lat', message: `lat must be a number in [-90, 90], got "${get('lat')}"` };
  return { tech: RADIO_TECH[radio], mcc: ints.mcc, net: ints.net, area: ints.area, cell: ints.cell, lon, lat };
}

function round7(v: number): number {
  return Math.round(v * 1e7) / 1e7;
}
