import { describe, expect, it } from 'vitest';
import { validateCommunes, validatePowerLines, validateSites, validateVillages } from '../../core/model/validate';
import { inputErrorMessage } from '../helpers/inputError';

function site(id: string, over: Record<string, unknown> = {}, coords: unknown = [106.25, 22.66]) {
  return {
    type: 'Feature',
    geometry: { type: 'Point', coordinates: coords },
    properties: {
      id,
      name: `Site ${id}`,
      operator: 'Viettel',
      antennaHeightM: 30,
      status: 'existing',
      power: 'grid',
      backhaul: 'fiber',
      cells: [
        { tech: '4G', freqMHz: 1800, eirpDbm: 58, azimuthDeg: 120, beamwidthDeg: 65, downtiltDeg: 4 },
        { tech: '2G', freqMHz: 900, eirpDbm: 55 },
      ],
      ...over,
    },
  };
}
const fc = (features: unknown[]) => ({ type: 'FeatureCollection', features });

function village(id: string, over: Record<string, unknown> = {}, geometry: unknown = { type: 'Point', coordinates: [106.1, 22.7] }) {
  return {
    type: 'Feature',
    geometry,
    properties: { id, name: `Bản ${id}`, communeId: '01708', population: 320, households: 80, electrified: true, fixedBroadband: false, ...over },
  };
}

const square = [[[106, 22], [106.1, 22], [106.1, 22.1], [106, 22.1], [106, 22]]];

const message = inputErrorMessage;

describe('validateSites', () => {
  it('accepts valid sites, sets the feature id and returns a copy without touching the input', () => {
    const s1 = site('S1');
    const input = fc([s1, site('S2', { communeId: null, synthetic: true, source: 'test' })]);
    const before = JSON.stringify(input);
    const out = validateSites(input, 'sites.geojson');
    expect(JSON.stringify(input)).toBe(before);
    expect(out).not.toBe(input);
    expect(out.features[0]).not.toBe(input.features[0]);
    expect(out.features.map((f) => f.id)).toEqual(['S1', 'S2']);
    expect(out.features[0].properties.cells[0].freqMHz).toBe(1800);
    out.features[0].properties.cells[0].freqMHz = 1;
    expect(s1.properties.cells[0].freqMHz).toBe(1800);
  });

  it('names the source and path of an unknown technology', () => {
    const bad = site('S4');
    (bad.properties.cells as unknown[])[1] = { tech: '6G', freqMHz: 900, eirpDbm: 55 };
    expect(message(() => validateSites(fc([site('S1'), site('S2'), site('S3'), bad]), 'sites.geojson'))).toBe(
      'sites.geojson: features[3].properties.cells[1].tech: unknown technology "6G"; expected one of 2G, 3G, 4G, 5G',
    );
  });

  it('checks numbers, ranges and enums with exact messages', () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ antennaHeightM: 0 }, 'features[0].properties.antennaHeightM: must be a number from 0.5 to 1000 metres above ground, got 0'],
      [{ antennaHeightM: '30' }, 'features[0].properties.antennaHeightM: must be a number from 0.5 to 1000 metres above ground, got "30"'],
      [{ status: 'live' }, 'features[0].properties.status: unknown status "live"; expected one of existing, planned, candidate'],
      [{ power: 'diesel' }, 'features[0].properties.power: unknown power "diesel"; expected one of grid, solar, none'],
      [{ backhaul: undefined }, 'features[0].properties.backhaul: missing; expected one of fiber, microwave, satellite, none'],
      [{ name: '  ' }, 'features[0].properties.name: expected a non-empty string, got "  "'],
      [{ operator: undefined }, 'features[0].properties.operator: missing; expected a non-empty string'],
      [{ cells: [] }, 'features[0].properties.cells: a site needs at least one cell, got an empty array'],
      [{ cells: [{ tech: '4G', freqMHz: 0, eirpDbm: 50 }] }, 'features[0].properties.cells[0].freqMHz: must be a number from 20 to 100000 MHz, got 0'],
      [{ cells: [{ tech: '4G', freqMHz: 1800, eirpDbm: null }] }, 'features[0].properties.cells[0].eirpDbm: must be a number from 0 to 90 dBm, got null'],
      [{ cells: [{ tech: '4G', freqMHz: 1800, eirpDbm: 50, azimuthDeg: 360 }] }, 'features[0].properties.cells[0].azimuthDeg: must be a number of degrees in [0, 360), got 360'],
      [{ cells: [{ tech: '4G', freqMHz: 1800, eirpDbm: 50, azimuthDeg: 0, beamwidthDeg: 0 }] }, 'features[0].properties.cells[0].beamwidthDeg: must be a number of degrees in (0, 360], got 0'],
      [{ cells: [{ tech: '4G', freqMHz: 1800, eirpDbm: 50, beamwidthDeg: 65 }] }, 'features[0].properties.cells[0].beamwidthDeg: given without azimuthDeg; an omni cell has neither, a sector has both'],
      [{ id: 7 }, 'features[0].properties.id: expected a non-empty string, got 7'],
    ];
    for (const [over, expected] of cases) {
      expect(message(() => validateSites(fc([site('S1', over)]), 'sites.geojson'))).toBe(`sites.geojson: ${expected}`);
    }
  });

  it('checks positions and geometry types', () => {
    expect(message(() => validateSites(fc([site('S1', {}, [200, 22])])))).toBe(
      'sites: features[0].geometry.coordinates: longitude 200 is outside [-180, 180]',
    );
    expect(message(() => validateSites(fc([site('S1', {}, [106, 'x'])])))).toBe(
      'sites: features[0].geometry.coordinates[1]: must be a finite number, got "x"',
    );
    const poly = { ...site('S1'), geometry: { type: 'Polygon', coordinates: square } };
    expect(message(() => validateSites(fc([poly])))).toBe('sites: features[0].geometry.type: expected Point, got "Polygon"');
    expect(message(() => validateSites(fc([{ ...site('S1'), geometry: null }])))).toBe(
      'sites: features[0].geometry: missing; a site needs a Point geometry',
    );
  });

  it('rejects duplicate ids and a non-collection', () => {
    expect(message(() => validateSites(fc([site('A'), site('B'), site('A')]), 's.json'))).toBe(
      's.json: features[2].properties.id: duplicate id "A" (first used by features[0])',
    );
    expect(message(() => validateSites([], 's.json'))).toBe(
      's.json: expected a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]}), got an array',
    );
    expect(message(() => validateSites({ type: 'Feature' }, 's.json'))).toBe(
      's.json: expected a GeoJSON FeatureCollection ({"type": "FeatureCollection", "features": [...]}), got "type": "Feature"',
    );
  });

  it('refuses physical impossibilities: heights, EIRP and frequencies outside the documented limits', () => {
    const cell = { tech: '4G', freqMHz: 1800, eirpDbm: 60 };
    for (const [over, expected] of [
      [{ antennaHeightM: 1e9 }, 'features[0].properties.antennaHeightM: must be a number from 0.5 to 1000 metres above ground, got 1000000000'],
      [{ antennaHeightM: 0.1 }, 'features[0].properties.antennaHeightM: must be a number from 0.5 to 1000 metres above ground, got 0.1'],
      [{ cells: [{ ...cell, eirpDbm: 1e9 }] }, 'features[0].properties.cells[0].eirpDbm: must be a number from 0 to 90 dBm, got 1000000000'],
      [{ cells: [{ ...cell, eirpDbm: -5 }] }, 'features[0].properties.cells[0].eirpDbm: must be a number from 0 to 90 dBm, got -5'],
      [{ cells: [{ ...cell, freqMHz: 0.001 }] }, 'features[0].properties.cells[0].freqMHz: must be a number from 20 to 100000 MHz, got 0.001'],
      [{ cells: [{ ...cell, freqMHz: 1e6 }] }, 'features[0].properties.cells[0].freqMHz: must be a number from 20 to 100000 MHz, got 1000000'],
      [{ cells: [{ ...cell, azimuthDeg: 0, beamwidthDeg: 361 }] }, 'features[0].properties.cells[0].beamwidthDeg: must be a number of degrees in (0, 360], got 361'],
      [{ cells: [{ ...cell, downtiltDeg: 1e9 }] }, 'features[0].properties.cells[0].downtiltDeg: must be a number of degrees in [-90, 90], got 1000000000'],
    ] as const) {
      expect(message(() => validateSites(fc([site('S', over)]), 's'))).toBe(`s: ${expected}`);
    }
    // the limits themselves are accepted
    expect(() => validateSites(fc([site('S', { antennaHeightM: 1000, cells: [{ tech: '5G', freqMHz: 100000, eirpDbm: 90 }] })]), 's')).not.toThrow();
    expect(() => validateSites(fc([site('S', { antennaHeightM: 0.5, cells: [{ tech: '2G', freqMHz: 20, eirpDbm: 0 }] })]), 's')).not.toThrow();
  });

  it('drops __proto__, constructor and prototype keys, so hidden values cannot pass validation', () => {
    // JSON.parse makes "__proto__" an own key; a naive copy would turn it into the cell's prototype
    const text = '{"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[106.25,22.66]},'
      + '"properties":{"id":"P","name":"P","operator":"Viettel","antennaHeightM":30,"status":"existing","power":"grid","backhaul":"fiber",'
      + '"constructor":{"prototype":{"x":1}},"cells":[{"__proto__":{"azimuthDeg":"abc","beamwidthDeg":-5,"downtiltDeg":1e9},"tech":"4G","freqMHz":1800,"eirpDbm":60}]}}]}';
    const out = validateSites(JSON.parse(text), 's');
    const c = out.features[0].properties.cells[0];
    expect(Object.getPrototypeOf(c)).toBe(Object.prototype);
    expect([c.azimuthDeg, c.beamwidthDeg, c.downtiltDeg]).toEqual([undefined, undefined, undefined]);
    expect(Object.keys(c)).toEqual(['tech', 'freqMHz', 'eirpDbm']);
    expect(Object.keys(out.features[0].properties)).not.toContain('constructor');
  });

  it('refuses JSON nested deeper than 32 levels without overflowing the stack (3,000 levels)', () => {
    const deep = JSON.parse(`${'['.repeat(3000)}${']'.repeat(3000)}`);
    const msg = message(() => validateSites(fc([site('D', { x: deep })]), 's'));
    // FeatureCollection → features → feature → properties → x is level 5, x[0]×28 the 33rd, refused
    expect(msg).toBe(`s: features[0].properties.x${'[0]'.repeat(28)}: JSON nested deeper than 32 levels; covgap reads at most 32 levels of objects and arrays`);
    expect(() => validateSites(fc([site('D', { x: JSON.parse(`${'['.repeat(28)}${']'.repeat(28)}`) })]), 's')).not.toThrow();
  });

  it('reports the first five invalid features and how many more', () => {
    const features = [site('OK')];
    for (let i = 0; i < 8; i++) features.push(site(`S${i}`, { antennaHeightM: -i }));
    const msg = message(() => validateSites(fc(features), 'sites.geojson'));
    expect(msg).toBe(
      'sites.geojson: ' +
        [1, 2, 3, 4, 5]
          .map((i) => `features[${i}].properties.antennaHeightM: must be a number from 0.5 to 1000 metres above ground, got ${i === 1 ? 0 : -(i - 1)}`)
          .join('; ') +
        '; and 3 more problems',
    );
  });
});

describe('validateVillages', () => {
  it('accepts points and polygons, defaults fixedBroadband to null', () => {
    const v2 = village('V2', { fixedBroadband: undefined }, { type: 'Polygon', coordinates: square });
    const out = validateVillages(fc([village('V1'), v2]));
    expect(out.features[1].properties.fixedBroadband).toBeNull();
    expect(out.features[1].id).toBe('V2');
    expect('fixedBroadband' in v2.properties && v2.properties.fixedBroadband).toBeUndefined();
  });

  it('names a latitude out of range', () => {
    const features = Array.from({ length: 13 }, (_, i) => village(`V${i}`));
    features[12] = village('V12', {}, { type: 'Point', coordinates: [106, 95.2] });
    expect(message(() => validateVillages(fc(features), 'villages.geojson'))).toBe(
      'villages.geojson: features[12].geometry.coordinates: latitude 95.2 is outside [-90, 90] (positions are [lon, lat])',
    );
  });

  it('checks counts, communeId and rings', () => {
    expect(message(() => validateVillages(fc([village('V', { population: 12.5 })])))).toBe(
      'villages: features[0].properties.population: must be a non-negative integer, got 12.5',
    );
    expect(message(() => validateVillages(fc([village('V', { households: -1 })])))).toBe(
      'villages: features[0].properties.households: must be a non-negative integer, got -1',
    );
    expect(message(() => validateVillages(fc([village('V', { communeId: '' })])))).toBe(
      'villages: features[0].properties.communeId: expected a non-empty string, got ""',
    );
    expect(message(() => validateVillages(fc([village('V', { electrified: 'yes' })])))).toBe(
      'villages: features[0].properties.electrified: expected true or false, got "yes"',
    );
    const open = [[[106, 22], [106.1, 22], [106.1, 22.1], [106, 22.1]]];
    expect(message(() => validateVillages(fc([village('V', {}, { type: 'Polygon', coordinates: open })])))).toBe(
      'villages: features[0].geometry.coordinates[0]: polygon ring is not closed: its first and last positions differ',
    );
  });
});

describe('validateCommunes and validatePowerLines', () => {
  const commune = (over: Record<string, unknown> = {}) => ({
    type: 'Feature',
    geometry: { type: 'MultiPolygon', coordinates: [square] },
    properties: { id: '01708', name: 'Bạch Đằng', kind: 'xã', population: 8000, households: 2000, areaKm2: 95.5, mergedFrom: ['A', 'B'], ...over },
  });
  const line = (over: Record<string, unknown> = {}, coordinates: unknown = [[106, 22], [106.2, 22.3]]) => ({
    type: 'Feature',
    geometry: { type: 'LineString', coordinates },
    properties: { id: 'L1', voltageKv: 35, ...over },
  });

  it('accepts valid input', () => {
    expect(validateCommunes(fc([commune()])).features[0].id).toBe('01708');
    expect(validatePowerLines(fc([line()])).features[0].properties.voltageKv).toBe(35);
  });

  it('rejects bad values with exact messages', () => {
    expect(message(() => validateCommunes(fc([commune({ areaKm2: 0 })]), 'communes.geojson'))).toBe(
      'communes.geojson: features[0].properties.areaKm2: must be a finite number > 0 (km²), got 0',
    );
    expect(message(() => validateCommunes(fc([commune({ mergedFrom: [1] })])))).toBe(
      'communes: features[0].properties.mergedFrom: expected an array of strings, got an array',
    );
    expect(message(() => validatePowerLines(fc([line({ voltageKv: -35 })])))).toBe(
      'power-lines: features[0].properties.voltageKv: must be a finite number > 0 (kV), got -35',
    );
    expect(message(() => validatePowerLines(fc([line({}, [[106, 22]])])))).toBe(
      'power-lines: features[0].geometry.coordinates: a line needs at least 2 positions, got 1',
    );
  });

  it('passes a bad bbox on from geojson-validation', () => {
    const f = { ...line(), bbox: [1, 2, 3] };
    expect(message(() => validatePowerLines(fc([f])))).toBe(
      'power-lines: features[0]: not a valid GeoJSON Feature: bbox, must be a 2*n array',
    );
  });
});
