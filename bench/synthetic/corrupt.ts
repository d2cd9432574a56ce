/** Small pure corruptions applied to field values, each mimicking a way real source data goes wrong. */
import { Rng, pickOne, randomInt } from './prng';
import { NICKNAMES } from './reference-data';

export type TypoKind = 'insert' | 'delete' | 'substitute' | 'transpose';
export const TYPO_KINDS: readonly TypoKind[] = ['insert', 'delete', 'substitute', 'transpose'];

const KEYBOARD_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const NEIGHBOURS: Record<string, string> = buildKeyboardNeighbours();

function buildKeyboardNeighbours(): Record<string, string> {
  const out: Record<string, string> = {};
  KEYBOARD_ROWS.forEach((row, r) => {
    for (let c = 0; c < row.length; c++) {
      let near = '';
      for (const [dr, dc] of [[0, -1], [0, 1], [-1, 0], [-1, 1], [1, -1], [1, 0]] as const) {
        const other = KEYBOARD_ROWS[r + dr];
        const ch = other?.[c + dc];
        if (ch) near += ch;
      }
      out[row[c]] = near;
    }
  });
  return out;
}

function nearbyKey(rng: Rng, ch: string): string {
  const lower = ch.toLowerCase();
  const near = NEIGHBOURS[lower];
  const picked = near ? near[Math.floor(rng.next() * near.length)] : 'e';
  return ch === lower ? picked : picked.toUpperCase();
}

/**
 * One keyboard slip. Edits stay off the first character most of the time, as they do in real data
 * (people rarely mistype the initial), and the result always differs from the input when it has ≥ 2 letters.
 */
export function applyTypo(rng: Rng, value: string, kind: TypoKind = pickOne(rng, TYPO_KINDS)): string {
  if (value.length < 2) return value;
  const start = rng.next() < 0.9 ? 1 : 0;
  const i = randomInt(rng, start, value.length - 1);
  switch (kind) {
    case 'insert':
      return value.slice(0, i) + nearbyKey(rng, value[i]) + value.slice(i);
    case 'delete':
      return value.slice(0, i) + value.slice(i + 1);
    case 'substitute': {
      const replacement = nearbyKey(rng, value[i]);
      return replacement === value[i] ? value.slice(0, i) + value.slice(i + 1) : value.slice(0, i) + replacement + value.slice(i + 1);
    }
    case 'transpose': {
      const j = i === value.length - 1 ? i - 1 : i;
      if (value[j] === value[j + 1]) return value.slice(0, j) + value.slice(j + 1);
      return value.slice(0, j) + value[j + 1] + value[j] + value.slice(j + 2);
    }
  }
}

const FOLD_EXPANDED: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', Ä: 'Ae', Ö: 'Oe', Ü: 'Ue', ß: 'ss' };

/**
 * ASCII folding as an old system would store a name: "Müller" becomes "Mueller" (German convention) or
 * "Muller" (accents stripped), "Frédéric" becomes "Frederic".
 */
export function transliterate(value: string, expandUmlauts: boolean): string {
  if (!hasNonAscii(value)) return value;
  let out = '';
  for (const ch of value) {
    if (expandUmlauts && FOLD_EXPANDED[ch]) out += FOLD_EXPANDED[ch];
    else if (ch === 'ß') out += 'ss';
    else if (ch === 'ı') out += 'i';
    else out += ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  }
  return out;
}

export function hasNonAscii(value: string): boolean {
  return /[^\x00-\x7f]/.test(value);
}

export function nicknamesOf(givenName: string): readonly string[] {
  return NICKNAMES[givenName] ?? [];
}

/** `YYYY-MM-DD` with day and month exchanged, or null when that would not be a different valid date. */
export function swapDayAndMonth(isoDate: string): string | null {
  const [year, month, day] = isoDate.split('-');
  if (day === month || Number(day) > 12) return null;
  return `${year}-${day}-${month}`;
}
