/**
 * The report's words in Vietnamese (default) and English. `{name}` placeholders are filled by
 * `rt()`. The data note is the map page's (client/ui/i18n.ts), so both say the same.
 */
import type { Lang } from '../map/urlState';
import { t } from '../ui/i18n';

const VI = {
  titleScenario: 'Báo cáo kịch bản: {name}',
  titleCompare: 'So sánh kịch bản: {a} và {b}',
  subtitleScenario: '{area} · so với {base} · {date}',
  subtitleCompare: '{area} · trước: {a} → sau: {b} · {date}',
  baseline: 'Mạng hiện trạng',
  kpis: 'Chỉ tiêu (trước → sau)',
  villagesWithSignal: 'Thôn bản có sóng',
  peopleCovered: 'Dân số được phủ sóng',
  withoutPower: 'Thôn bản chưa có điện lưới, chưa có sóng',
  withoutPowerPlan: 'Kế hoạch phủ sóng cho {n} thôn bản chưa có điện; {solar} trạm dùng điện mặt trời + ắc quy.',
  stationsLine: 'Trạm: {added} xây mới, {changed} nâng cấp, {removed} bỏ.',
  costLine: 'Chi phí: {total} triệu {currency} — doanh nghiệp {operator}, quỹ viễn thông công ích {fund}, điện lực {power}.',
  ofVillages: 'trên {n} thôn bản',
  ofPeople: 'trên {n} người',
  map: 'Bản đồ',
  legendWithSignal: 'Thôn bản có sóng',
  legendGained: 'Có sóng nhờ kế hoạch',
  legendWithout: 'Chưa có sóng',
  legendLost: 'Mất sóng',
  legendPlan: 'Trạm của kế hoạch',
  legendPlanHint: '(số: dòng trong bảng)',
  legendExisting: 'Trạm hiện có',
  chart: 'Thôn bản có sóng theo xã: trước và sau',
  chartBefore: 'Trước',
  chartAfter: 'Sau',
  chartOthers: 'Các xã khác ({n}) không thay đổi.',
  chartNone: 'Kế hoạch không thay đổi số thôn bản có sóng của xã nào.',
  table: 'Trạm đề xuất',
  colOrder: 'TT',
  colStation: 'Mã trạm',
  colCommune: 'Xã/phường',
  colOperator: 'Nhà mạng',
  colKind: 'Loại',
  colVillages: 'Thôn bản được phủ sóng',
  colCost: 'Chi phí, triệu (DN / quỹ / điện)',
  tableMore: '… và {n} trạm khác: xem lệnh công việc (/api/scenarios/{id}/work-orders).',
  tableNone: 'Kế hoạch không thêm hay nâng cấp trạm nào.',
  dataNote: 'Ghi chú về dữ liệu',
  method: 'Vùng phủ tính theo mô hình truyền sóng trên địa hình; một thôn bản "có sóng" khi mức thu tại thôn vượt ngưỡng của công nghệ.',
  failed: 'Không tạo được báo cáo: {error}',
  chooseTitle: 'Báo cáo một trang',
  chooseIntro: 'Chọn kịch bản để xem báo cáo so với mạng gốc của nó, hoặc hai mạng để so sánh.',
  chooseScenario: 'Báo cáo kịch bản',
  chooseCompare: 'So sánh hai mạng',
  chooseA: 'Trước (A)',
  chooseB: 'Sau (B)',
  chooseOpen: 'Xem báo cáo',
  chooseNone: 'Chưa có kịch bản nào: hãy lưu một kịch bản trên bản đồ (chế độ Quy hoạch hoặc Tìm vị trí trạm).',
} as const;

type Key = keyof typeof VI;

const EN: Record<Key, string> = {
  titleScenario: 'Scenario report: {name}',
  titleCompare: 'Scenario comparison: {a} and {b}',
  subtitleScenario: '{area} · compared with {base} · {date}',
  subtitleCompare: '{area} · before: {a} → after: {b} · {date}',
  baseline: 'Current network',
  kpis: 'Figures (before → after)',
  villagesWithSignal: 'Villages with signal',
  peopleCovered: 'People covered',
  withoutPower: 'Villages without grid power or signal',
  withoutPowerPlan: 'Villages without power that the plan brings signal to: {n}. Stations on solar + battery: {solar}.',
  stationsLine: 'Stations: {added} new, {changed} upgraded, {removed} removed.',
  costLine: 'Cost: {total} million {currency} — operators {operator}, telecom fund {fund}, power utility {power}.',
  ofVillages: 'of {n} villages',
  ofPeople: 'of {n} people',
  map: 'Map',
  legendWithSignal: 'Village with signal',
  legendGained: 'Gains signal with the plan',
  legendWithout: 'Without signal',
  legendLost: 'Loses signal',
  legendPlan: 'Station of the plan',
  legendPlanHint: '(number: row of the table)',
  legendExisting: 'Existing station',
  chart: 'Villages with signal per commune: before and after',
  chartBefore: 'Before',
  chartAfter: 'After',
  chartOthers: 'The other {n} communes do not change.',
  chartNone: 'The plan changes no commune\'s villages with signal.',
  table: 'Proposed stations',
  colOrder: '#',
  colStation: 'Station id',
  colCommune: 'Commune',
  colOperator: 'Operator',
  colKind: 'Kind',
  colVillages: 'Villages served',
  colCost: 'Cost, million (operator / fund / power)',
  tableMore: '… and {n} more stations: see the work orders (/api/scenarios/{id}/work-orders).',
  tableNone: 'The plan adds or upgrades no station.',
  dataNote: 'About the data',
  method: 'Coverage is computed with a propagation model over the terrain; a village "has signal" when the level at the village passes the threshold of a technology.',
  failed: 'Could not build the report: {error}',
  chooseTitle: 'One-page report',
  chooseIntro: 'Choose a scenario to see its report against its base network, or two networks to compare.',
  chooseScenario: 'Report of a scenario',
  chooseCompare: 'Compare two networks',
  chooseA: 'Before (A)',
  chooseB: 'After (B)',
  chooseOpen: 'Open the report',
  chooseNone: 'No scenario yet: save one on the map (Plan mode or Siting).',
};

/** The report's text `key` in `lang`, with `{name}` placeholders filled from `vars`. */
export function rt(lang: Lang, key: Key, vars: Record<string, string | number> = {}): string {
  const s: string = lang === 'en' ? EN[key] : VI[key];
  return s.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** What is synthetic in the demo data (the map page's note). */
export const syntheticNote = (lang: Lang): string => t(lang, 'syntheticNote');

/** A number in the language's digits grouping (1.234 in Vietnamese, 1,234 in English). */
export const fmt = (lang: Lang, n: number): string => new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'vi-VN').format(n);

/** A signed difference: +12, −3, ±0. */
export const signed = (lang: Lang, n: number): string => (n > 0 ? `+${fmt(lang, n)}` : n < 0 ? `−${fmt(lang, -n)}` : '±0');
