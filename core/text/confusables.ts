/**
 * A small part of Unicode's confusables table (UTS #39 §4, confusables.txt, "MA" mappings): the
 * Cyrillic, Greek and Armenian lower-case letters (and the digits) that are drawn like a Latin
 * lower-case letter in common fonts, mapped to that letter — enough for the names of people and
 * logins written in Latin (Vietnamese included), where a look-alike is an impersonation.
 * Upper case and width forms need no entry: names are NFKC-normalised and lower-cased first
 * (core/text/names.ts). Not the whole table (6,000+ entries): a maintained package with the
 * full table should replace this one (see the README's Security section).
 */
export const CONFUSABLES: Readonly<Record<string, string>> = Object.freeze({
  // Cyrillic
  'а': 'a', // U+0430
  'с': 'c', // U+0441
  'ԁ': 'd', // U+0501
  'е': 'e', // U+0435
  'һ': 'h', // U+04BB
  'і': 'i', // U+0456
  'ј': 'j', // U+0458
  'ӏ': 'l', // U+04CF
  'о': 'o', // U+043E
  'р': 'p', // U+0440
  'ԛ': 'q', // U+051B
  'ѕ': 's', // U+0455
  'ѵ': 'v', // U+0475
  'ԝ': 'w', // U+051D
  'х': 'x', // U+0445
  'у': 'y', // U+0443
  // Greek
  'α': 'a', // U+03B1
  'ϲ': 'c', // U+03F2 lunate sigma
  'ι': 'i', // U+03B9
  'ϳ': 'j', // U+03F3
  'ο': 'o', // U+03BF
  'ρ': 'p', // U+03C1
  'υ': 'u', // U+03C5
  'ν': 'v', // U+03BD
  'χ': 'x', // U+03C7
  'γ': 'y', // U+03B3
  // Armenian
  'օ': 'o', // U+0585
  'ս': 'u', // U+057D
  'ց': 'g', // U+0581
  // Latin letters drawn like others
  'ı': 'i', // U+0131 dotless i
  'ɑ': 'a', // U+0251
  'ɡ': 'g', // U+0261
  'ǀ': 'l', // U+01C0
  // digits, as confusables.txt maps them
  '0': 'o',
  '1': 'l',
  // a letter drawn as two: confusables.txt maps m to "rn"
  'm': 'rn',
});
