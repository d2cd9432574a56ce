/**
 * Birth dates compared by part. Entry errors (a swapped day and month, one mistyped digit, two digits
 * exchanged, a date a few weeks or a year off) are kept apart from dates that say "different person"
 * (a father and a son of the same name are born decades apart).
 */
import { isAdjacentTransposition, isDayMonthSwap, isSingleCharacterTypo } from './normalize-date';

export type BirthDateLevel =
  | 'exact'
  | 'dayMonthSwap'
  /** One digit changed or two adjacent digits exchanged. */
  | 'typo'
  /** Within 31 days: a day or month slip. */
  | 'withinMonth'
  /** Within a year. */
  | 'withinYear'
  /** Two digits changed, the dates further apart than a year. */
  | 'twoDigits'
  | 'different';

const DAY_MS = 86_400_000;

function daysBetween(a: string, b: string): number {
  return Math.abs(Date.parse(`${a}T00:00:00Z`) - Date.parse(`${b}T00:00:00Z`)) / DAY_MS;
}

function digitDifferences(a: string, b: string): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) n += 1;
  return n;
}

/** Level of two ISO YYYY-MM-DD dates (both present). */
export function compareBirthDates(a: string, b: string): BirthDateLevel {
  if (a === b) return 'exact';
  if (isDayMonthSwap(a, b)) return 'dayMonthSwap';
  if (isSingleCharacterTypo(a, b) || isAdjacentTransposition(a, b)) return 'typo';
  const days = daysBetween(a, b);
  if (days <= 31) return 'withinMonth';
  if (days <= 366) return 'withinYear';
  if (digitDifferences(a, b) === 2) return 'twoDigits';
  return 'different';
}

/** Whole years between two ISO dates (by calendar year), for the "years apart" conflict rule. */
export function yearsBetween(a: string, b: string): number {
  return Math.abs(Number(a.slice(0, 4)) - Number(b.slice(0, 4)));
}
