/**
 * Reads for leaders and partners over scenarios:
 *  - GET /api/scenarios/compare?a=ID&b=ID (either may be `baseline`): two networks side by side —
 *    villages gained and lost, people and households, villages without power, stations added,
 *    removed and changed, per commune and per operator (core/scenario/compare.ts);
 *  - GET /api/scenarios/{id}/work-orders?operator=&f=csv|xlsx|kml|geojson&lang=vi|en: the stations
 *    to build or upgrade, per operator, in build order, against the scenario's base
 *    (server/services/workOrders.ts).
 * 503 with progress while a side is evaluated; 404 for an unknown scenario.
 */
import { Router } from 'express';
import { tableCsv, tableGeoJson, tableKml, type Lang } from '../../core/export';
import { WORK_ORDER_COLUMNS, workOrderRows, workOrdersXlsx } from '../../core/export/workOrders';
import type { CoveragePipeline } from '../coverage/pipeline';
import { badRequest } from '../http/errors';
import { onlyParams, queryString } from '../http/params';
import { compare } from '../../core/scenario/compare';
import { buildOrder, comparisonCost } from '../services/stationCosts';
import { BASELINE } from '../../core/scenario/types';
import { resolveGapOptions } from '../../core/gaps/options';
import type { NetworkViews } from '../services/networkViews';
import type { ScenarioService } from '../services/scenarios';
import { workOrders } from '../services/workOrders';
import { operatorsOf } from '../../core/model/operators';
import type { Comparison } from '../../core/wire';

const ORDER_FORMATS = ['geojson', 'csv', 'xlsx', 'kml'] as const;
const ORDER_TYPES: Record<(typeof ORDER_FORMATS)[number], string> = {
  geojson: 'application/geo+json', csv: 'text/csv; charset=utf-8; header=present',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', kml: 'application/vnd.google-earth.kml+xml',
};

export function compareRoutes(views: NetworkViews, deps: { scenarios: ScenarioService; pipeline: CoveragePipeline }): Router {
  const router = Router();
  router.get('/api/scenarios/compare', async (req, res) => {
    onlyParams(req, ['a', 'b']);
    const side = async (name: 'a' | 'b') => {
      const id = queryString(req, name);
      if (id === undefined || id.trim() === '') throw badRequest(`${name}: give a scenario id or "baseline", e.g. /api/scenarios/compare?a=baseline&b=<scenario id>`);
      const v = await views.view(id);
      if (!v.gaps) throw badRequest('this server computes no coverage, so there is nothing to compare');
      return { id: v.id, gaps: v.gaps, sites: v.gaps.coverage.provider.sites };
    };
    const [a, b] = [await side('a'), await side('b')];
    const c = compare(a, b);
    // what the stations b adds or changes cost, by payer (against a's network, in b's build order: as the plan b was saved from)
    const edits = b.id === BASELINE ? [] : (await deps.scenarios.resolve(b.id))?.edits ?? [];
    const cost = await comparisonCost(deps.pipeline, a, b, c.stations, resolveGapOptions(a.gaps.options), buildOrder(edits));
    const byOperator = c.byOperator.map((o) => ({ ...o, cost: cost.byOperator[o.operator] ?? { operator: 0, fund: 0, powerUtility: 0, total: 0 } }));
    res.set('Cache-Control', 'no-cache').json({ ...c, byOperator, cost } satisfies Comparison);
  });

  router.get('/api/scenarios/:id/work-orders', async (req, res) => {
    onlyParams(req, ['operator', 'f', 'lang']);
    const f = queryString(req, 'f') ?? 'geojson';
    if (!(ORDER_FORMATS as readonly string[]).includes(f)) throw badRequest(`f: expected one of ${ORDER_FORMATS.join(', ')}, got ${JSON.stringify(f)}`);
    const lang = (queryString(req, 'lang') ?? 'vi') as Lang;
    if (lang !== 'vi' && lang !== 'en') throw badRequest(`lang: expected vi or en, got ${JSON.stringify(lang)}`);
    const resolved = await deps.scenarios.resolve(req.params.id);
    const view = await views.view(req.params.id);
    const baseView = resolved ? await views.view(resolved.scenario.base) : null;
    if (!resolved || !view.gaps || !baseView?.gaps || !views.baseline.gaps) throw badRequest('work orders are for a saved scenario on a server that computes coverage');
    const operators = operatorsOf(view.gaps.coverage.provider.sites);
    const op = queryString(req, 'operator');
    const operator = op === undefined || op === '' ? null : operators.find((x) => x.toLowerCase() === op.toLowerCase());
    if (operator === undefined) throw badRequest(`operator: expected one of ${operators.join(', ')}, got ${JSON.stringify(op)}`);
    const orders = await workOrders({
      pipeline: deps.pipeline,
      base: { id: baseView.id, gaps: baseView.gaps, sites: baseView.gaps.coverage.provider.sites },
      scenario: { resolved, gaps: view.gaps, sites: view.gaps.coverage.provider.sites },
      communes: views.baseline.gaps.data.communes,
    }, operator);
    const rows = workOrderRows(orders, lang);
    const title = `${lang === 'vi' ? 'Lệnh công việc' : 'Work orders'}: ${resolved.scenario.name}${operator ? ` — ${operator}` : ''}`;
    const base = `work-orders-${req.params.id}${operator ? `-${operator.replace(/[^\w.-]+/g, '-')}` : ''}`;
    const body = f === 'csv' ? Buffer.from(tableCsv(WORK_ORDER_COLUMNS, rows, lang))
      : f === 'xlsx' ? Buffer.from(workOrdersXlsx(orders, lang))
      : f === 'kml' ? Buffer.from(tableKml(title, WORK_ORDER_COLUMNS, rows, orders.map((w) => ({ name: w.site.name, lon: w.lon, lat: w.lat })), lang))
      : Buffer.from(JSON.stringify({ ...tableGeoJson(WORK_ORDER_COLUMNS, rows, orders.map((w) => ({ id: w.site.id, lon: w.lon, lat: w.lat }))), name: title }));
    if (f !== 'geojson') res.set('Content-Disposition', `attachment; filename="${base}.${f}"`);
    res.set('Cache-Control', 'no-store').type(ORDER_TYPES[f as keyof typeof ORDER_TYPES]).send(body);
  });
  return router;
}
