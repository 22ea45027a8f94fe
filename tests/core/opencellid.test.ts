import { describe, expect, it } from 'vitest';
import { DEFAULT_OPENCELLID_OPTIONS, parseOpenCellidCsv, parseOpenCellidCsvDetailed } from '../../core/formats/opencellid';
import { nearDistanceM } from '../../core/formats/opencellidGroup';
import { operatorName } from '../../core/formats/operators';
import { METRES_PER_DEGREE } from '../../core/geo/geodesy';
import { validateSites } from '../../core/model/validate';
import { inputErrorMessage } from '../helpers/inputError';

const HEADER = 'radio,mcc,net,area,cell,unit,lon,lat,range,samples,changeable,created,updated,averageSignal';
const row = (radio: string, net: number, area: number, cell: number, lon: number, lat: number) =>
  `${radio},452,${net},${area},${cell},0,${lon},${lat},1000,12,1,1459813219,1526221497,0`;

/** Degrees of longitude for `m` metres at latitude 22.66. */
const dLon = (m: number) => m / (METRES_PER_DEGREE * Math.cos((22.66 * Math.PI) / 180));

const message = inputErrorMessage;

describe('operatorName', () => {
  it('names known Vietnamese networks and falls back to the code', () => {
    expect(operatorName(452, 4)).toBe('Viettel');
    expect(operatorName('452', '01')).toBe('MobiFone');
    expect(operatorName(452, 2)).toBe('VNPT/Vinaphone');
    expect(operatorName(452, 7)).toBe('Gmobile');
    expect(operatorName(452, 99)).toBe('452-99');
    expect(operatorName(310, 260)).toBe('310-260');
    expect(operatorName(452, 99, { '452-99': 'Test' })).toBe('Test');
  });
});

describe('parseOpenCellidCsv', () => {
  const lon0 = 106.25;
  const lat0 = 22.66;
  const csv = [
    HEADER,
    row('GSM', 4, 100, 1001, lon0, lat0),
    row('UMTS', 4, 100, 2001, lon0 + dLon(60), lat0), // 60 m east: same Viettel site
    row('LTE', 4, 200, 25601, lon0 + dLon(20), lat0), // 20 m east: same site
    row('GSM', 1, 300, 5001, lon0 + dLon(30), lat0), // MobiFone: another operator, own site
    row('GSM', 4, 100, 1002, lon0 + dLon(400), lat0), // 400 m east: another Viettel site
    row('LTE', 4, 200, 25602, lon0 + dLon(900), lat0), // eNB 100 again, 900 m away: joined by eNB id
    row('CDMA', 3, 1, 1, lon0, lat0),
    row('NR', 4, 9, 77, 105.5, 22.9),
  ].join('\n');

  it('groups cells into sites by operator and distance, with documented defaults', () => {
    const { sites, warnings, cellCount, skippedCount } = parseOpenCellidCsvDetailed(csv, { source: '452.csv' });
    expect(cellCount).toBe(7);
    expect(skippedCount).toBe(1);
    expect(warnings).toEqual(['452.csv: skipped 1 CDMA cell (covgap models 2G, 3G, 4G and 5G only)']);
    expect(sites.features.map((f) => f.id)).toEqual(['ocid-452-04-100-1001', 'ocid-452-01-300-5001', 'ocid-452-04-100-1002', 'ocid-452-04-9-77']);
    const [a, b, c, d] = sites.features;
    expect(a.properties.operator).toBe('Viettel');
    expect(a.properties.cells).toEqual([
      { tech: '2G', freqMHz: 900, eirpDbm: DEFAULT_OPENCELLID_OPTIONS.eirpDbm['2G'] },
      { tech: '3G', freqMHz: 2100, eirpDbm: DEFAULT_OPENCELLID_OPTIONS.eirpDbm['3G'] },
      { tech: '4G', freqMHz: 1800, eirpDbm: DEFAULT_OPENCELLID_OPTIONS.eirpDbm['4G'] },
    ]);
    // site position: mean of its cells (GSM at 0 m, UMTS at 60 m, the two LTE cells at 20 m and 900 m)
    expect(nearDistanceM(a.geometry.coordinates[0], a.geometry.coordinates[1], lon0 + dLon((0 + 60 + 20 + 900) / 4), lat0)).toBeLessThan(0.05);
    expect(b.properties.operator).toBe('MobiFone');
    expect(c.properties.cells.map((x) => x.tech)).toEqual(['2G']);
    expect(d.properties.cells).toEqual([{ tech: '5G', freqMHz: 3500, eirpDbm: 64 }]);
    expect(a.properties).toMatchObject({ antennaHeightM: 30, status: 'existing', power: 'grid', backhaul: 'fiber', source: '452.csv' });
    // the output is valid covgap data
    expect(validateSites(sites).features).toHaveLength(4);
  });

  it('reads files without a header, with CRLF and options', () => {
    const noHeader = csv.split('\n').slice(1).join('\r\n');
    const sites = parseOpenCellidCsv(noHeader, { joinLteEnb: false, groupRadiusM: 100, antennaHeightM: 25, bbox: [106, 22, 107, 23] });
    // without eNB joining the far LTE cell is a site of its own; the NR cell lies outside the bbox
    expect(sites.features).toHaveLength(4);
    expect(sites.features.map((f) => f.properties.antennaHeightM)).toEqual([25, 25, 25, 25]);
    expect(sites.features[3].properties.cells).toEqual([{ tech: '4G', freqMHz: 1800, eirpDbm: 60 }]);
  });

  it('joins within the radius of the first cell only, so a line of cells does not chain', () => {
    const line = Array.from({ length: 6 }, (_, i) => row('GSM', 4, 1, i, lon0 + dLon(i * 100), lat0)).join('\n');
    const sites = parseOpenCellidCsv(line);
    expect(sites.features.map((f) => f.properties.name)).toEqual(['Viettel 1-0', 'Viettel 1-2', 'Viettel 1-4']);
  });

  it('finds columns by header name in any order', () => {
    const text = 'lat,lon,radio,mcc,net,area,cell\n22.5,106.1,LTE,452,2,7,300';
    const [site] = parseOpenCellidCsv(text).features;
    expect(site.geometry.coordinates).toEqual([106.1, 22.5]);
    expect(site.properties.operator).toBe('VNPT/Vinaphone');
  });

  it('rejects malformed rows with their line numbers, all or nothing', () => {
    const bad = [HEADER, row('GSM', 4, 1, 1, 106, 22), row('WIFI', 4, 1, 2, 106, 22), '', row('GSM', 4, 1, 3, 106, 95), 'GSM,452,4'].join('\n');
    expect(message(() => parseOpenCellidCsv(bad, { source: 'cells.csv' }))).toBe(
      'cells.csv: line 3: unknown radio "WIFI"; expected one of GSM, UMTS, LTE, NR, CDMA; ' +
        'line 5: lat must be a number in [-90, 90], got "95"; ' +
        'line 6: expected at least 8 comma-separated fields (' + HEADER + '), got 3',
    );
    expect(message(() => parseOpenCellidCsv(row('GSM', 4, 1, -2, 106, 22)))).toBe(
      'OpenCelliD CSV: line 1: cell must be a non-negative integer, got "-2"',
    );
    expect(message(() => parseOpenCellidCsv('radio,mcc,net,cell\nGSM,452,4,1'))).toBe(
      'OpenCelliD CSV: line 1: the header lacks columns area, lon, lat; expected ' + HEADER,
    );
  });

  it('returns an empty collection for an empty file', () => {
    expect(parseOpenCellidCsv(`${HEADER}\n`).features).toEqual([]);
  });
});
