const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
};

function daysInMonth(year: number, month: number): number {
  return [31, year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

function formatDate(year: number, month: number, day: number): string | null {
  if (!Number.isInteger(year) || year < 1800 || year > 2200) return null;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export interface NormalizeDateOptions {
  /** How to read an ambiguous a/b/yyyy: day first (Europe, default) or month first (US). */
  dayFirst?: boolean;
}

/**
 * Parses ISO (YYYY-MM-DD, with optional time), compact YYYYMMDD, DD/MM/YYYY or MM/DD/YYYY
 * (unambiguous when one part is > 12, otherwise by `dayFirst`), and "12 Mar 1980" / "Mar 12, 1980".
 * Returns ISO YYYY-MM-DD, or null for anything that is not a real calendar date.
 */
export function normalizeDate(value: string | null | undefined, options: NormalizeDateOptions = {}): string | null {
  if (value == null) return null;
  const s = value.trim().toLowerCase();
  if (!s) return null;
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[t ].*)?$/.exec(s) ?? /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/.exec(s);
  if (m) return formatDate(+m[1], +m[2], +m[3]);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return formatDate(+m[1], +m[2], +m[3]);
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  if (m) {
    const a = +m[1];
    const b = +m[2];
    const year = +m[3];
    if (a > 12) return formatDate(year, b, a);
    if (b > 12) return formatDate(year, a, b);
    return options.dayFirst === false ? formatDate(year, a, b) : formatDate(year, b, a);
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)? ([a-z]+)\.?,? (\d{4})$/.exec(s);
  if (m && MONTHS[m[2].slice(0, 3)]) return formatDate(+m[3], MONTHS[m[2].slice(0, 3)], +m[1]);
  m = /^([a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/.exec(s);
  if (m && MONTHS[m[1].slice(0, 3)]) return formatDate(+m[3], MONTHS[m[1].slice(0, 3)], +m[2]);
  return null;
}

/** True when a and b are the same ISO date with day and month exchanged (a classic entry error). */
export function isDayMonthSwap(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b || a === b) return false;
  const [ya, ma, da] = a.split('-');
  const [yb, mb, db] = b.split('-');
  return ya === yb && ma === db && da === mb;
}

/** True when two equal-length strings differ in exactly one position ("1980-01-02" vs "1980-01-03"). */
export function isSingleCharacterTypo(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b || a.length !== b.length || a === b) return false;
  let differences = 0;
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) differences += 1;
  return differences === 1;
}

/** Adjacent transposition of two digits ("1980-01-12" vs "1980-01-21"), a typing error. */
export function isAdjacentTransposition(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b || a.length !== b.length || a === b) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i += 1) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0] + 1 && a[diff[0]] === b[diff[1]] && a[diff[1]] === b[diff[0]];
}
