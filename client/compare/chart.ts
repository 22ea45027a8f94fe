/**
 * The per-commune bar chart of a comparison: villages with signal in A and in B, side by side,
 * communes sorted by the gain (d3-scale for the axes; SVG built with the DOM, no inline styles).
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import { svgEl as node } from '../ui/dom';

export interface CommuneBars {
  name: string;
  a: number;
  b: number;
}

/**
 * @example
 * root.append(communeChart([{ name: 'Bảo Lâm', a: 30, b: 36 }], { a: 'Hiện trạng', b: 'Kế hoạch A' }));
 */
export function communeChart(rows: readonly CommuneBars[], labels: { a: string; b: string }, width = 340): SVGSVGElement {
  const rowH = 18;
  const left = 110;
  const height = 28 + rows.length * rowH;
  const x = scaleLinear().domain([0, Math.max(1, ...rows.flatMap((r) => [r.a, r.b]))]).nice().range([left, width - 30]);
  const y = scaleBand<number>().domain(rows.map((_r, i) => i)).range([24, height - 4]).paddingInner(0.2);
  const svg = node('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'commune-chart', role: 'img' }) as SVGSVGElement;
  svg.append(node('rect', { x: 4, y: 4, width: 10, height: 10, class: 'bar-a' }), node('text', { x: 18, y: 13 }, labels.a));
  svg.append(node('rect', { x: left + 110, y: 4, width: 10, height: 10, class: 'bar-b' }), node('text', { x: left + 124, y: 13 }, labels.b));
  rows.forEach((r, i) => {
    const y0 = y(i) as number;
    const h = y.bandwidth() / 2;
    svg.append(
      node('text', { x: left - 4, y: y0 + h * 1.6, 'text-anchor': 'end', class: 'commune-name' }, r.name),
      node('rect', { x: left, y: y0, width: Math.max(0, x(r.a) - left), height: h, class: 'bar-a', 'data-commune': r.name }),
      node('rect', { x: left, y: y0 + h, width: Math.max(0, x(r.b) - left), height: h, class: 'bar-b', 'data-commune': r.name }),
      node('text', { x: x(Math.max(r.a, r.b)) + 3, y: y0 + h * 1.6, class: 'bar-value' }, r.b === r.a ? String(r.b) : `${r.a} → ${r.b}`),
    );
  });
  return svg;
}
