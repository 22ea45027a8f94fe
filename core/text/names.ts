/**
 * The one rule for names that people read — user names, scenario names and descriptions, plan
 * names — and the one comparison of user names:
 * - no control, format or invisible characters (Unicode general category C: NUL, CR/LF, the
 *   bidirectional overrides such as U+202E, zero-width spaces and joiners, private use,
 *   unassigned; nor the line and paragraph separators): they hide or reorder what a reader sees;
 *   a multi-line text (a description) may hold line breaks and tabs;
 * - user names compared NFKC-normalised and without case (`root`, `ROOT`, `ｒｏｏｔ` are one
 *   name), and refused when confusable with another (`rооt` with Cyrillic о): the UTS #39
 *   skeleton, over a part of its table (core/text/confusables.ts).
 */
import { CONFUSABLES } from './confusables';

/** Characters a name may not hold; \n, \r and \t are judged separately (multi-line texts). */
const HIDDEN = /[\p{C}\u2028\u2029]/u;

/**
 * Why `text` may not be a name (or, `multiline`, a description), or null when it may.
 *
 * @example
 * nameProblem('Plan\u202EA') // 'holds U+202E (a control, format or invisible character), which hides or reorders what a reader sees'
 */
export function nameProblem(text: string, multiline = false): string | null {
  for (const ch of text) {
    if (multiline && (ch === '\n' || ch === '\r' || ch === '\t')) continue;
    if (HIDDEN.test(ch)) {
      const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
      return `holds ${code} (a control, format or invisible character), which hides or reorders what a reader sees; remove it`;
    }
  }
  return null;
}

/**
 * A user name as stored: NFKC-normalised (compatibility forms such as full-width letters become
 * the plain ones; case kept).
 *
 * @example
 * userName('ｒｏｏｔ') // 'root'
 */
export function userName(name: string): string {
  return name.normalize('NFKC');
}

/**
 * The skeleton of a user name: two names with the same skeleton are one name to a reader. NFKC,
 * lower case (then NFKC again: lower-casing can un-normalise), NFD, each character through the
 * confusables table, NFD again (UTS #39 §4's skeleton, after case folding).
 *
 * @example
 * nameSkeleton('rооt') === nameSkeleton('ROOT') // true (Cyrillic о)
 */
export function nameSkeleton(name: string): string {
  const folded = name.normalize('NFKC').toLowerCase().normalize('NFKC').normalize('NFD');
  let out = '';
  for (const ch of folded) out += CONFUSABLES[ch] ?? ch;
  return out.normalize('NFD');
}
