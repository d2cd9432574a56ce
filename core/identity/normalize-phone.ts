import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js';

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
  const raw = value.trim();
  const allDigits = raw.replace(/\D/g, '');
  if (allDigits.length < MIN_DIGITS) return null;
  const parsed = parsePhoneNumberFromString(raw, defaultRegion.toUpperCase() as CountryCode);
  if (parsed && parsed.isValid()) {
    return { e164: parsed.number, digits: parsed.nationalNumber.slice(-9) };
  }
  return { e164: null, digits: allDigits.slice(-9) };
}

/**
 * The region a record's national-format phone number is read in: the record's own country when it
 * names one (ISO 3166-1 alpha-2), else the deployment's default. One rule for validation, intake and
 * matching, so the API and the import read "07780 285087" with country GB alike.
 */
export function phoneRegionOf(attrs: { country?: string | null }, defaultRegion: string): string {
  const country = attrs.country?.trim().toUpperCase();
  return country && /^[A-Z]{2}$/.test(country) ? country : defaultRegion;
}
