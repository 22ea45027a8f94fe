/** JSON text of each feature object, made once: stored features are never mutated. */
const PLACEHOLDER = '\u0000covgap:features\u0000';
const PLACEHOLDER_TEXT = JSON.stringify(PLACEHOLDER);
const featureText = new WeakMap<object, string>();

/**
 * JSON.stringify of a FeatureCollection page whose features are stored (immutable) objects: each
 * feature's text is made once and kept (weakly, so a dropped collection frees it), so a page of
 * 1,000 villages is a join of cached strings instead of a fresh serialisation every time. Same
 * text as JSON.stringify(page).
 *
 * @example
 * res.type('application/geo+json').send(featureCollectionText(await service.items(...)));
 */
export function featureCollectionText(page: { features?: readonly object[] } & object): string {
  const features = page.features;
  if (!Array.isArray(features)) return JSON.stringify(page);
  const parts = new Array<string>(features.length);
  for (let i = 0; i < features.length; i++) {
    const f = features[i];
    let text = featureText.get(f);
    if (text === undefined) {
      text = JSON.stringify(f);
      featureText.set(f, text);
    }
    parts[i] = text;
  }
  // the page with a placeholder for its features, then the cached texts in its place
  const head = JSON.stringify({ ...page, features: PLACEHOLDER });
  const at = head.indexOf(PLACEHOLDER_TEXT);
  return `${head.slice(0, at)}[${parts.join(',')}]${head.slice(at + PLACEHOLDER_TEXT.length)}`;
}
