/**
 * The name a saved siting plan gets, in the user's language, with the day it was saved:
 * "Phương án 10 trạm — 07/12/2026", "Plan of 10 stations — 07/12/2026".
 */

export type NameLang = 'vi' | 'en';

/**
 * @example
 * planScenarioName(10, 'vi', new Date('2026-12-07T10:00:00Z'), 'Asia/Ho_Chi_Minh') // 'Phương án 10 trạm — 07/12/2026'
 */
export function planScenarioName(stations: number, lang: NameLang, when: Date, timeZone?: string): string {
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  const day = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', ...(timeZone ? { timeZone } : {}) }).format(when);
  const n = new Intl.NumberFormat(locale).format(stations);
  return lang === 'vi' ? `Phương án ${n} trạm — ${day}` : `Plan of ${n} station${stations === 1 ? '' : 's'} — ${day}`;
}
