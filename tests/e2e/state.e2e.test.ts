/**
 * One client state (issue 23, Build 4) in Chromium on the demo province: showing a scenario from
 * the scenario bar and switching the language swap the data in place. No navigation happens (a
 * marker set on `window` survives, the navigation entries stay one), the map keeps its view and the
 * layers the user chose, the coverage layer stays on with the scenario's tiles, the villages stay
 * coloured by signal status (recoloured by the scenario's analysis), and the swap takes < 5 s warm.
 * Screenshots: tests/e2e/screenshots/state-*.png.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import type { Page } from 'playwright-core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { COVERAGE_TIMEOUT_MS, SCREENSHOT_DIR, idle, kpiNoSignal, openCoverageApp, type CoverageApp } from './harness';

type W = Window & { __marker?: number; __covgap?: { map: MapLibreMap; scenario: string | null; coverage?: { status(): { state: string } | null } } };

const problems: string[] = [];
let app: CoverageApp;
let scenarioId = '';
let scenarioNoSignal = 0;
let addedSite = '';

/** A station 200 m east of a gap village (as plan mode would place it). */
const station = (id: string, lon: number, lat: number) => ({
  type: 'Feature', geometry: { type: 'Point', coordinates: [lon + 0.002, lat] },
  properties: { id, name: `Trạm ${id}`, operator: 'Viettel', antennaHeightM: 40, status: 'planned', power: 'solar', backhaul: 'microwave', cells: [{ tech: '2G', freqMHz: 900, eirpDbm: 56 }, { tech: '4G', freqMHz: 1800, eirpDbm: 61 }] },
});

/** What the page shows that a swap must keep or change. */
const snapshot = (page: Page) => page.evaluate(() => {
  const w = window as W;
  const map = w.__covgap!.map;
  const coverage = map.getSource('coverage') as unknown as { tiles: string[] } | undefined;
  return {
    marker: w.__marker ?? null,
    navigations: performance.getEntriesByType('navigation').length,
    center: map.getCenter().toArray(),
    zoom: map.getZoom(),
    coverageVisibility: map.getLayer('coverage') ? map.getLayoutProperty('coverage', 'visibility') : 'absent',
    coverageTiles: coverage?.tiles[0] ?? '',
    villageColour: JSON.stringify(map.getPaintProperty('villages', 'circle-color')),
    powerLines: map.getLayoutProperty('power-lines', 'visibility'),
    layersTitle: document.querySelector('#layer-switcher h2')?.textContent ?? '',
    barLabel: document.querySelector('#scenario-bar .scenario-label')?.textContent ?? '',
    hash: location.hash,
  };
});

/** Villages whose gapStatus on the map is noSignal or noPower (the analysis the map is coloured by). */
const gapsOnMap = (page: Page) => page.evaluate(() => {
  const s = (window as W).__covgap!.map.getSource('villages') as unknown as { serialize(): { data: { features: { properties: { gapStatus?: string } }[] } } };
  return s.serialize().data.features.filter((f) => f.properties.gapStatus === 'noSignal' || f.properties.gapStatus === 'noPower').length;
});

describe('one client state: scenario and language swapped in place', () => {
  beforeAll(async () => {
    app = await openCoverageApp(problems, undefined, async (server) => {
      // a scenario with stations by six gap villages, stored before the page lists the scenarios
      for (let i = 0; i < 600; i++) {
        const st = await (await fetch(`${server.url}/api/coverage/status`)).json();
        if (st.state === 'ready') break;
        await new Promise((r) => setTimeout(r, 1000));
      }
      const gaps = (await (await fetch(`${server.url}/collections/gaps/items?limit=6`)).json()).features as { geometry: { coordinates: [number, number] } }[];
      const edits = gaps.map((g, i) => ({ op: 'add', site: station(`STATE-${i}`, ...g.geometry.coordinates) }));
      addedSite = 'STATE-0';
      const res = await fetch(`${server.url}/api/scenarios`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Six stations', edits }) });
      scenarioId = (await res.json()).id as string;
      // its coverage computed before the page asks for it (what "the warm demo" means for a scenario)
      for (let i = 0; i < 600; i++) {
        const stats = await fetch(`${server.url}/api/stats?scenario=${scenarioId}`);
        if (stats.status === 200) {
          scenarioNoSignal = (await stats.json()).villagesWithoutSignal;
          break;
        }
        await stats.body?.cancel();
        await new Promise((r) => setTimeout(r, 1000));
      }
    });
  }, 900_000);

  afterAll(async () => {
    await app?.browser.close();
    await app?.server.close();
  });

  it('shows a scenario from the scenario bar without a reload, keeping view, coverage layer and signal colours, in < 5 s', async () => {
    const { page } = app;
    const baseline = await kpiNoSignal(page);
    expect(scenarioNoSignal).toBeLessThan(baseline);
    await page.waitForFunction(() => (window as W).__covgap!.coverage?.status()?.state === 'ready', undefined, { timeout: COVERAGE_TIMEOUT_MS, polling: 500 });
    // the user's choices: the coverage layer on, power lines off, a view of their own
    await page.click('#coverage-show');
    await page.click('#layer-switcher input[data-group="powerLines"]');
    await page.evaluate(() => (window as W).__covgap!.map.jumpTo({ center: [106.05, 22.62], zoom: 10.5 }));
    await idle(page);
    await page.evaluate(() => ((window as W).__marker = 42));
    const before = await snapshot(page);
    expect(before.coverageVisibility).toBe('visible');
    expect(before.coverageTiles).not.toContain('scenario=');
    expect(before.villageColour).toContain('gapStatus');
    expect(before.powerLines).toBe('none');
    expect(await gapsOnMap(page)).toBe(baseline);

    const startMs = Date.now();
    await page.locator('#scenario-picker').selectOption(scenarioId);
    // done: the KPI header, the map's colours and the coverage tiles are the scenario's
    await page.waitForFunction((id) => document.getElementById('gap-kpi')?.dataset.scenario === id && document.getElementById('coverage-panel')?.dataset.scenario === id, scenarioId, { timeout: 60_000, polling: 50 });
    const tookMs = Date.now() - startMs;
    console.log(`scenario shown in place in ${tookMs} ms`);
    await idle(page);
    const after = await snapshot(page);
    writeFileSync(join(SCREENSHOT_DIR, 'state-scenario.png'), await page.screenshot());

    expect(after.marker).toBe(42); // the same document: no reload
    expect(after.navigations).toBe(before.navigations);
    expect(after.center[0]).toBeCloseTo(before.center[0], 6);
    expect(after.center[1]).toBeCloseTo(before.center[1], 6);
    expect(after.zoom).toBeCloseTo(before.zoom, 6);
    expect(after.coverageVisibility).toBe('visible');
    expect(after.coverageTiles).toContain(`scenario=${scenarioId}`);
    expect(after.villageColour).toContain('gapStatus'); // by signal, not by power
    expect(after.powerLines).toBe('none');
    expect(after.hash).toContain(`scenario=${scenarioId}`);
    expect(after.barLabel).toBe('On screen: scenario Six stations');
    expect(await kpiNoSignal(page)).toBe(scenarioNoSignal);
    expect(await gapsOnMap(page)).toBe(scenarioNoSignal);
    // the scenario's stations are on the map
    await page.waitForFunction((id) => (window as W).__covgap!.map.querySourceFeatures('sites').some((f) => f.properties.id === id), addedSite, { timeout: 10_000 });
    expect(tookMs).toBeLessThan(5000);

    // and back to the baseline, the same way
    await page.locator('#scenario-picker').selectOption('baseline');
    await page.waitForFunction(() => document.getElementById('gap-kpi')?.dataset.scenario === 'baseline' && document.getElementById('coverage-panel')?.dataset.scenario === 'baseline', undefined, { timeout: 60_000, polling: 50 });
    expect(await kpiNoSignal(page)).toBe(baseline);
    expect((await snapshot(page)).marker).toBe(42);
    expect(await page.evaluate(() => (window as W).__covgap!.map.querySourceFeatures('sites').some((f) => String(f.properties.id).startsWith('STATE-')))).toBe(false);
    expect(problems).toEqual([]);
  }, 300_000);

  it('switches the language without a reload: the texts change, the layers and view stay', async () => {
    const { page } = app;
    const before = await snapshot(page);
    expect(before.layersTitle).toBe('Layers');
    await page.click('#panel button[data-lang="vi"]');
    await page.waitForFunction(() => document.documentElement.lang === 'vi', undefined, { timeout: 10_000 });
    const after = await snapshot(page);
    expect(after.marker).toBe(42);
    expect(after.navigations).toBe(before.navigations);
    expect(after.layersTitle).not.toBe(before.layersTitle);
    expect(after.barLabel).not.toBe(before.barLabel);
    expect(await page.locator('#gap-kpi [data-kpi="kpi.noSignal"] span').textContent()).toBe('Thôn bản chưa có sóng');
    expect(after.center).toEqual(before.center);
    expect(after.zoom).toBe(before.zoom);
    expect(after.coverageVisibility).toBe('visible');
    expect(after.powerLines).toBe('none');
    expect(after.villageColour).toContain('gapStatus');
    expect(after.hash).toContain('lang=vi');
    expect(after.hash).toContain('hide=powerLines');
    writeFileSync(join(SCREENSHOT_DIR, 'state-language.png'), await page.screenshot());
    expect(problems).toEqual([]);
  }, 120_000);
});
