/**
 * The geometry of the profile chart as plain data (SVG path strings and points), from the
 * /api/profile answer: terrain (with the Earth bulge) filled, the line of sight from the antenna
 * top to the handset, the first Fresnel zone around it, the first obstruction. No DOM: profile.ts
 * draws it, tests check it.
 */
import type { ProfileAnswer } from '../../core/wire';

/** The /api/profile answer (the contract's ProfileAnswer). */
export type ProfileData = ProfileAnswer;

export interface ChartBox {
  width: number;
  height: number;
  /** Margins for the axes: left, right, top, bottom, pixels. */
  margin: { left: number; right: number; top: number; bottom: number };
}

export const DEFAULT_CHART_BOX: ChartBox = { width: 640, height: 260, margin: { left: 48, right: 12, top: 12, bottom: 32 } };

export interface ChartModel {
  /** Closed path of the ground, filled down to the x axis. */
  terrainPath: string;
  /** Line of sight from the antenna top to the handset. */
  los: { x1: number; y1: number; x2: number; y2: number };
  /** Closed path of the first Fresnel zone (upper edge out, lower edge back). */
  fresnelPath: string;
  /** The first obstruction (a point on the ground), or null when the line of sight is clear. */
  obstruction: { x: number; y: number } | null;
  xTicks: { x: number; label: string }[];
  yTicks: { y: number; label: string }[];
  /** The plot area. */
  plot: { x0: number; x1: number; y0: number; y1: number };
}

/** 1, 2 or 5 × 10^k: a tick step giving about `count` ticks over `span`. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = raw / p;
  return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
}

const f1 = (x: number): string => (Math.round(x * 10) / 10).toString();

/**
 * @example
 * const m = profileChartModel(profile); // m.terrainPath 'M48,228L48,…Z'
 */
export function profileChartModel(p: ProfileData, box: ChartBox = DEFAULT_CHART_BOX): ChartModel {
  const n = p.distancesM.length;
  const d = p.distancesM;
  const g = p.groundCurvedM;
  const r = p.fresnel.radiusM;
  const total = p.distanceM > 0 ? p.distanceM : d[n - 1] || 1;
  const txTop = g[0] + p.from.antennaHeightM;
  const rxTop = g[n - 1] + p.to.rxHeightM;
  const losAt = (x: number) => txTop + ((rxTop - txTop) * x) / total;
  // vertical extent: ground, antennas and the Fresnel zone, with a little air above
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(g[i])) continue;
    lo = Math.min(lo, g[i], losAt(d[i]) - r[i]);
    hi = Math.max(hi, g[i], losAt(d[i]) + r[i]);
  }
  hi = Math.max(hi, txTop, rxTop);
  if (!Number.isFinite(lo)) {
    lo = 0;
    hi = 1;
  }
  const pad = Math.max(10, (hi - lo) * 0.08);
  lo -= pad;
  hi += pad;
  const { width, height, margin } = box;
  const x0 = margin.left;
  const x1 = width - margin.right;
  const y0 = margin.top;
  const y1 = height - margin.bottom;
  const sx = (m: number) => x0 + ((x1 - x0) * m) / total;
  const sy = (m: number) => y1 - ((y1 - y0) * (m - lo)) / (hi - lo);

  const parts: string[] = [`M${f1(sx(0))},${f1(y1)}`];
  for (let i = 0; i < n; i++) if (Number.isFinite(g[i])) parts.push(`L${f1(sx(d[i]))},${f1(sy(g[i]))}`);
  parts.push(`L${f1(sx(total))},${f1(y1)}Z`);

  const upper: string[] = [];
  const lower: string[] = [];
  for (let i = 0; i < n; i++) {
    upper.push(`${f1(sx(d[i]))},${f1(sy(losAt(d[i]) + r[i]))}`);
    lower.push(`${f1(sx(d[i]))},${f1(sy(losAt(d[i]) - r[i]))}`);
  }
  const fresnelPath = `M${upper.join('L')}L${lower.reverse().join('L')}Z`;

  const ob = p.lineOfSight.obstruction;
  const xStep = niceStep(total / 1000, 6);
  const xTicks: ChartModel['xTicks'] = [];
  for (let km = 0; km <= total / 1000 + 1e-9; km += xStep) xTicks.push({ x: sx(km * 1000), label: f1(km) });
  const yStep = niceStep(hi - lo, 5);
  const yTicks: ChartModel['yTicks'] = [];
  for (let m = Math.ceil(lo / yStep) * yStep; m <= hi; m += yStep) yTicks.push({ y: sy(m), label: String(Math.round(m)) });

  return {
    terrainPath: parts.join(''),
    los: { x1: sx(0), y1: sy(txTop), x2: sx(total), y2: sy(rxTop) },
    fresnelPath,
    obstruction: ob ? { x: sx(ob.distanceM), y: sy(ob.groundCurvedM) } : null,
    xTicks,
    yTicks,
    plot: { x0, x1, y0, y1 },
  };
}
