/**
 * Work orders: for a scenario, the stations an operator is to build or upgrade, with where, what
 * and the villages each brings signal to, in build order, and an empty deadline column for the
 * programme to fill. One row per station; the columns in both languages.
 */
import type { SiteProperties } from '../model/types';
import type { CellValue, Lang } from './columns';
import type { TableColumn } from './table';
import { workbookXlsx } from './xlsx';

/** A station of the work orders (server/services/workOrders.ts builds them). */
export interface WorkOrder {
  /** Build order, 1 = first (the order of the scenario's edits). */
  priority: number;
  kind: 'new' | 'upgrade';
  site: SiteProperties;
  lon: number;
  lat: number;
  communeId: string | null;
  communeName: string | null;
  /** For an upgrade: what changes (antennaHeightM, cells, position…). */
  changes: string[];
  /** The villages without signal in the baseline that this station covers, with their people. */
  villages: { id: string; name: string; population: number }[];
  /** What it costs and who pays (core/siting/costs.ts, as server/services/stationCosts.ts costs it). */
  cost: { currency: string; total: number; operator: number; fund: number; powerUtility: number };
}

const KIND: Record<WorkOrder['kind'], Record<Lang, string>> = { new: { vi: 'xây mới', en: 'new site' }, upgrade: { vi: 'nâng cấp', en: 'upgrade' } };
const POWER: Record<SiteProperties['power'], Record<Lang, string>> = {
  grid: { vi: 'điện lưới', en: 'grid' }, solar: { vi: 'điện mặt trời + ắc quy', en: 'solar + battery' }, none: { vi: 'chưa có', en: 'none yet' },
};
const BACKHAUL: Record<SiteProperties['backhaul'], Record<Lang, string>> = {
  fiber: { vi: 'cáp quang', en: 'fibre' }, microwave: { vi: 'vi ba', en: 'microwave' }, satellite: { vi: 'vệ tinh', en: 'satellite' }, none: { vi: 'chưa có', en: 'none yet' },
};

interface WorkOrderColumn extends TableColumn {
  value(w: WorkOrder, lang: Lang): CellValue;
}

/** The columns, in download order. */
export const WORK_ORDER_COLUMNS: readonly WorkOrderColumn[] = Object.freeze([
  { key: 'priority', vi: 'Thứ tự xây dựng', en: 'Build order', type: 'integer', value: (w) => w.priority },
  { key: 'operator', vi: 'Nhà mạng', en: 'Operator', type: 'text', value: (w) => w.site.operator },
  { key: 'station_id', vi: 'Mã trạm', en: 'Station id', type: 'text', value: (w) => w.site.id },
  { key: 'station_name', vi: 'Tên trạm', en: 'Station', type: 'text', value: (w) => w.site.name },
  { key: 'kind', vi: 'Loại công việc', en: 'Kind', type: 'text', value: (w, l) => KIND[w.kind][l] },
  { key: 'changes', vi: 'Thay đổi', en: 'Changes', type: 'text', value: (w) => (w.kind === 'upgrade' ? w.changes.join(', ') : null) },
  { key: 'lon', vi: 'Kinh độ', en: 'Longitude', type: 'real', value: (w) => w.lon },
  { key: 'lat', vi: 'Vĩ độ', en: 'Latitude', type: 'real', value: (w) => w.lat },
  { key: 'commune_id', vi: 'Mã xã/phường', en: 'Commune code', type: 'text', value: (w) => w.communeId },
  { key: 'commune_name', vi: 'Xã/phường', en: 'Commune', type: 'text', value: (w) => w.communeName },
  { key: 'techs', vi: 'Công nghệ', en: 'Technologies', type: 'text', value: (w) => [...new Set(w.site.cells.map((c) => c.tech))].sort().join(', ') },
  { key: 'antenna_height_m', vi: 'Độ cao ăng-ten (m)', en: 'Antenna height (m)', type: 'real', value: (w) => w.site.antennaHeightM },
  { key: 'power', vi: 'Nguồn điện', en: 'Power', type: 'text', value: (w, l) => POWER[w.site.power]?.[l] ?? w.site.power },
  { key: 'backhaul', vi: 'Truyền dẫn', en: 'Backhaul', type: 'text', value: (w, l) => BACKHAUL[w.site.backhaul]?.[l] ?? w.site.backhaul },
  { key: 'villages_served', vi: 'Số thôn bản được phủ sóng', en: 'Villages served', type: 'integer', value: (w) => w.villages.length },
  { key: 'village_names', vi: 'Thôn bản được phủ sóng', en: 'Villages', type: 'text', value: (w) => w.villages.map((v) => v.name).join(', ') || null },
  { key: 'population_served', vi: 'Dân số được phủ sóng', en: 'People served', type: 'integer', value: (w) => w.villages.reduce((n, v) => n + (Number.isFinite(v.population) ? v.population : 0), 0) },
  { key: 'currency', vi: 'Đơn vị tiền', en: 'Currency', type: 'text', value: (w) => w.cost.currency },
  { key: 'cost', vi: 'Chi phí', en: 'Cost', type: 'integer', value: (w) => Math.round(w.cost.total) },
  { key: 'cost_operator', vi: 'Doanh nghiệp viễn thông chi', en: 'Paid by the operator', type: 'integer', value: (w) => Math.round(w.cost.operator) },
  { key: 'cost_fund', vi: 'Quỹ dịch vụ viễn thông công ích chi', en: 'Paid by the telecom fund', type: 'integer', value: (w) => Math.round(w.cost.fund) },
  { key: 'cost_power_utility', vi: 'Điện lực chi', en: 'Paid by the power utility', type: 'integer', value: (w) => Math.round(w.cost.powerUtility) },
  { key: 'deadline', vi: 'Thời hạn hoàn thành', en: 'Deadline', type: 'text', value: () => null },
] satisfies WorkOrderColumn[]);

/** The rows of the work orders in `lang`. */
export function workOrderRows(orders: readonly WorkOrder[], lang: Lang): CellValue[][] {
  return orders.map((w) => WORK_ORDER_COLUMNS.map((c) => c.value(w, lang)));
}

/**
 * The work orders as an XLSX workbook: one sheet, the columns in `lang`, printed A4 landscape,
 * fitted to the width, the header row on every page (core/export/xlsx.ts).
 *
 * @example
 * writeFileSync('orders.xlsx', workOrdersXlsx(orders, 'vi'));
 */
export function workOrdersXlsx(orders: readonly WorkOrder[], lang: Lang): Uint8Array {
  return workbookXlsx([{ name: lang === 'vi' ? 'Trạm cần xây dựng' : 'Stations to build', header: WORK_ORDER_COLUMNS.map((c) => c[lang]), rows: workOrderRows(orders, lang), autoFilter: true }], lang);
}
