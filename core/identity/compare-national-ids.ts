/**
 * Check digits of the national identifier schemes that carry one. A legal id that passes its scheme's
 * check is very unlikely to be a mistyped form of another valid id (a single substitution or an
 * adjacent transposition always breaks the check), so two *different valid* ids say "different
 * person"; two ids of which one fails its check, or of a scheme without a check digit, may be a typo.
 */
import { normalizeNationalId } from './derive-national-id-hashes';

export type NationalIdCheck = 'VALID' | 'INVALID' | 'UNCHECKED';

/** German tax id (Steuerliche Identifikationsnummer): 11 digits, ISO 7064 MOD 11,10 check digit. */
export function isValidGermanTaxId(id: string): boolean {
  if (!/^[1-9]\d{10}$/.test(id)) return false;
  let product = 10;
  for (let i = 0; i < 10; i += 1) {
    let sum = (Number(id[i]) + product) % 10;
    if (sum === 0) sum = 10;
    product = (sum * 2) % 11;
  }
  const check = (11 - product) % 10;
  return check === Number(id[10]);
}

/** French NIR (numéro de sécurité sociale): 13 characters (2A/2B for Corsica) + a 2-digit key = 97 − (number mod 97). */
export function isValidFrenchNir(id: string): boolean {
  if (!/^[12378]\d{4}(\d{2}|2A|2B)\d{8}$/.test(id)) return false;
  const body = id.slice(0, 13).replace('2A', '19').replace('2B', '18');
  const key = 97 - Number(BigInt(body) % 97n);
  return key === Number(id.slice(13));
}

const SCHEMES: Readonly<Record<string, (id: string) => boolean>> = {
  DE: isValidGermanTaxId,
  FR: isValidFrenchNir,
};

/**
 * Whether a legal id passes its country's check digit. UNCHECKED for a country without a scheme here
 * (US SSN and UK NINO have none) or an unknown country: such ids can only be compared by edit distance.
 */
export function checkNationalId(value: string | null | undefined, country: string | null | undefined): NationalIdCheck {
  const id = normalizeNationalId(value);
  const scheme = country ? SCHEMES[country.toUpperCase()] : undefined;
  if (!id || !scheme) return 'UNCHECKED';
  return scheme(id) ? 'VALID' : 'INVALID';
}
