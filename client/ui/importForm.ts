/**
 * The upload form (admin): a layer, its format, a file and "check only"; posts the file to
 * POST /api/imports/{layer}, typed as its format (core/formats/mediaTypes.ts: a file's own type
 * may be empty or generic), and shows the report — the counts, or every problem with its line
 * (CSV) or feature and field. After an applied import `onApplied(layer)` lets the page read the
 * new data (no reload, no server restart).
 */
import type { Lang } from '../map/urlState';
import { el } from './dom';
import type { ImportProblem, ImportReport } from '../../core/wire';
import { t, type StringKey } from './i18n';
import { apiFetch } from '../api/http';
import { importMediaTypes } from '../../core/formats/mediaTypes';

/** The formats each layer can be imported from (the server's IMPORT_FORMATS), with the files they take. */
export const IMPORT_LAYERS: Record<string, { format: string; accept: string }[]> = {
  sites: [{ format: 'geojson', accept: '.geojson,.json' }, { format: 'opencellid', accept: '.csv' }, { format: 'kml', accept: '.kml' }],
  villages: [{ format: 'geojson', accept: '.geojson,.json' }, { format: 'shapefile', accept: '.zip' }, { format: 'gpkg', accept: '.gpkg' }],
  communes: [{ format: 'geojson', accept: '.geojson,.json' }, { format: 'shapefile', accept: '.zip' }, { format: 'gpkg', accept: '.gpkg' }],
  'power-lines': [{ format: 'geojson', accept: '.geojson,.json' }, { format: 'shapefile', accept: '.zip' }],
  dem: [{ format: 'geotiff', accept: '.tif,.tiff' }, { format: 'hgt', accept: '.hgt' }],
};

/** What the server answers: the report (the contract's), or a problem with every problem of the file. */
type Answer = Partial<ImportReport> & { detail?: string; errors?: ImportProblem[] };

/** The format a file's name suggests for a layer, or the layer's first. */
export function formatForFile(layer: string, fileName: string): string {
  const ext = fileName.toLowerCase().replace(/^.*(\.[^.]+)$/, '$1');
  return IMPORT_LAYERS[layer]?.find((f) => f.accept.split(',').includes(ext))?.format ?? IMPORT_LAYERS[layer]?.[0].format ?? 'geojson';
}

/**
 * @example
 * mountImportForm(section, { lang: 'vi', onApplied: (layer) => reload(layer) });
 */
export function mountImportForm(root: HTMLElement, o: { lang: Lang; onApplied(layer: string): Promise<void> | void }) {
  let lang = o.lang;
  let layer = 'sites';
  let format = 'geojson';
  let report: HTMLElement | null = null;

  const render = () => {
    const tr = (key: StringKey, vars?: Record<string, string | number>) => t(lang, key, vars);
    const layerSelect = el('select', { name: 'layer', 'aria-label': tr('import.layer') }, ...Object.keys(IMPORT_LAYERS).map((l) => el('option', { value: l }, tr(`layer.${l}` as StringKey))));
    layerSelect.value = layer;
    const formatSelect = el('select', { name: 'format', 'aria-label': tr('import.format') }, ...IMPORT_LAYERS[layer].map((f) => el('option', { value: f.format }, f.format)));
    formatSelect.value = format;
    const file = el('input', { type: 'file', name: 'file', 'aria-label': tr('import.file'), accept: IMPORT_LAYERS[layer].map((f) => f.accept).join(',') }) as HTMLInputElement;
    const dry = el('input', { type: 'checkbox', name: 'dryRun' }) as HTMLInputElement;
    const submit = el('button', { type: 'submit' }, tr('import.submit'));
    const form = el('form', { id: 'import-form' },
      el('label', {}, tr('import.layer'), ' ', layerSelect),
      el('label', {}, tr('import.format'), ' ', formatSelect),
      el('label', {}, file),
      el('label', {}, dry, ' ', tr('import.dryRun')),
      submit,
    );
    layerSelect.addEventListener('change', () => { layer = layerSelect.value; format = IMPORT_LAYERS[layer][0].format; render(); });
    formatSelect.addEventListener('change', () => { format = formatSelect.value; });
    file.addEventListener('change', () => {
      const f = file.files?.[0];
      if (f) formatSelect.value = format = formatForFile(layer, f.name);
    });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const f = file.files?.[0];
      if (!f) return;
      submit.disabled = true;
      void send(f, dry.checked).finally(() => { submit.disabled = false; });
    });
    root.replaceChildren(el('h2', {}, tr('import.title')), el('p', { class: 'hint' }, tr('import.admin')), form, ...(report ? [report] : []));
  };

  const show = (node: HTMLElement) => {
    report = node;
    root.querySelector('#import-report')?.remove();
    root.append(node);
  };

  const send = async (file: File, dryRun: boolean) => {
    const tr = (key: StringKey, vars?: Record<string, string | number>) => t(lang, key, vars);
    show(el('div', { id: 'import-report', role: 'status' }, tr('import.sending')));
    const q = new URLSearchParams({ format, dryRun: String(dryRun) });
    if (format === 'hgt') q.set('filename', file.name);
    let res: Response;
    let body: Answer;
    try {
      res = await apiFetch(`/api/imports/${layer}?${q}`, { method: 'POST', headers: { 'content-type': importMediaTypes(format)[0] }, body: file });
      body = (await res.json()) as Answer;
    } catch (err) {
      show(el('div', { id: 'import-report', class: 'error', role: 'alert' }, tr('import.error', { error: (err as Error).message })));
      return;
    }
    const c = body.counts ?? {};
    const counts = { features: c.features ?? c.width ?? 0, added: c.added ?? 0, updated: c.updated ?? 0, removed: c.removed ?? 0 };
    if (res.status === 422 && body.errors) {
      const where = (p: { line?: number; feature?: number; field: string }) => [p.line !== undefined ? tr('import.line', { n: p.line }) : p.feature !== undefined ? tr('import.feature', { n: p.feature }) : '', p.field].filter(Boolean).join(', ');
      show(el('div', { id: 'import-report', class: 'error', role: 'alert', 'data-state': 'refused' },
        el('p', {}, tr('import.refused', { n: body.errors.length })),
        el('ol', { class: 'import-errors' }, ...body.errors.slice(0, 200).map((p) => el('li', { 'data-line': String(p.line ?? ''), 'data-feature': String(p.feature ?? '') }, el('b', {}, where(p)), ` ${p.detail}`)))));
      return;
    }
    if (!res.ok) {
      show(el('div', { id: 'import-report', class: 'error', role: 'alert', 'data-state': 'error' }, tr('import.error', { error: body.detail ?? `HTTP ${res.status}` })));
      return;
    }
    const applied = res.status === 201;
    show(el('div', { id: 'import-report', role: 'status', 'data-state': applied ? 'applied' : 'checked' },
      applied ? tr('import.applied', { version: body.version ?? '?', ...counts }) : tr('import.checked', counts)));
    if (applied) await o.onApplied(layer);
  };

  render();
  return {
    setLang(l: Lang) {
      lang = l;
      report = null;
      render();
    },
  };
}
