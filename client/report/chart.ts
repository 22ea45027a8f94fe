/**
 * The report's chart: villages with signal per commune, before and after, as grouped SVG bars
 * (d3-scale for the axes; the SVG is drawn here, attributes only, so it passes a strict CSP).
 * Only the communes the plan changes are drawn, sorted by their gain; the caption says how many
 * others stay as they are.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { svgEl as node } from '../ui/dom';

export interface CommuneBars {
  name: string;
  before: number;
  after: number;
}

export interface ChartOptions {
  /** Drawing size in CSS px (the report's chart box). */
  width: number;
  height: number;
  labels: { before: string; after: string };
  /** Bar colours. */
  colors?: { before: string; after: string };
}

const MARGIN = { top: 16, right: 6, bottom: 58, left: 30 }; // bottom: room for slanted commune names
const MAX_BAND_PX = 56;

/** "Xã Quảng Lâm" → "Quảng Lâm": the kind is the same on every bar. */
const shortName = (name: string): string => name.replace(/^(Xã|Phường|Thị trấn)\s+/u, '');

/**
 * @example
 * box.append(communeChart([{ name: 'Xã A', before: 3, after: 5 }], { width: 700, height: 200, labels: { before: 'Before', after: 'After' } }));
 */
export function communeChart(bars: readonly CommuneBars[], o: ChartOptions): SVGSVGElement {
  const colors = o.colors ?? { before: '#adb5bd', after: '#1971c2' };
  const svg = node('svg', { viewBox: `0 0 ${o.width} ${o.height}`, width: o.width, height: o.height, role: 'img', class: 'chart' }) as SVGSVGElement;
  // a few communes do not stretch into wide slabs: at most MAX_BAND_PX per commune
  const right = Math.min(o.width - MARGIN.right, MARGIN.left + bars.length * MAX_BAND_PX);
  const x = scaleBand<string>().domain(bars.map((_, i) => String(i))).range([MARGIN.left, right]).paddingInner(0.25).paddingOuter(0.1);
  const inner = scaleBand<string>().domain(['before', 'after']).range([0, x.bandwidth()]).padding(0.05);
  const max = Math.max(1, ...bars.flatMap((b) => [b.before, b.after]));
  const y = scaleLinear().domain([0, max]).nice().range([o.height - MARGIN.bottom, MARGIN.top]);

  // horizontal grid lines with their values
  for (const v of y.ticks(4)) {
    svg.append(node('line', { x1: MARGIN.left, x2: o.width - MARGIN.right, y1: y(v), y2: y(v), stroke: '#dee2e6', 'stroke-width': 0.6 }));
    svg.append(node('text', { x: MARGIN.left - 4, y: y(v) + 3, 'text-anchor': 'end', 'font-size': 8, fill: '#495057' }, String(v)));
  }
  bars.forEach((b, i) => {
    const x0 = x(String(i)) ?? 0;
    for (const k of ['before', 'after'] as const) {
      const v = b[k];
      svg.append(node('rect', { x: x0 + (inner(k) ?? 0), y: y(v), width: inner.bandwidth(), height: Math.max(0, y(0) - y(v)), fill: colors[k] }));
    }
    // the after value above its bar, so the gain reads without the grid
    svg.append(node('text', { x: x0 + (inner('after') ?? 0) + inner.bandwidth() / 2, y: y(b.after) - 2, 'text-anchor': 'middle', 'font-size': 7, fill: '#212529' }, String(b.after)));
    const lx = x0 + x.bandwidth() / 2, ly = o.height - MARGIN.bottom + 8;
    svg.append(node('text', { x: lx, y: ly, 'text-anchor': 'end', 'font-size': 8, fill: '#212529', transform: `rotate(-40 ${lx} ${ly})` }, shortName(b.name)));
  });
  svg.append(node('line', { x1: MARGIN.left, x2: o.width - MARGIN.right, y1: y(0), y2: y(0), stroke: '#495057', 'stroke-width': 0.8 }));
  // legend, top right
  let lx = o.width - MARGIN.right - 130;
  for (const k of ['before', 'after'] as const) {
    svg.append(node('rect', { x: lx, y: 2, width: 9, height: 9, fill: colors[k] }));
    svg.append(node('text', { x: lx + 12, y: 10, 'font-size': 8, fill: '#212529' }, o.labels[k]));
    lx += 65;
  }
  return svg;
}
