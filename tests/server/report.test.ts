/**
 * The one-page reports as PDF over real HTTP, on the demo province with its coverage and the built
 * web client: a scenario against the baseline (Vietnamese) and two scenarios compared (English),
 * printed by the server's headless Chromium, read back with poppler (pdfinfo, pdffonts,
 * pdftotext, pdftoppm): one A4 page, the fonts embedded, the title, the KPI labels with their
 * diacritics and the station ids in the text, and a map that is not blank in the picture.
 *
 * Needs Debian's chromium and poppler-utils (.ci/run installs both); without them the tests are
 * skipped with the reason, except in CI.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, ensureClientBuilt } from '../../scripts/build-client';
import { decodePng } from '../../server/http/pngDecode';
import type { RunningServer } from '../../server/main';
import { DEMO_COVERAGE_TIMEOUT_MS, demoSkipReason, startDemoWithCoverage } from './demo.helpers';

const run = promisify(execFile);
const CHROMIUM = '/usr/bin/chromium';
const missing = [CHROMIUM, '/usr/bin/pdftotext', '/usr/bin/pdfinfo', '/usr/bin/pdftoppm', '/usr/bin/pdffonts'].filter((p) => !existsSync(p));
const skip = demoSkipReason() ?? (missing.length > 0 && !process.env.CI ? `${missing.join(', ')} missing: apt-get install chromium poppler-utils` : null);
if (skip) console.warn(`tests/server/report.test.ts skipped: ${skip}`);

/** Render resolution of the check pictures, pixels per inch (A4 = 413 × 585 px). */
const DPI = 50;
const mm = (x: number) => Math.round((x * DPI) / 25.4);

const dir = mkdtempSync(join(tmpdir(), 'covgap-report-'));
let srv: RunningServer;
let gaps: { geometry: { coordinates: [number, number] }; properties: { id: string; name: string } }[] = [];

beforeAll(async () => {
  if (skip) return;
  await ensureClientBuilt({ quiet: true });
  srv = await startDemoWithCoverage(undefined, { clientDir: join(REPO_ROOT, 'dist', 'client') });
  gaps = (await (await fetch(`${srv.url}/collections/gaps/items?limit=1000`)).json()).features;
}, DEMO_COVERAGE_TIMEOUT_MS);
afterAll(async () => {
  await srv?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A planned 4G station beside gap village `k` (the villages are far apart: each station serves its own). */
const station = (id: string, k: number, operator: string) => ({
  op: 'add',
  site: {
    type: 'Feature', geometry: { type: 'Point', coordinates: [gaps[k].geometry.coordinates[0] + 0.002, gaps[k].geometry.coordinates[1] + 0.002] },
    properties: { id, name: `Trạm ${id}`, operator, antennaHeightM: 40, status: 'planned', power: k % 2 ? 'solar' : 'grid', backhaul: 'microwave', cells: [{ tech: '4G', freqMHz: 900, eirpDbm: 61 }] },
  },
});
const create = async (name: string, edits: unknown[]): Promise<string> => {
  const res = await fetch(`${srv.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, edits }) });
  expect(res.status).toBe(201);
  return (await res.json()).id;
};
/** GET until the sides are evaluated (503 with progress meanwhile), then the PDF saved to `file`. */
const pdf = async (path: string, file: string): Promise<string> => {
  for (let i = 0; ; i++) {
    const res = await fetch(`${srv.url}${path}`);
    const body = Buffer.from(await res.arrayBuffer());
    if (res.status === 503 && JSON.parse(body.toString()).progress && i < 600) {
      await new Promise((r) => setTimeout(r, 1000));
      continue;
    }
    expect(res.status, `${path}: ${res.status !== 200 ? body.toString() : ''}`).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const out = join(dir, file);
    writeFileSync(out, body);
    return out;
  }
};

interface Read { pages: number; widthPt: number; heightPt: number; text: string; fonts: string }
const read = async (file: string): Promise<Read> => {
  const info = (await run('pdfinfo', [file])).stdout;
  const [w, h] = (/Page size:\s+([\d.]+) x ([\d.]+)/.exec(info) ?? []).slice(1).map(Number);
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1]), widthPt: w, heightPt: h,
    text: (await run('pdftotext', [file, '-'])).stdout.replace(/\s+/g, ' '),
    fonts: (await run('pdffonts', [file])).stdout,
  };
};

/** Share of the map's box (left column under the title) that is drawn, and its red (villages without signal) pixels. */
const mapPixels = async (file: string): Promise<{ drawn: number; red: number }> => {
  await run('pdftoppm', ['-r', String(DPI), '-png', '-singlefile', file, join(dir, 'page')]);
  const { width, channels, pixels } = decodePng(readFileSync(join(dir, 'page.png')));
  // the map: 120 mm wide from the 10 mm margin, below the ~25 mm title; its upper 55 mm
  const [x0, x1, y0, y1] = [mm(12), mm(128), mm(30), mm(85)];
  let drawn = 0, red = 0;
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const i = (y * width + x) * channels;
      const [r, g, b] = [pixels[i], pixels[i + 1], pixels[i + 2]];
      if (r < 245 || g < 245 || b < 245) drawn++;
      if (r > 180 && g < 100 && b < 100) red++;
    }
  }
  return { drawn: drawn / ((x1 - x0) * (y1 - y0)), red };
};

describe.skipIf(skip !== null)('the one-page reports as PDF', () => {
  let a = '', b = '';
  beforeAll(async () => {
    a = await create('Phương án A: sáu trạm mới', [0, 10, 20, 30, 40, 50].map((k, i) => station(`PA-${i + 1}`, k, ['Viettel', 'MobiFone'][i % 2])));
    b = await create('Phương án B: bốn trạm', [5, 25, 45, 65].map((k, i) => station(`PB-${i + 1}`, k, 'VNPT/Vinaphone')));
  });

  it('a scenario against the baseline, in Vietnamese: one A4 page with the title, the figures, the stations and the map', async () => {
    const file = await pdf(`/api/scenarios/${a}/report.pdf`, 'scenario.pdf');
    const r = await read(file);
    expect(r.pages).toBe(1);
    expect(r.widthPt).toBeCloseTo(595, 0); // A4: 210 × 297 mm
    expect(r.heightPt).toBeCloseTo(842, 0);
    expect(r.text).toContain('Báo cáo kịch bản: Phương án A: sáu trạm mới');
    for (const label of ['Thôn bản có sóng', 'Dân số được phủ sóng', 'Thôn bản chưa có điện lưới, chưa có sóng', 'Thôn bản có sóng theo xã: trước và sau', 'Trạm đề xuất', 'Ghi chú về dữ liệu', 'xây mới']) expect(r.text).toContain(label);
    for (let i = 1; i <= 6; i++) expect(r.text).toContain(`PA-${i}`);
    // the first village the first station serves (as its work order lists them), diacritics and all
    const orders = (await (await fetch(`${srv.url}/api/scenarios/${a}/work-orders`)).json()) as { features: { properties: { village_names: string | null; cost: number; cost_operator: number } }[] };
    const first = orders.features[0].properties;
    expect(r.text).toContain(first.village_names!.split(', ')[0]);
    // the cost by payer: in the figures and the station's row, in millions of đồng
    expect(r.text).toMatch(/Chi phí: [\d.]+ triệu VND — doanh nghiệp [\d.]+, quỹ viễn thông công ích [\d.]+, điện lực [\d.]+\./);
    expect(r.text).toContain(`${new Intl.NumberFormat('vi-VN').format(Math.round(first.cost / 1e6))} (${new Intl.NumberFormat('vi-VN').format(Math.round(first.cost_operator / 1e6))} /`);
    expect(r.text).toContain('dữ liệu giả lập'); // the data note: the demo is synthetic
    // the chart: its legend (SVG text) and the caption on the communes it leaves out
    for (const legend of [' Trước ', ' Sau ']) expect(r.text).toContain(legend);
    expect(r.text).toMatch(/Các xã khác \(\d+\) không thay đổi\./);
    // the fonts travel with the file: Noto Sans, every one embedded
    expect(r.fonts).toMatch(/NotoSans/);
    const rows = r.fonts.split('\n').slice(2).filter((l) => l.trim() !== '');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row, row).toMatch(/\byes\s+yes\s+yes\b/); // emb sub uni
    const map = await mapPixels(file);
    expect(map.drawn).toBeGreaterThan(0.9); // the province and its surroundings fill the box
    expect(map.red).toBeGreaterThan(20); // villages without signal are on it
  }, 300_000);

  it('two scenarios compared, in English: one A4 page with both names, the figures and the stations of B', async () => {
    const file = await pdf(`/api/scenarios/compare/report.pdf?a=${a}&b=${b}&lang=en`, 'compare.pdf');
    const r = await read(file);
    expect(r.pages).toBe(1);
    expect([Math.round(r.widthPt), Math.round(r.heightPt)]).toEqual([595, 842]);
    expect(r.text).toContain('Scenario comparison: Phương án A: sáu trạm mới and Phương án B: bốn trạm');
    for (const label of ['Villages with signal', 'People covered', 'Villages without grid power or signal', 'Villages with signal per commune: before and after', 'Proposed stations', 'About the data']) expect(r.text).toContain(label);
    for (let i = 1; i <= 4; i++) expect(r.text).toContain(`PB-${i}`);
    for (const legend of [' Before ', ' After ']) expect(r.text).toContain(legend); // the chart's legend
    expect(r.text).toMatch(/The other \d+ communes do not change\./);
    // B's stations are the proposal; A's are what B removes
    expect(r.text).not.toContain('PA-1 ');
    expect(r.text).toContain('Stations: 4 new, 0 upgraded, 6 removed.');
    const map = await mapPixels(file);
    expect(map.drawn).toBeGreaterThan(0.9);
    expect(map.red).toBeGreaterThan(20);
  }, 300_000);
});
