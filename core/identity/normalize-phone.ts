import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';
import { parsePhoneNumberFromString as parseWithTypes } from 'libphonenumber-js/max';
import { memoizePair, memoizeString } from '../text/memo';

export interface NormalizedPhone {
  /** E.164 (+14155552671) when the number is valid for its region, else null. */
  e164: string | null;
  /** Last (up to) 9 digits of the national number; survives a missing or wrong country code. */
  digits: string;
}

const MIN_DIGITS = 6;

/**
 * Parses with libphonenumber-js, using defaultRegion for numbers without a country code.
 * Falls back to bare digits when the library cannot validate the number; null when too short to mean anything.
 */
export function normalizePhone(value: string | null | undefined, defaultRegion = 'US'): NormalizedPhone | null {
  if (value == null) return null;
  const parsed = parsedPhone(value, defaultRegion);
  return parsed && { ...parsed };
}

const parsedPhone = memoizePair((value: string, defaultRegion: string): NormalizedPhone | null => {
  const raw = value.trim();
  const allDigits = raw.replace(/\D/g, '');
  if (allDigits.length < MIN_DIGITS) return null;
  const parsed = parsePhoneNumberFromString(raw, defaultRegion.toUpperCase() as CountryCode);
  if (parsed && parsed.isValid()) {
    return { e164: parsed.number, digits: parsed.nationalNumber.slice(-9) };
  }
  return { e164: null, digits: allDigits.slice(-9) };
}, 20_000);

/**
 * The region a record's national-format phone number is read in: the record's own country when it
 * names one (ISO 3166-1 alpha-2), else the deployment's default. One rule for validation, intake and
 * matching, so the API and the import read "07780 285087" with country GB alike.
 */
export function phoneRegionOf(attrs: { country?: string | null }, defaultRegion: string): string {
  const country = attrs.country?.trim().toUpperCase();
  return country && /^[A-Z]{2}$/.test(country) ? country : defaultRegion;
}

/** Number types that reach a place (a home, an office, a company's shared number), not one person. */
const PLACE_LINES: ReadonlySet<string> = new Set(['FIXED_LINE', 'TOLL_FREE', 'SHARED_COST', 'UAN']);

/**
 * What the numbering plan says a valid E.164 number reaches: `fixed` for a fixed line (a household's
 * landline, an office or a company switchboard), `mobile` for a mobile; null where the plan does not
 * tell (North American numbers are either) or for anything else. Read with the full metadata, which
 * validation (`normalizePhone`) does not use.
 */
export function phoneLineOf(e164: string | null | undefined): 'fixed' | 'mobile' | null {
  return e164 ? lineOf(e164) : null;
}

const lineOf = memoizeString((e164: string): 'fixed' | 'mobile' | null => {
  const type = parseWithTypes(e164)?.getType();
  if (type === 'MOBILE') return 'mobile';
  return type !== undefined && PLACE_LINES.has(type) ? 'fixed' : null;
});
