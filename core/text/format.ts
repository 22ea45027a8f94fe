/**
 * Numbers, shares and directions as each language writes them (Intl): "94,0 %" and "1.234" in
 * Vietnamese, "94.0 %" and "1,234" in English; compass points B/ĐB/Đ… in Vietnamese.
 */
import type { NameLang } from './planName';

const LOCALES: Record<NameLang, string> = { vi: 'vi-VN', en: 'en-GB' };

/**
 * A number with at most `digits` decimals (exactly `digits` when `fixed`).
 *
 * @example
 * formatNumber('vi', 1234.5, 1) // '1.234,5'
 */
export function formatNumber(lang: NameLang, x: number, digits = 0, fixed = false): string {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits, ...(fixed ? { minimumFractionDigits: digits } : {}) }).format(x);
}

/**
 * A share (0…1) as a percentage with `digits` decimals and a space before the sign, as both
 * languages write it in this app ("94,0 %", "94.0 %").
 *
 * @example
 * formatPercent('vi', 0.94, 1) // '94,0 %'
 */
export function formatPercent(lang: NameLang, share: number, digits = 1): string {
  return `${formatNumber(lang, share * 100, digits, true)}\u00a0%`;
}

const POINTS: Record<NameLang, readonly string[]> = {
  vi: ['B', 'ĐB', 'Đ', 'ĐN', 'N', 'TN', 'T', 'TB'],
  en: ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'],
};

/**
 * The nearest of the eight compass points of a bearing (degrees clockwise from north).
 *
 * @example
 * compassPoint('vi', 50) // 'ĐB'
 */
export function compassPoint(lang: NameLang, bearingDeg: number): string {
  return POINTS[lang][Math.round((((bearingDeg % 360) + 360) % 360) / 45) % 8];
}
