/**
 * The marginal-gain chart of a siting plan: villages with signal (share of all villages) after
 * each station of the build order, and the proven bound of any plan of that size drawn dashed
 * (d3-scale for the axes; SVG built with the DOM, no inline styles).
 */
import { scaleLinear } from 'd3-scale';
import { svgEl as node } from './dom';

export interface CurvePoint {
  k: number;
  /** Villages with signal after k stations, share 0…1. */
  share: number;
  /** The bound on it, share 0…1. */
  bound: number;
}

/**
 * @example
 * root.append(gainChart([{ k: 1, share: 0.944, bound: 0.945 }], 0.931, { plan: 'Plan', bound: 'Bound', stations: 'stations' }));
 */
export function gainChart(points: readonly CurvePoint[], before: number, labels: { plan: string; bound: string; stations: string }, width = 264, height = 150): SVGSVGElement {
  const left = 36, right = 8, top = 18, bottom = 26;
  const kMax = Math.max(1, ...points.map((p) => p.k));
  const lo = Math.max(0, Math.floor(Math.min(before, ...points.map((p) => p.share)) * 20) / 20);
  const x = scaleLinear().domain([0, kMax]).range([left, width - right]);
  const y = scaleLinear().domain([lo, 1]).range([height - bottom, top]);
  const svg = node('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'gain-chart', role: 'img' }) as SVGSVGElement;
  for (const v of y.ticks(4)) {
    svg.append(node('line', { x1: left, x2: width - right, y1: y(v), y2: y(v), class: 'grid' }));
    svg.append(node('text', { x: left - 4, y: y(v) + 3, 'text-anchor': 'end', class: 'tick' }, `${Math.round(v * 100)} %`));
  }
  for (const v of x.ticks(Math.min(6, kMax)).filter(Number.isInteger)) {
    svg.append(node('text', { x: x(v), y: height - bottom + 12, 'text-anchor': 'middle', class: 'tick' }, String(v)));
  }
  svg.append(node('text', { x: width - right, y: height - 3, 'text-anchor': 'end', class: 'tick' }, labels.stations));
  const path = (vals: [number, number][]) => vals.map(([k, s], i) => `${i ? 'L' : 'M'}${x(k).toFixed(1)},${y(s).toFixed(1)}`).join('');
  svg.append(node('path', { d: path([[0, before], ...points.map((p) => [p.k, Math.min(1, p.bound)] as [number, number])]), class: 'bound' }));
  svg.append(node('path', { d: path([[0, before], ...points.map((p) => [p.k, p.share] as [number, number])]), class: 'plan' }));
  for (const p of points) svg.append(node('circle', { cx: x(p.k), cy: y(p.share), r: 2.2, class: 'plan-dot' }));
  svg.append(node('line', { x1: left + 4, x2: left + 20, y1: 8, y2: 8, class: 'plan' }), node('text', { x: left + 24, y: 11, class: 'legend' }, labels.plan));
  svg.append(node('line', { x1: left + 80, x2: left + 96, y1: 8, y2: 8, class: 'bound' }), node('text', { x: left + 100, y: 11, class: 'legend' }, labels.bound));
  return svg;
}
