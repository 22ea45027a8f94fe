/**
 * The partners' own tools against the real server on the demo province with its coverage (the
 * `gaps` collection): OWSLib (Python, Debian's python3-owslib), GDAL's OAPIF driver (ogrinfo),
 * LibreOffice (the CSV opened, the XLSX printed to PDF) and poppler (pdfinfo, pdftotext); and, walking what the server
 * serves, the RFC 7946 winding of every polygon and the media type of every link.
 *
 * The province coverage comes from the cache shared with the browser tests (DEMO_COVERAGE_DATA_DIR):
 * ~1.5 s warm, minutes cold. A missing tool skips its tests with the reason printed, except in CI
 * (CI set), where .ci/run installs them and a missing one fails.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/main';
import { DEMO_COVERAGE_TIMEOUT_MS, demoSkipReason, startDemoWithCoverage } from './demo.helpers';
import { windingProblems } from '../helpers/winding';

const run = promisify(execFile);
/** IANA's media type register as jshttp's mime-db holds it (type → { source: 'iana' | 'apache' | 'nginx' }). */
const MIME_DB = createRequire(import.meta.url)('mime-db') as Record<string, { source?: string }>;
const which = (...paths: string[]): string | null => paths.find((p) => existsSync(p)) ?? null;
/** Debian's python3 (python3-owslib installs there), not a pyenv or venv one earlier on PATH. */
const PYTHON = which('/usr/bin/python3');
const OGRINFO = which('/usr/bin/ogrinfo', '/usr/local/bin/ogrinfo');
const SOFFICE = which('/usr/bin/soffice', '/usr/local/bin/soffice');
const PDFTOTEXT = which('/usr/bin/pdftotext');
const PDFINFO = which('/usr/bin/pdfinfo');

const owslibMissing = async (): Promise<string | null> => {
  if (!PYTHON) return 'no /usr/bin/python3';
  try {
    await run(PYTHON, ['-c', 'import owslib.ogcapi.features']);
    return null;
  } catch {
    return 'OWSLib is not installed: apt-get install python3-owslib';
  }
};
const qgisMissing = async (): Promise<string | null> => {
  if (!PYTHON) return 'no /usr/bin/python3';
  try {
    await run(PYTHON, ['-c', 'import qgis.core'], { env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' } });
    return null;
  } catch {
    return 'QGIS\'s Python bindings are not installed: apt-get install python3-qgis';
  }
};
const tool = (missing: string | null): string | null => (missing && !process.env.CI ? missing : null);
const demoSkip = demoSkipReason();
const skipOws = demoSkip ?? tool(await owslibMissing());
const skipQgis = demoSkip ?? tool(await qgisMissing());
const skipGdal = demoSkip ?? tool(OGRINFO ? null : 'ogrinfo (gdal-bin) is not installed: apt-get install gdal-bin');
const skipPdf = demoSkip ?? tool(SOFFICE && PDFTOTEXT && PDFINFO ? null : 'soffice or pdftotext/pdfinfo missing: apt-get install libreoffice-calc-nogui poppler-utils');
for (const [what, why] of [['OWSLib', skipOws], ['QGIS', skipQgis], ['GDAL', skipGdal], ['XLSX → PDF', skipPdf]]) if (why) console.warn(`tests/server/partners.test.ts: ${what} tests skipped: ${why}`);

const dir = mkdtempSync(join(tmpdir(), 'covgap-partners-'));
let srv: RunningServer;
beforeAll(async () => {
  if (demoSkip) return;
  srv = await startDemoWithCoverage();
}, DEMO_COVERAGE_TIMEOUT_MS);
afterAll(async () => {
  await srv?.close();
  rmSync(dir, { recursive: true, force: true });
});

const getJson = async (url: string, init?: RequestInit): Promise<any> => {
  const res = await fetch(url, init);
  expect(res.status, url).toBe(200);
  return res.json();
};

/** The demo's figures (geodata/README.md): the seed calibrates the sites to 138 villages without signal. */
const DEMO_COUNTS = { sites: 1217, villages: 2000, 'village-boundaries': 2000, communes: 56, province: 1, gaps: 138 };

describe.skipIf(skipOws !== null)('OWSLib (python3-owslib) reads the service', () => {
  it('opens the landing page, lists the collections, reads the 138 gaps, and a datetime query', async () => {
    const script = `
import json, sys
from owslib.ogcapi.features import Features
w = Features(sys.argv[1])
gaps = w.collection_items('gaps', limit=1000)
dated = w.collection_items('sites', datetime='2025-01-01T00:00:00Z/..', limit=1)
print(json.dumps({
  'title': w.response['title'],
  'conformance': w.conformance()['conformsTo'],
  'collections': w.feature_collections(),
  'openapi': w.api()['openapi'],
  'gapsMatched': gaps['numberMatched'], 'gapsRead': len(gaps['features']),
  'gap1': gaps['features'][0]['properties'],
  'datedMatched': dated['numberMatched'],
}))`;
    const { stdout } = await run(PYTHON as string, ['-c', script, srv.url], { timeout: 120_000 });
    const r = JSON.parse(stdout);
    expect(r.title).toBe('covgap: Cao Bằng (demo)');
    expect(r.conformance).toContain('http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core');
    expect(r.collections).toEqual(['sites', 'villages', 'village-boundaries', 'communes', 'power-lines', 'province', 'gaps']);
    expect(r.openapi).toBe('3.0.3');
    expect([r.gapsMatched, r.gapsRead]).toEqual([DEMO_COUNTS.gaps, DEMO_COUNTS.gaps]);
    expect(r.gap1).toMatchObject({ rank: 1, site1Id: r.gap1.nearestSites[0].id, site1DistanceM: r.gap1.nearestSites[0].distanceM });
    expect(r.datedMatched).toBe(DEMO_COUNTS.sites);
  });
});

describe.skipIf(skipQgis !== null)('QGIS\'s OAPIF provider (python3-qgis, headless) reads every layer', () => {
  it('every collection valid with its count; the flat fields typed and filled where the nested lists are NULL', async () => {
    const script = `
import json, os, sys
from qgis.core import QgsApplication, QgsVectorLayer
app = QgsApplication([], False)
app.initQgis()
out = {}
for name in sys.argv[2].split(','):
    layer = QgsVectorLayer(f"url='{sys.argv[1]}' typename='{name}'", name, 'OAPIF')
    if not layer.isValid():
        out[name] = {'valid': False, 'error': layer.error().summary()}
        continue
    feats = list(layer.getFeatures())
    fields = {f.name(): f.typeName() for f in layer.fields()}
    first = {k: (None if feats[0][k] is None or str(feats[0][k]) == 'NULL' else feats[0][k]) for k in fields if k in sys.argv[3].split(',')}
    out[name] = {'valid': True, 'count': layer.featureCount(), 'read': len(feats), 'types': fields, 'first': first}
print(json.dumps(out, default=str), flush=True)
# QGIS 3.22 may crash in exitQgis() while layers are still referenced: leave without it
os._exit(0)`;
    const { collections } = await getJson(`${srv.url}/collections`);
    const ids = collections.map((c: { id: string }) => c.id);
    const show = ['site1Id', 'site1DistanceM', 'site1LevelDbm', 'reasonTextEn', 'nearestSites', 'techs', 'has5G', 'maxEirpDbm', 'cells'];
    const { stdout } = await run(PYTHON as string, ['-c', script, srv.url, ids.join(','), show.join(',')], {
      timeout: 300_000, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, QT_QPA_PLATFORM: 'offscreen' },
    });
    const r = JSON.parse(stdout.slice(stdout.indexOf('{')));
    for (const c of collections) {
      const n = (await getJson(`${srv.url}/collections/${c.id}/items?limit=1`)).numberMatched;
      expect(r[c.id], c.id).toMatchObject({ valid: true, count: n, read: n });
    }
    expect(r.gaps.count).toBe(DEMO_COUNTS.gaps);
    const gap = (await getJson(`${srv.url}/collections/gaps/items?limit=1`)).features[0].properties;
    expect(r.gaps.types).toMatchObject({ site1Id: 'String', site1DistanceM: 'Integer', site1LevelDbm: 'Real', reasonTextEn: 'String' });
    expect(r.gaps.first).toEqual({ site1Id: gap.site1Id, site1DistanceM: gap.site1DistanceM, site1LevelDbm: gap.site1LevelDbm, reasonTextEn: gap.reasonTextEn, nearestSites: null });
    const site = (await getJson(`${srv.url}/collections/sites/items?limit=1`)).features[0].properties;
    expect(r.sites.types).toMatchObject({ techs: 'String', has5G: 'Boolean' });
    expect(r.sites.first).toEqual({ techs: site.techs, has5G: site.has5G, maxEirpDbm: site.maxEirpDbm, cells: null });
  }, 300_000);
});

describe.skipIf(demoSkip !== null)('datetime on every items endpoint', () => {
  it('datetime=2025-01-01T00:00:00Z/.. answers 200 with every feature, on every collection', async () => {
    const { collections } = await getJson(`${srv.url}/collections`);
    expect(collections.length).toBe(7);
    for (const c of collections) {
      const plain = await getJson(`${srv.url}/collections/${c.id}/items?limit=1`);
      const dated = await getJson(`${srv.url}/collections/${c.id}/items?limit=1&datetime=2025-01-01T00:00:00Z/..`);
      expect(dated.numberMatched, c.id).toBe(plain.numberMatched);
    }
  });
});

describe.skipIf(skipGdal !== null)('GDAL\'s OAPIF driver (ogrinfo) reads every collection', () => {
  const ogr = async (...args: string[]): Promise<string> =>
    (await run(OGRINFO as string, args, { timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, GDAL_HTTP_TIMEOUT: '60' } })).stdout;

  it('every collection with the count the API reports (1217 sites, 56 communes, 1 province, 138 gaps)', async () => {
    const { collections } = await getJson(`${srv.url}/collections`);
    const layers = await ogr('-ro', '-q', `OAPIF:${srv.url}`);
    for (const c of collections) {
      expect(layers, c.id).toMatch(new RegExp(`^\\d+: ${c.id} \\(`, 'm'));
      const n = (await getJson(`${srv.url}/collections/${c.id}/items?limit=1`)).numberMatched;
      if (c.id in DEMO_COUNTS) expect(n, c.id).toBe(DEMO_COUNTS[c.id as keyof typeof DEMO_COUNTS]);
      expect(await ogr('-so', `OAPIF:${srv.url}`, c.id), c.id).toContain(`Feature Count: ${n}\n`);
    }
    // the villages are points, their boundaries polygons: one geometry type per layer
    expect(await ogr('-so', `OAPIF:${srv.url}`, 'villages')).toMatch(/Geometry: Point\n/);
    expect(await ogr('-so', `OAPIF:${srv.url}`, 'village-boundaries')).toMatch(/Geometry: Polygon\n/);
  });

  it('gaps and sites: the flat fields, typed, with the values of the JSON', async () => {
    const gaps = await ogr('-so', `OAPIF:${srv.url}`, 'gaps');
    for (const field of ['rank: Integer', 'site1Id: String', 'site1Operator: String', 'site1DistanceM: Integer', 'site1BearingDeg: Real', 'site1LevelDbm: Real', 'site2DistanceM: Integer', 'site3Id: String', 'reasonTextVi: String', 'reasonTextEn: String', 'scorePopulation: Real', 'powerLineM: Integer', 'electrified: Integer(Boolean)']) {
      expect(gaps).toContain(`\n${field} `);
    }
    const first = (await getJson(`${srv.url}/collections/gaps/items?limit=1`)).features[0].properties;
    const one = await ogr('-ro', '-q', `OAPIF:${srv.url}`, 'gaps', '-fid', '1');
    expect(one).toContain(`site1Id (String) = ${first.site1Id}\n`);
    expect(one).toContain(`site1DistanceM (Integer) = ${first.site1DistanceM}\n`);
    expect(one).toContain(`reasonTextEn (String) = ${first.reasonTextEn}\n`);
    expect(one).toContain(`villageName (String) = ${first.name}\n`);

    const sites = await ogr('-so', `OAPIF:${srv.url}`, 'sites');
    for (const field of ['techs: String', 'has2G: Integer(Boolean)', 'has5G: Integer(Boolean)', 'cellCount: Integer', 'freqsMHz: String']) expect(sites).toContain(`\n${field} `);
    expect(sites).toMatch(/\nmaxEirpDbm: (Integer|Real) /);
    const site = (await getJson(`${srv.url}/collections/sites/items?limit=1`)).features[0].properties;
    const s1 = await ogr('-ro', '-q', `OAPIF:${srv.url}`, 'sites', '-fid', '1');
    expect(s1).toContain(`techs (String) = ${site.techs}\n`);
    expect(site.techs).toMatch(/^(2G|3G|4G|5G)(,(3G|4G|5G))*$/);
  });
});

describe.skipIf(demoSkip !== null)('what the API serves', () => {
  it('every polygon has its exterior counterclockwise and its holes clockwise (RFC 7946 §3.1.6)', async () => {
    const { collections } = await getJson(`${srv.url}/collections`);
    let polygons = 0;
    const bad: string[] = [];
    const check = (where: string, g: GeoJSON.Geometry | null) => {
      if (g?.type === 'Polygon' || g?.type === 'MultiPolygon') polygons++;
      for (const p of windingProblems(g)) bad.push(`${where}: ${p}`);
    };
    for (const c of collections) {
      const page = await getJson(`${srv.url}/collections/${c.id}/items?limit=10000`);
      expect(page.numberReturned, c.id).toBe(page.numberMatched);
      for (const f of page.features) check(`${c.id}/${f.id}`, f.geometry);
      // and one feature on its own
      if (page.features[0]) check(`${c.id}/items/${page.features[0].id}`, (await getJson(`${srv.url}/collections/${c.id}/items/${encodeURIComponent(page.features[0].id)}`)).geometry);
    }
    // a coverage preview's contours, the other polygons the API serves
    const preview = await getJson(`${srv.url}/api/coverage/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/geo+json' },
      body: JSON.stringify({ type: 'Feature', geometry: { type: 'Point', coordinates: [106.25, 22.67] }, properties: { id: 'NEW-1', operator: 'Viettel', antennaHeightM: 30, cells: [{ tech: '4G', freqMHz: 1800, eirpDbm: 61 }] } }),
    });
    expect(preview.features.length).toBeGreaterThan(0);
    for (const f of preview.features) check(`preview/${f.properties.tech}`, f.geometry);
    expect(bad).toEqual([]);
    expect(polygons).toBeGreaterThanOrEqual(DEMO_COUNTS.communes + DEMO_COUNTS.province + 2);
  });

  it('the OpenAPI document of the full server (gaps, coverage, scenarios) passes the linter (redocly.yaml) with zero problems', async () => {
    const { lintFromString, loadConfig } = await import('@redocly/openapi-core');
    const source = await (await fetch(`${srv.url}/openapi.json`)).text();
    expect(Object.keys(JSON.parse(source).paths)).toEqual(expect.arrayContaining(['/collections/gaps/items', '/api/stats', '/api/coverage/status', '/api/scenarios']));
    const problems = await lintFromString({ source, absoluteRef: `${srv.url}/openapi.json`, config: await loadConfig({ configPath: 'redocly.yaml' }) });
    expect(problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`)).toEqual([]);
  });

  it('every link of the landing page, the collections and an items page has a registered media type, and its target answers with it', async () => {
    // IANA's register as the mime-db package holds it, and the one IANA vendor type mime-db lacks:
    // application/vnd.oai.openapi+json (registered by the OpenAPI Initiative), which OGC API names for service-desc
    const registered = (type: string) => {
      const essence = type.split(';')[0].trim().toLowerCase();
      return MIME_DB[essence]?.source === 'iana' || essence === 'application/vnd.oai.openapi+json';
    };
    const links: { from: string; href: string; rel: string; type?: string }[] = [];
    const collect = (from: string, doc: { links?: { href: string; rel: string; type?: string }[] }) => doc.links?.forEach((l) => links.push({ from, ...l }));
    collect('/', await getJson(`${srv.url}/`));
    const colls = await getJson(`${srv.url}/collections`);
    collect('/collections', colls);
    for (const c of colls.collections) {
      collect(`/collections (${c.id})`, c);
      collect(`/collections/${c.id}`, await getJson(`${srv.url}/collections/${c.id}`));
      collect(`/collections/${c.id}/items`, await getJson(`${srv.url}/collections/${c.id}/items?limit=2`));
    }
    expect(links.filter((l) => l.rel === 'enclosure').length).toBe(5);
    const unregistered = links.filter((l) => !l.type || !registered(l.type)).map((l) => `${l.from} rel=${l.rel}: ${JSON.stringify(l.type)}`);
    expect(unregistered).toEqual([]);
    for (const href of new Set(links.map((l) => l.href))) {
      const l = links.find((x) => x.href === href)!;
      const res = await fetch(href, { headers: { accept: (l.type as string).split(';')[0] } });
      expect(res.status, href).toBe(200);
      expect(res.headers.get('content-type')?.split(';')[0], href).toBe((l.type as string).split(';')[0]);
      await res.arrayBuffer();
    }
  });
});

describe.skipIf(skipPdf !== null)('LibreOffice opens the CSV and prints the XLSX', () => {
  /** soffice with a profile of its own, so that it neither waits for nor disturbs another running instance. */
  const toPdf = async (xlsx: string): Promise<string> => {
    const profile = `file://${join(dir, 'soffice-profile')}`;
    await run(SOFFICE as string, [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, xlsx], { timeout: 180_000 });
    return xlsx.replace(/\.xlsx$/, '.pdf');
  };
  const pageText = async (pdf: string, page: number): Promise<string> => (await run(PDFTOTEXT as string, ['-f', String(page), '-l', String(page), '-layout', pdf, '-'])).stdout;

  it('a CSV with codes=text opens with the commune codes as text, leading zero kept; the plain one loses it', async () => {
    const ExcelJS = (await import('exceljs')).default;
    const codes: Record<string, unknown[]> = {};
    for (const mode of ['plain', 'text']) {
      const csv = join(dir, `gaps-${mode}.csv`);
      writeFileSync(csv, Buffer.from(await (await fetch(`${srv.url}/collections/gaps/items?f=csv&lang=en&codes=${mode}`)).arrayBuffer()));
      // File → Open with Character set UTF-8 and Separator comma, the other options as they come
      await run(SOFFICE as string, [`-env:UserInstallation=file://${join(dir, 'soffice-profile')}`, '--headless', '--infilter=CSV:44,34,76,1', '--convert-to', 'xlsx', '--outdir', join(dir, mode), csv], { timeout: 180_000 });
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, mode, `gaps-${mode}.xlsx`));
      const ws = wb.worksheets[0];
      const col = (ws.getRow(1).values as unknown[]).indexOf('Commune code');
      expect(col, mode).toBeGreaterThan(0);
      codes[mode] = (ws.getColumn(col).values as unknown[]).slice(2).map((v) => (v && typeof v === 'object' && 'result' in v ? (v as { result: unknown }).result : v));
    }
    const gaps = (await getJson(`${srv.url}/collections/gaps/items?limit=1000`)).features.map((f: { properties: { communeId: string } }) => f.properties.communeId);
    expect(gaps.length).toBe(DEMO_COUNTS.gaps);
    expect(gaps.every((c: string) => /^0\d{4}$/.test(c))).toBe(true); // Cao Bằng's codes all start with 0
    expect(codes.text).toEqual(gaps);
    expect(codes.plain).toEqual(gaps.map(Number)); // what a spreadsheet makes of the plain CSV
  }, 240_000);

  for (const [lang, headers, total] of [
    ['vi', ['Tên thôn/bản', 'Kinh độ', 'Xã/phường', 'Lý do'], 'Tổng cộng'],
    ['en', ['Village id', 'Longitude', 'Population', 'Reason'], 'Total'],
  ] as const) {
    it(`${lang}: landscape pages, the header row on every page of the gap list, ≤ 6 pages for the 138 gaps`, async () => {
      const res = await fetch(`${srv.url}/collections/gaps/items?f=xlsx&lang=${lang}`);
      expect(res.status).toBe(200);
      const xlsx = join(dir, `gaps-${lang}.xlsx`);
      writeFileSync(xlsx, Buffer.from(await res.arrayBuffer()));
      const pdf = await toPdf(xlsx);
      const info = (await run(PDFINFO as string, ['-f', '1', '-l', '99', pdf])).stdout;
      const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
      console.log(`XLSX (${lang}, ${DEMO_COUNTS.gaps} gaps) → PDF: ${pages} pages`);
      expect(pages).toBeLessThanOrEqual(6);
      const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((m) => [Number(m[1]), Number(m[2])]);
      expect(sizes.length).toBe(pages);
      for (const [w, h] of sizes) expect(w).toBeGreaterThan(h); // landscape
      // the gap list takes pages 1 … pages − 1 (at least two), the totals by commune the last one
      expect(pages).toBeGreaterThanOrEqual(3);
      for (let p = 1; p < pages; p++) {
        const text = await pageText(pdf, p);
        for (const h of headers) expect(text, `page ${p}`).toContain(h);
      }
      const page2 = await pageText(pdf, 2);
      // page 2 goes on with the list (rows: rank, then the village id, e.g. "38 01360-019"), under its own header
      const ranks = [...page2.matchAll(/^\s*(\d{1,3}) +\d{5}-\d{3} /gm)].map((m) => Number(m[1]));
      expect(ranks.length).toBeGreaterThan(10);
      expect(Math.min(...ranks)).toBeGreaterThan(1);
      expect(await pageText(pdf, pages)).toContain(total);
      // booleans as words, not TRUE/FALSE or 1/0
      expect(page2).toMatch(lang === 'vi' ? /\b(có|không)\b/ : /\b(yes|no)\b/);
    }, 240_000);
  }
});
