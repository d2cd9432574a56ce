/** Letters that NFKD does not decompose into a base letter plus a combining mark. */
const SPECIAL_LETTERS: Record<string, string> = {
  ß: 'ss', ø: 'o', æ: 'ae', œ: 'oe', ł: 'l', đ: 'd', ð: 'd', þ: 'th', ı: 'i',
};

/**
 * Lower-cases, strips diacritics and replaces punctuation with spaces, collapsing whitespace.
 * Apostrophes vanish without a space so "O'Brien" → "obrien".
 */
export function normalizeText(value: string | null | undefined): string {
  if (value == null) return '';
  return value
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[ßøæœłđðþı]/g, (ch) => SPECIAL_LETTERS[ch] ?? ch)
    .replace(/['’`´]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
