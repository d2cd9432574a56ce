import { NICKNAME_TABLE } from './nickname-table';
import { normalizeText } from './normalize-text';
import { memoizeString } from '../text/memo';

/**
 * Honorifics and generational suffixes would otherwise look like name tokens. A generational suffix is
 * kept apart (`generationOf`): it tells a father from his namesake son.
 */
const NAME_NOISE = new Set(['mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'sir', 'dame', 'jr', 'sr', 'junior', 'senior', 'ii', 'iii', 'iv', 'phd', 'md', 'esq']);

/** Generational suffixes by generation: Jr. is the second of the name, Sr. the first. */
const GENERATIONS: Readonly<Record<string, string>> = { sr: 'i', senior: 'i', jr: 'ii', junior: 'ii', ii: 'ii', iii: 'iii', iv: 'iv' };

/**
 * The generation a record's name fields state ("John Smith Jr." → "ii", "Sr" → "i"), or null. A lone
 * "II" or "Junior" as a whole given name is not read as a suffix.
 */
export function generationOf(...values: Array<string | null | undefined>): string | null {
  for (const value of values) {
    const tokens = normalizeText(value).split(' ').filter(Boolean);
    if (tokens.length < 2) continue;
    for (const t of tokens) if (GENERATIONS[t]) return GENERATIONS[t];
  }
  return null;
}

function buildCanonicalIndex(): Map<string, string[]> {
  const index = new Map<string, Set<string>>();
  const add = (name: string, canonical: string): void => {
    const set = index.get(name) ?? new Set<string>();
    set.add(canonical);
    index.set(name, set);
  };
  for (const [canonical, variants] of Object.entries(NICKNAME_TABLE)) {
    add(canonical, canonical);
    for (const variant of variants) add(variant, canonical);
  }
  return new Map([...index].map(([name, set]) => [name, [...set].sort()]));
}

const CANONICAL_INDEX = buildCanonicalIndex();

/** Lower-case ASCII tokens of a name, without honorifics and suffixes. */
export function splitNameTokens(value: string | null | undefined): string[] {
  return normalizeText(value).split(' ').filter((token) => token.length > 0 && !NAME_NOISE.has(token));
}

/** A name as one comparable string: tokens in their original order, single-spaced. */
export function normalizeName(value: string | null | undefined): string | null {
  const tokens = splitNameTokens(value);
  return tokens.length > 0 ? tokens.join(' ') : null;
}

/** A name with tokens sorted, so "Smith John" and "John Smith" compare equal. */
export function normalizeNameTokenOrder(value: string | null | undefined): string | null {
  const tokens = splitNameTokens(value);
  return tokens.length > 0 ? [...tokens].sort().join(' ') : null;
}

/**
 * The canonical given names a (normalized) token may stand for: "bob" → ["robert"], "alex" →
 * ["alexander", "alexandra"]; a name outside the table is its own canonical form.
 */
export function canonicalizeGivenName(token: string): string[] {
  return [...canonicalsOf(token)];
}

const canonicalsOf = memoizeString((token: string): readonly string[] => {
  const normalized = normalizeText(token).replace(/ /g, '');
  if (!normalized) return [];
  return CANONICAL_INDEX.get(normalized) ?? [normalized];
});

/** True when two given names are different forms of one name (Bob/Robert, Peggy/Margaret, Liz/Beth). */
export function isNicknameOf(a: string, b: string): boolean {
  const cb = canonicalsOf(b);
  return canonicalsOf(a).some((name) => cb.includes(name));
}

/** The nickname table holds this name as a canonical name or as a form of one. */
export const isKnownGivenName: (token: string) => boolean = memoizeString((token) => CANONICAL_INDEX.has(normalizeText(token).replace(/ /g, '')));

const FORMS_OF_CANONICAL = new Map(Object.entries(NICKNAME_TABLE).map(([canonical, variants]) => [canonical, [canonical, ...variants]]));

/** Every form of the names a given name may stand for: "bobby" → robert, bob, bobby, rob, …; a name outside the table is its only form. */
export const nameFormsOf: (token: string) => readonly string[] = memoizeString((token) => [...new Set(canonicalsOf(token).flatMap((c) => FORMS_OF_CANONICAL.get(c) ?? [c]))]);

export interface SplitFullName {
  given: string[];
  family: string[];
}

/**
 * Splits a free-text full name. "Family, Given Middle" (comma form) puts the family first;
 * otherwise the last token is the family name and the rest are given names.
 */
export function splitFullName(value: string | null | undefined): SplitFullName {
  if (value == null) return { given: [], family: [] };
  const comma = value.indexOf(',');
  if (comma >= 0) {
    return { family: splitNameTokens(value.slice(0, comma)), given: splitNameTokens(value.slice(comma + 1)) };
  }
  const tokens = splitNameTokens(value);
  if (tokens.length <= 1) return { given: tokens, family: [] };
  return { given: tokens.slice(0, -1), family: tokens.slice(-1) };
}
