/**
 * Every UI string, in Vietnamese (default) and English. English must have exactly the keys of
 * Vietnamese (the type enforces it), so a missing translation is a type error.
 */
import type { Lang } from '../map/urlState';

const vi = {
  title: 'covgap — vùng lõm sóng',
  subtitle: 'Phủ sóng di động và các thôn bản chưa có sóng',
  searchPlaceholder: 'Tìm xã, phường, thôn bản…',
  searchNoResult: 'Không tìm thấy',
  layers: 'Lớp bản đồ',
  legend: 'Chú giải',
  'group.communes': 'Xã, phường',
  'group.hillshade': 'Địa hình (bóng đổ)',
  'group.powerLines': 'Đường dây điện',
  'group.villages': 'Thôn, bản',
  'group.sites': 'Trạm BTS',
  terrain3d: 'Địa hình 3D',
  'legend.operators': 'Trạm BTS theo nhà mạng',
  'legend.otherOperator': 'Nhà mạng khác',
  'legend.ring5g': 'Trạm có 5G',
  'legend.hollow': 'Trạm dự kiến / đề xuất',
  'legend.size': 'Kích thước: công nghệ cao nhất',
  'legend.villageElectrified': 'Thôn bản có điện',
  'legend.villageNoPower': 'Thôn bản chưa có điện',
  'legend.powerLine': 'Đường dây điện',
  'legend.commune': 'Ranh giới xã, phường',
  syntheticNote: 'Dữ liệu minh hoạ: địa hình, thôn bản, trạm BTS và đường dây điện là dữ liệu giả lập; ranh giới xã là dữ liệu thật.',
  syntheticFeature: 'Dữ liệu giả lập (minh hoạ)',
  language: 'Ngôn ngữ',
  loading: 'Đang tải dữ liệu…',
  loadError: 'Không tải được dữ liệu: {error}',
  'kind.commune': 'Xã/phường',
  'kind.village': 'Thôn/bản',
  'popup.site': 'Trạm BTS',
  'popup.village': 'Thôn, bản',
  'popup.commune': 'Xã, phường',
  'field.id': 'Mã',
  'field.operator': 'Nhà mạng',
  'field.status': 'Trạng thái',
  'field.techs': 'Công nghệ',
  'field.antennaHeight': 'Độ cao ăng-ten',
  'field.power': 'Nguồn điện',
  'field.backhaul': 'Truyền dẫn',
  'field.commune': 'Xã, phường',
  'field.population': 'Dân số',
  'field.households': 'Số hộ',
  'field.electrified': 'Có điện lưới',
  'field.fixedBroadband': 'Internet cố định',
  'field.area': 'Diện tích',
  'field.kind': 'Loại',
  yes: 'Có',
  no: 'Không',
  unknown: 'Chưa rõ',
  'status.existing': 'Đang hoạt động',
  'status.planned': 'Dự kiến',
  'status.candidate': 'Đề xuất',
  'power.grid': 'Điện lưới',
  'power.solar': 'Năng lượng mặt trời',
  'power.none': 'Không có',
  'backhaul.fiber': 'Cáp quang',
  'backhaul.microwave': 'Viba',
  'backhaul.satellite': 'Vệ tinh',
  'backhaul.none': 'Không có',
} as const;

export type StringKey = keyof typeof vi;

const en: Record<StringKey, string> = {
  title: 'covgap — coverage gaps',
  subtitle: 'Mobile coverage and the villages left without signal',
  searchPlaceholder: 'Search communes, wards, villages…',
  searchNoResult: 'No match',
  layers: 'Layers',
  legend: 'Legend',
  'group.communes': 'Communes and wards',
  'group.hillshade': 'Terrain (hillshade)',
  'group.powerLines': 'Power lines',
  'group.villages': 'Villages',
  'group.sites': 'BTS sites',
  terrain3d: '3D terrain',
  'legend.operators': 'BTS sites by operator',
  'legend.otherOperator': 'Other operator',
  'legend.ring5g': 'Site with 5G',
  'legend.hollow': 'Planned / candidate site',
  'legend.size': 'Size: newest technology',
  'legend.villageElectrified': 'Village with grid power',
  'legend.villageNoPower': 'Village without power',
  'legend.powerLine': 'Power line',
  'legend.commune': 'Commune boundary',
  syntheticNote: 'Demo data: terrain, villages, sites and power lines are synthetic; commune boundaries are real.',
  syntheticFeature: 'Synthetic (demo) data',
  language: 'Language',
  loading: 'Loading data…',
  loadError: 'Could not load data: {error}',
  'kind.commune': 'Commune/ward',
  'kind.village': 'Village',
  'popup.site': 'BTS site',
  'popup.village': 'Village',
  'popup.commune': 'Commune',
  'field.id': 'Code',
  'field.operator': 'Operator',
  'field.status': 'Status',
  'field.techs': 'Technologies',
  'field.antennaHeight': 'Antenna height',
  'field.power': 'Power',
  'field.backhaul': 'Backhaul',
  'field.commune': 'Commune',
  'field.population': 'Population',
  'field.households': 'Households',
  'field.electrified': 'Grid power',
  'field.fixedBroadband': 'Fixed broadband',
  'field.area': 'Area',
  'field.kind': 'Kind',
  yes: 'Yes',
  no: 'No',
  unknown: 'Unknown',
  'status.existing': 'On air',
  'status.planned': 'Planned',
  'status.candidate': 'Candidate',
  'power.grid': 'Grid',
  'power.solar': 'Solar',
  'power.none': 'None',
  'backhaul.fiber': 'Fibre',
  'backhaul.microwave': 'Microwave',
  'backhaul.satellite': 'Satellite',
  'backhaul.none': 'None',
};

export const STRINGS: Record<Lang, Record<StringKey, string>> = { vi, en };

/**
 * A UI string in a language, with `{name}` placeholders filled from vars.
 *
 * @example
 * t('en', 'loadError', { error: 'HTTP 500' }) // 'Could not load data: HTTP 500'
 */
export function t(lang: Lang, key: StringKey, vars?: Record<string, string | number>): string {
  const text = STRINGS[lang][key];
  return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
}

/** Like t() for keys built at run time (e.g. `status.${value}`): falls back to the raw value. */
export function tMaybe(lang: Lang, key: string, fallback: string): string {
  return key in STRINGS[lang] ? STRINGS[lang][key as StringKey] : fallback;
}
