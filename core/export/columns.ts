/**
 * The columns of the gap list downloads (CSV, XLSX, GeoJSON, KML, GeoPackage): the one source of
 * truth for their keys, Vietnamese and English headers and meanings. `gapColumnsMarkdown()` prints
 * the table the README quotes.
 *
 * Keys are ASCII snake_case (safe as GeoPackage / shapefile / SQL field names); CSV and XLSX headers
 * use the label of the chosen language. Booleans are true/false; a missing value is empty (null).
 */
import type { Gap } from '../gaps/types';

export type Lang = 'vi' | 'en';
export type CellValue = string | number | boolean | null;

export interface GapColumn {
  /** Field name in GeoJSON, KML ExtendedData and GeoPackage. */
  key: string;
  /** Header in Vietnamese and in English. */
  vi: string;
  en: string;
  /** Meaning, in Vietnamese and in English. */
  descVi: string;
  descEn: string;
  type: 'text' | 'integer' | 'real' | 'boolean';
  /** True when the value is text in the chosen language (then `value` depends on `lang`). */
  localized?: boolean;
  /** The value for a gap at position `rank` (1 = highest priority). */
  value(g: Gap, lang: Lang, rank: number): CellValue;
}

const SCOPE_ANY: Record<Lang, string> = { vi: 'mọi sóng di động', en: 'any mobile signal' };

const siteCols = (n: number): GapColumn[] => {
  const s = (g: Gap) => g.nearestSites[n - 1];
  return [
    { key: `site${n}_id`, vi: `Trạm gần ${n} – mã`, en: `Site ${n} id`, descVi: `Mã trạm gần thứ ${n}`, descEn: `Id of the ${ordinal(n)} nearest site`, type: 'text', value: (g) => s(g)?.id ?? null },
    { key: `site${n}_operator`, vi: `Trạm gần ${n} – nhà mạng`, en: `Site ${n} operator`, descVi: `Nhà mạng của trạm gần thứ ${n}`, descEn: `Operator of the ${ordinal(n)} nearest site`, type: 'text', value: (g) => s(g)?.operator ?? null },
    { key: `site${n}_distance_m`, vi: `Trạm gần ${n} – khoảng cách (m)`, en: `Site ${n} distance (m)`, descVi: `Khoảng cách từ thôn/bản đến trạm, mét`, descEn: 'Great-circle distance from the village to the site, metres', type: 'integer', value: (g) => s(g)?.distanceM ?? null },
    { key: `site${n}_bearing_deg`, vi: `Trạm gần ${n} – hướng (°)`, en: `Site ${n} bearing (°)`, descVi: 'Hướng từ thôn/bản tới trạm, độ theo chiều kim đồng hồ từ hướng Bắc', descEn: 'Bearing from the village towards the site, degrees clockwise from north', type: 'real', value: (g) => s(g)?.bearingDeg ?? null },
    { key: `site${n}_tech`, vi: `Trạm gần ${n} – công nghệ`, en: `Site ${n} technology`, descVi: 'Công nghệ của mức tín hiệu dự báo', descEn: 'Technology of the predicted level', type: 'text', value: (g) => s(g)?.tech ?? null },
    { key: `site${n}_level_dbm`, vi: `Trạm gần ${n} – mức tín hiệu (dBm)`, en: `Site ${n} level (dBm)`, descVi: 'Mức tín hiệu dự báo của trạm tại thôn/bản (RxLev/RSCP/RSRP), trống nếu không rõ', descEn: "The site's predicted level at the village (RxLev/RSCP/RSRP), empty when unknown", type: 'real', value: (g) => s(g)?.levelDbm ?? null },
  ];
};

function ordinal(n: number): string {
  return n === 1 ? 'first' : n === 2 ? 'second' : n === 3 ? 'third' : `${n}th`;
}

/** The gap list columns, in download order. */
export const GAP_COLUMNS: readonly GapColumn[] = Object.freeze([
  { key: 'rank', vi: 'Thứ tự ưu tiên', en: 'Rank', descVi: '1 = ưu tiên cao nhất (điểm cao nhất)', descEn: '1 = highest priority (highest score)', type: 'integer', value: (_g, _l, rank) => rank },
  { key: 'village_id', vi: 'Mã thôn/bản', en: 'Village id', descVi: 'Mã thôn/bản trong dữ liệu', descEn: 'Village id in the data', type: 'text', value: (g) => g.id },
  { key: 'village_name', vi: 'Tên thôn/bản', en: 'Village', descVi: 'Tên thôn/bản/xóm', descEn: 'Name of the village (hamlet, bản/thôn/xóm)', type: 'text', value: (g) => g.name },
  { key: 'commune_id', vi: 'Mã xã/phường', en: 'Commune code', descVi: 'Mã đơn vị hành chính cấp xã', descEn: 'Official code of the commune/ward', type: 'text', value: (g) => g.communeId },
  { key: 'commune_name', vi: 'Xã/phường', en: 'Commune', descVi: 'Tên xã/phường', descEn: 'Name of the commune/ward', type: 'text', value: (g) => g.communeName },
  { key: 'lon', vi: 'Kinh độ', en: 'Longitude', descVi: 'Kinh độ điểm dân cư, độ (WGS84)', descEn: 'Longitude of the settlement point, degrees (WGS84)', type: 'real', value: (g) => g.lon },
  { key: 'lat', vi: 'Vĩ độ', en: 'Latitude', descVi: 'Vĩ độ điểm dân cư, độ (WGS84)', descEn: 'Latitude of the settlement point, degrees (WGS84)', type: 'real', value: (g) => g.lat },
  { key: 'population', vi: 'Dân số', en: 'Population', descVi: 'Số người', descEn: 'People living in the village', type: 'integer', value: (g) => g.population },
  { key: 'households', vi: 'Số hộ', en: 'Households', descVi: 'Số hộ gia đình', descEn: 'Number of households', type: 'integer', value: (g) => g.households },
  { key: 'electrified', vi: 'Có điện lưới', en: 'Electrified', descVi: 'true nếu thôn/bản có điện lưới', descEn: 'true when the village has grid electricity', type: 'boolean', value: (g) => g.electrified },
  { key: 'power_line_m', vi: 'Cách đường điện (m)', en: 'Distance to power line (m)', descVi: 'Khoảng cách tới đường dây điện gần nhất, mét', descEn: 'Distance to the nearest power line, metres', type: 'integer', value: (g) => g.nearestPowerLineM },
  { key: 'missing', vi: 'Thiếu sóng', en: 'Missing signal', descVi: 'Loại sóng thiếu: mọi sóng di động, một công nghệ (4G), một nhà mạng, hoặc cả hai (4G|Viettel)', descEn: 'What is missing: any mobile signal, a technology (4G), an operator, or both (4G|Viettel)', type: 'text', localized: true, value: (g, lang) => (g.scope === 'any' ? SCOPE_ANY[lang] : g.scope) },
  { key: 'reason', vi: 'Mã lý do', en: 'Reason code', descVi: 'terrain-blocked (bị địa hình che khuất), out-of-range (ngoài tầm phủ), no-site-within (không có trạm trong N km)', descEn: 'terrain-blocked, out-of-range, or no-site-within (no site within N km)', type: 'text', value: (g) => g.reason },
  { key: 'reason_text', vi: 'Lý do', en: 'Reason', descVi: 'Lý do không có sóng, bằng lời', descEn: 'Why the village has no signal, in words', type: 'text', localized: true, value: (g, lang) => g.reasonText[lang] },
  ...siteCols(1),
  ...siteCols(2),
  ...siteCols(3),
  { key: 'score_population', vi: 'Điểm dân số', en: 'Score: population', descVi: 'Phần điểm theo dân số', descEn: 'Score part from the population', type: 'real', value: (g) => g.scoreParts.population },
  { key: 'score_households', vi: 'Điểm số hộ', en: 'Score: households', descVi: 'Phần điểm theo số hộ', descEn: 'Score part from the households', type: 'real', value: (g) => g.scoreParts.households },
  { key: 'score_no_power', vi: 'Điểm không có điện', en: 'Score: no power', descVi: 'Phần điểm khi thôn/bản chưa có điện lưới', descEn: 'Score part when the village has no grid power', type: 'real', value: (g) => g.scoreParts.noPower },
  { key: 'score_remoteness', vi: 'Điểm xa hạ tầng', en: 'Score: remoteness', descVi: 'Phần điểm theo khoảng cách tới trạm và đường điện gần nhất', descEn: 'Score part from the distance to the nearest site and power line', type: 'real', value: (g) => g.scoreParts.remoteness },
  { key: 'score', vi: 'Điểm ưu tiên', en: 'Priority score', descVi: 'Tổng các phần điểm (cao hơn = ưu tiên hơn)', descEn: 'Sum of the score parts (higher = more urgent)', type: 'real', value: (g) => g.score },
] satisfies GapColumn[]);

/** One row of values per gap, in column order. */
export function gapRows(gaps: readonly Gap[], lang: Lang): CellValue[][] {
  return gaps.map((g, i) => GAP_COLUMNS.map((c) => c.value(g, lang, i + 1)));
}

export interface CommuneTotal {
  communeId: string;
  communeName: string | null;
  /** Villages without signal (gaps) in the commune. */
  villages: number;
  population: number;
  households: number;
  /** Of those, villages without grid power. */
  withoutPower: number;
}

/** Columns of the per-commune totals sheet. */
export const TOTAL_COLUMNS: readonly { key: keyof CommuneTotal; vi: string; en: string }[] = Object.freeze([
  { key: 'communeId', vi: 'Mã xã/phường', en: 'Commune code' },
  { key: 'communeName', vi: 'Xã/phường', en: 'Commune' },
  { key: 'villages', vi: 'Số thôn/bản chưa có sóng', en: 'Villages without signal' },
  { key: 'population', vi: 'Dân số', en: 'Population' },
  { key: 'households', vi: 'Số hộ', en: 'Households' },
  { key: 'withoutPower', vi: 'Trong đó chưa có điện', en: 'Of which without power' },
]);

/**
 * Totals of the gaps per commune, ordered by commune code.
 *
 * @example
 * communeTotals(gaps)[0] // { communeId: '00001', communeName: 'Xã Trường Hà', villages: 1, ... }
 */
export function communeTotals(gaps: readonly Gap[]): CommuneTotal[] {
  const by = new Map<string, CommuneTotal>();
  for (const g of gaps) {
    let t = by.get(g.communeId);
    if (!t) by.set(g.communeId, (t = { communeId: g.communeId, communeName: g.communeName, villages: 0, population: 0, households: 0, withoutPower: 0 }));
    t.villages++;
    t.population += g.population;
    t.households += g.households;
    if (!g.electrified) t.withoutPower++;
  }
  return [...by.values()].sort((a, b) => (a.communeId < b.communeId ? -1 : a.communeId > b.communeId ? 1 : 0));
}

/**
 * The column table in Markdown (key | Vietnamese | English | meaning), for the README.
 *
 * @example
 * gapColumnsMarkdown().split('\n')[0] // '| field | Tiếng Việt | English | ý nghĩa / meaning |'
 */
export function gapColumnsMarkdown(): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = ['| field | Tiếng Việt | English | ý nghĩa / meaning |', '|---|---|---|---|'];
  for (const c of GAP_COLUMNS) lines.push(`| \`${c.key}\` | ${esc(c.vi)} | ${esc(c.en)} | ${esc(c.descVi)} / ${esc(c.descEn)} |`);
  return lines.join('\n');
}
