import type { MatchFeatures } from './types';
import { computePhoneticCode } from './phonetic';

/** Email local parts shorter than this ("jo", "me") are too common to index alone. */
const MIN_EMAIL_LOCAL_LENGTH = 4;

/**
 * Index keys for candidate generation (and the record's frequency keys, see `isCandidateKey`). Two records become candidates when they share a key, so the
 * set is redundant on purpose: each corruption a duplicate commonly carries (name typo, nickname,
 * swapped names, new surname, changed email, date typo) leaves at least one key intact. Apart from
 * exact identifiers and the birth date, keys are compounds so no bucket is as large as a common surname.
 * Prefixes name the key kind: id/idv legal id (+ one-edit variants), em/el email/local part, ph phone
 * digits, bd birth date, nm name pair (order-free), lny/fny name + birth year, lnmd family + month-day,
 * pcl/pcf postcode + name, ctl city + family name, fil given initial + family name.
 */
export function computeBlockingKeys(f: MatchFeatures): string[] {
  const keys = new Set<string>();
  const employer = employerFrequencyKeyOf(f);
  if (employer) keys.add(employer);
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

/**
 * Frequency keys (prefix `tf`) are read with the blocking keys but never find candidates, need no lock
 * and do not rank candidates: their rows count how many people in the hub share a value (an employer).
 * Every record reads its own; only a fixed sample of people is stored under them (`storedKeysOf`) —
 * those whose name hashes to bucket 0 of FREQUENCY_SAMPLE — so a large employer's key stays small to
 * read; its row count times the sample rate estimates the people behind it.
 */
export const FREQUENCY_SAMPLE = 16;

/**
 * The most sampled people a frequency key counts: beyond FREQUENCY_PEOPLE_CAP × FREQUENCY_SAMPLE
 * (about 4,000) colleagues an employer is simply very large, and an employer agreement is worth nothing
 * well before that (the hand-set model's weight is spent at about 1,200). So a store reads at most
 * FREQUENCY_ROW_LIMIT rows of such a key, and of a larger one returns one row per person, up to the cap:
 * what a record reads stays the same however large the hub grows.
 */
export const FREQUENCY_PEOPLE_CAP = 256;
export const FREQUENCY_ROW_LIMIT = 4 * FREQUENCY_PEOPLE_CAP + 1;

export function isCandidateKey(key: string): boolean {
  return !key.startsWith('tf');
}

/**
 * Keys whose every row the planner reads: the legal id (deterministic matches) and the keys frequencies
 * count people under (name pair, phone, e-mail, the employer sample — of which a store reads at most
 * FREQUENCY_ROW_LIMIT rows; see term-frequencies.ts). Of any
 * other key the planner needs the rows of the people it can score and the number of rows (the lone-key
 * rule), so a store may leave out the rest of a large bucket.
 */
export function needsAllRows(key: string): boolean {
  return key.startsWith('id:') || key.startsWith('nm:') || key.startsWith('ph:') || key.startsWith('em:') || key.startsWith('tf');
}

/** The employer frequency key a record reads (and, when its person is in the sample, writes). */
export function employerFrequencyKeyOf(f: MatchFeatures): string | null {
  return f.employer ? `tfe:${f.employer}` : null;
}

/** A deterministic 1-in-FREQUENCY_SAMPLE sample of people, by their name: a person's records agree. */
export function isInFrequencySample(f: MatchFeatures): boolean {
  if (!f.givenName || !f.familyName) return false;
  let h = 0x811c9dc5;
  for (const ch of `${f.givenName}|${f.familyName}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h % FREQUENCY_SAMPLE === 0;
}

/** The keys a record is stored under: its blocking keys, and its frequency keys only when its person is in the sample. */
export function storedKeysOf(f: MatchFeatures, keys: readonly string[]): string[] {
  const sampled = isInFrequencySample(f);
  return keys.filter((k) => sampled || isCandidateKey(k));
}

/** The keys a record with these features is stored under (its blocking keys computed here). */
export function storedKeysFor(f: MatchFeatures): string[] {
  return storedKeysOf(f, computeBlockingKeys(f));
}
