import { describe, expect, it } from 'vitest';
import { findGaps } from '../../core/gaps';
import { GAP_FORMATS, gapDownload } from '../../server/export/download';
import { makeInput } from '../core/gaps/fixture';

const gaps = findGaps(makeInput());

describe('gapDownload', () => {
  it('gives bytes, media type and file name for every format', () => {
    const out = Object.fromEntries(GAP_FORMATS.map((f) => [f, gapDownload(gaps, f, 'vi')]));
    expect([...out.csv.body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(out.csv.body.toString('utf8')).toContain('Bản Nà Mạ');
    expect(out.csv.contentType).toBe('text/csv; charset=utf-8; header=present');
    expect(out.xlsx.body.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(JSON.parse(out.geojson.body.toString('utf8')).features.length).toBe(gaps.length);
    expect(out.geojson.contentType).toBe('application/geo+json');
    expect(out.kml.body.toString('utf8').match(/<Placemark>/g)?.length).toBe(gaps.length);
    expect(out.gpkg.body.subarray(0, 16).toString('latin1')).toBe('SQLite format 3\u0000');
    expect(out.gpkg.body.readUInt32BE(68)).toBe(0x47504b47); // application_id 'GPKG' in the SQLite header
    expect(out.gpkg.filename).toBe('gaps.gpkg');
    expect(gapDownload(gaps, 'kml', 'en', { basename: 'gaps-00001' }).filename).toBe('gaps-00001.kml');
  });
  it('rejects an unknown format or language with exact messages', () => {
    expect(() => gapDownload(gaps, 'pdf')).toThrow('f must be one of csv, xlsx, geojson, kml, gpkg, got "pdf"');
    expect(() => gapDownload(gaps, 'csv', 'fr')).toThrow('lang must be vi or en, got "fr"');
    expect(() => gapDownload(gaps, 'csv', 'vi', { basename: '../x' })).toThrow('gapDownload: basename must be letters, digits, ".", "_" or "-", got "../x"');
  });
});
