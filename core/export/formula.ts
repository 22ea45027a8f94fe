/**
 * Spreadsheet formula injection (CSV injection): a text cell that starts with `=`, `+`, `-` or `@`
 * (or a tab or carriage return, which some importers skip before reading one of those) is run as
 * a formula when the file is opened in Excel or LibreOffice Calc, e.g. a village named
 * `=HYPERLINK("http://…")`. Such text gets a leading apostrophe, OWASP's advice, so the cell
 * opens as text. Numbers are never touched (a longitude of -5 stays a number).
 *
 * @example
 * neutraliseFormula('=1+1') // "'=1+1"
 * neutraliseFormula('Bản Nà Mạ') // "Bản Nà Mạ"
 */
export function neutraliseFormula(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
