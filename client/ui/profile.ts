/**
 * The profile panel: fetches /api/profile for a village (best server or nearest site), draws the
 * chart (profileChart.ts) as SVG with our own code, and lists each model's loss per frequency.
 */
import type { Lang } from '../map/urlState';
import { el } from './dom';
import { t, type StringKey } from './i18n';
import { DEFAULT_CHART_BOX, profileChartModel, type ProfileData } from './profileChart';
import { terrainProfile } from '../api/coverage';

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg(tag: string, attrs: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** The chart as an <svg> element. */
export function renderProfileSvg(p: ProfileData, lang: Lang): SVGSVGElement {
  const box = DEFAULT_CHART_BOX;
  const m = profileChartModel(p, box);
  const root = svg('svg', { viewBox: `0 0 ${box.width} ${box.height}`, width: '100%', role: 'img', class: 'profile-chart', 'aria-label': t(lang, 'profile.title', { site: p.from.siteId, village: p.to.name }) }) as SVGSVGElement;
  const { x0, x1, y0, y1 } = m.plot;
  for (const tk of m.yTicks) {
    root.append(svg('line', { x1: x0, x2: x1, y1: tk.y, y2: tk.y, class: 'profile-grid' }));
    root.append(svg('text', { x: x0 - 4, y: tk.y + 3, 'text-anchor': 'end', class: 'profile-tick' }, tk.label));
  }
  for (const tk of m.xTicks) root.append(svg('text', { x: tk.x, y: y1 + 14, 'text-anchor': 'middle', class: 'profile-tick' }, tk.label));
  root.append(svg('text', { x: (x0 + x1) / 2, y: y1 + 28, 'text-anchor': 'middle', class: 'profile-axis' }, t(lang, 'profile.distance')));
  root.append(svg('text', { x: 10, y: (y0 + y1) / 2, transform: `rotate(-90 10 ${(y0 + y1) / 2})`, 'text-anchor': 'middle', class: 'profile-axis' }, t(lang, 'profile.elevation')));
  root.append(svg('path', { d: m.fresnelPath, class: 'profile-fresnel' }));
  root.append(svg('path', { d: m.terrainPath, class: 'profile-terrain' }));
  root.append(svg('line', { x1: m.los.x1, y1: m.los.y1, x2: m.los.x2, y2: m.los.y2, class: `profile-los ${p.lineOfSight.clear ? 'clear' : 'blocked'}` }));
  root.append(svg('circle', { cx: m.los.x1, cy: m.los.y1, r: 4, class: 'profile-site' }));
  root.append(svg('circle', { cx: m.los.x2, cy: m.los.y2, r: 3.5, class: 'profile-village' }));
  if (m.obstruction) {
    const { x, y } = m.obstruction;
    root.append(svg('path', { d: `M${x - 6},${y - 6}L${x + 6},${y + 6}M${x - 6},${y + 6}L${x + 6},${y - 6}`, class: 'profile-obstruction' }));
  }
  return root;
}

/** The panel content for a loaded profile. */
export function renderProfilePanel(p: ProfileData, lang: Lang, onClose: () => void): HTMLElement {
  const num = (x: number, digits = 1) => x.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: digits });
  const ob = p.lineOfSight.obstruction;
  const verdict = ob
    ? t(lang, 'profile.blocked', { distance: num(ob.distanceM / 1000, 2), height: num(-ob.clearanceM) })
    : t(lang, 'profile.clear', { clearance: num(p.lineOfSight.minClearanceM) });
  const close = el('button', { type: 'button', class: 'profile-close', 'aria-label': t(lang, 'profile.close') }, '×');
  close.addEventListener('click', onClose);
  const freqs = p.losses.map((l) => l.freqMHz);
  const modelIds = p.losses[0]?.models.map((mm) => mm.modelId) ?? [];
  const table = el(
    'table',
    { class: 'profile-losses' },
    el('thead', {}, el('tr', {}, el('th', {}, t(lang, 'profile.model')), ...p.losses.map((l) => el('th', {}, `${l.techs.join('/')} ${l.freqMHz} MHz`)))),
    el(
      'tbody',
      {},
      ...modelIds.map((id, k) =>
        el(
          'tr',
          {},
          el('th', { title: p.losses[0].models[k].name }, p.losses[0].models[k].name),
          ...freqs.map((_, j) => {
            const mm = p.losses[j].models[k];
            return el('td', { title: mm.error ?? mm.warnings.join('; ') }, mm.lossDb === null ? '—' : `${num(mm.lossDb)} dB${mm.warnings.length ? ' *' : ''}`);
          }),
        ),
      ),
    ),
  );
  const legend = el(
    'ul',
    { class: 'profile-legend' },
    el('li', {}, el('span', { class: 'key key-terrain' }), t(lang, 'profile.terrain')),
    el('li', {}, el('span', { class: `key key-los${ob ? ' blocked' : ''}` }), t(lang, 'profile.los')),
    el('li', {}, el('span', { class: 'key key-fresnel' }), t(lang, 'profile.fresnel', { freq: p.fresnel.freqMHz })),
  );
  return el(
    'div',
    { class: 'profile-body' },
    el('header', {}, el('h2', {}, t(lang, 'profile.title', { site: `${p.from.name} (${p.from.siteId})`, village: p.to.name })), close),
    el('p', { class: 'profile-sub' }, `${t(lang, `profile.chosen.${p.chosenBy}` as StringKey)} · ${p.from.operator} · ${num(p.distanceM / 1000, 2)} km`),
    el('p', { class: `profile-verdict ${ob ? 'blocked' : 'clear'}` }, verdict),
    renderProfileSvg(p, lang),
    legend,
    el('h3', {}, t(lang, 'profile.losses')),
    table,
    el('p', { class: 'profile-note' }, t(lang, 'profile.warningNote')),
  );
}

/**
 * Opens (or replaces) the profile panel for a village.
 *
 * @example
 * openProfile(villageId, 'vi');
 */
export async function openProfile(villageId: string, lang: Lang): Promise<void> {
  let panel = document.getElementById('profile-panel');
  if (!panel) {
    panel = el('section', { id: 'profile-panel', role: 'dialog', 'aria-modal': 'false' });
    document.body.append(panel);
  }
  const close = () => panel!.remove();
  panel.replaceChildren(el('p', {}, t(lang, 'profile.loading')));
  try {
    panel.replaceChildren(renderProfilePanel(await terrainProfile(villageId), lang, close));
    panel.dataset.ready = 'true';
  } catch (e) {
    const btn = el('button', { type: 'button', class: 'profile-close' }, '×');
    btn.addEventListener('click', close);
    panel.replaceChildren(btn, el('p', { class: 'error' }, t(lang, 'profile.error', { error: (e as Error).message })));
  }
}
