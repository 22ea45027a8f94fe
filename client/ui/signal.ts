/**
 * What the click-anywhere popup says: the predicted level per technology and the best server,
 * as plain rows (PopupContent), from /api/coverage/point.
 */
import type { Lang } from '../map/urlState';
import { t } from './i18n';
import type { PopupContent } from './popupContent';
import type { PointAnswer } from '../../core/wire';

export type { PointAnswer, PointServer } from '../../core/wire';

const dbm = (lang: Lang, x: number) => `${x.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 0 })}\u00a0dBm`;

/**
 * @example
 * signalPopup(answer, 'en').rows[0] // { label: '4G RSRP', value: '−92 dBm · Viettel (VTL-0001)' }
 */
export function signalPopup(a: PointAnswer, lang: Lang): PopupContent {
  const coord = `${a.lat.toFixed(5)}, ${a.lon.toFixed(5)}`;
  const rows = a.techs.map((p) => ({
    label: `${p.tech} ${p.quantity}`,
    value: p.levelDbm === null || !p.covered || !p.best
      ? `${t(lang, 'signal.none')}${p.levelDbm !== null ? ` (${dbm(lang, p.levelDbm)})` : ''}`
      : `${dbm(lang, p.levelDbm)} · ${p.best.operator} (${p.best.siteId})${p.serverCount > 1 ? ` · ${t(lang, 'signal.servers', { count: p.serverCount })}` : ''}`,
  }));
  const b = a.bestServer;
  if (b) rows.push({ label: t(lang, 'signal.bestServer'), value: `${b.siteId} · ${b.operator} · ${b.tech} ${dbm(lang, b.levelDbm)}` });
  return { title: t(lang, 'signal.title'), subtitle: coord, rows };
}
