import type { MatchFeatures } from './types';
import { computePhoneticCode } from './phonetic';

/** Email local parts shorter than this ("jo", "me") are too common to index alone. */
const MIN_EMAIL_LOCAL_LENGTH = 4;

/**
 * Index keys for candidate generation. Two records become candidates when they share a key, so the
 * set is redundant on purpose: each corruption a duplicate commonly carries (name typo, nickname,
 * swapped names, new surname, changed email, date typo) leaves at least one key intact. Apart from
 * exact identifiers and the birth date, keys are compounds so no bucket is as large as a common surname.
 * Prefixes name the key kind: id/idv legal id (+ one-edit variants), em/el email/local part, ph phone
 * digits, bd birth date, nm name pair (order-free), lny/fny name + birth year, lnmd family + month-day,
 * pcl/pcf postcode + name, ctl city + family name, fil given initial + family name.
 */
export function computeBlockingKeys(f: MatchFeatures): string[] {
  const keys = new Set<string>();
  if (f.nationalIdHash) {
    keys.add(`id:${f.nationalIdHash}`);
    for (const variant of f.nationalIdVariantHashes) keys.add(`idv:${variant}`);
  }
  if (f.email) keys.add(`em:${f.email}`);
  if (f.emailLocal && f.emailLocal.length >= MIN_EMAIL_LOCAL_LENGTH) keys.add(`el:${f.emailLocal}`);
  if (f.phoneDigits) keys.add(`ph:${f.phoneDigits}`);
  if (f.birthDate) keys.add(`bd:${f.birthDate}`);

  const family = f.familyNamePhonetic;
  // Nicknames meet through their canonical form: "bob" and "robert" both index as RBRT.
  const givens = [...new Set([f.givenNamePhonetic, ...f.givenNameCanonicals.map((name) => computePhoneticCode(name))])]
    .filter((code): code is string => Boolean(code));
  const year = f.birthDate?.slice(0, 4);
  const monthDay = f.birthDate?.slice(5);

  for (const given of givens) {
    if (family) keys.add(`nm:${[given, family].sort().join('|')}`);
    if (year) keys.add(`fny:${given}|${year}`);
    if (f.postcode) keys.add(`pcf:${f.postcode}|${given}`);
  }
  if (family) {
    if (year) keys.add(`lny:${family}|${year}`);
    if (monthDay) keys.add(`lnmd:${family}|${monthDay}`);
    if (f.postcode) keys.add(`pcl:${f.postcode}|${family}`);
    if (f.city) keys.add(`ctl:${computePhoneticCode(f.city, 6)}|${family}`);
    // Given-name initial + family sound survives a typo in the given name ("Thoas Green").
    if (f.givenName) keys.add(`fil:${f.givenName[0]}|${family}`);
  }
  return [...keys].sort();
}
