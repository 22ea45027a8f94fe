/**
 * Folds text for search that ignores case and diacritics: Vietnamese "Bản Nà Mạ", "ban na ma" and
 * "BAN NA MA" all fold to "ban na ma". Đ/đ (which Unicode does not decompose) folds to d.
 *
 * @example
 * foldText('Thục Phán') // 'thuc phan'
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
