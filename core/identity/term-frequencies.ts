/**
 * How common a name is in the hub, from the hub's own blocking keys: the `nm:` key of a record (its
 * given and family name sounds) has a row for every record that carries that name, so the distinct
 * people behind those rows are the people who share the name. Kept current as records arrive (the key
 * rows are written with the records, in the same transaction) and, in a batch, by the batch's own rows.
 */
import { computePhoneticCode } from './phonetic';
import { FREQUENCY_PEOPLE_CAP, FREQUENCY_SAMPLE, employerFrequencyKeyOf } from './blocking-keys';
import type { MatchFeatures } from './types';

/** The blocking key of a record's own given + family name (the same key `computeBlockingKeys` writes). */
export function nameKeyOf(f: MatchFeatures): string | null {
  const given = f.givenNamePhonetic ?? (f.givenName ? computePhoneticCode(f.givenName) : null);
  const family = f.familyNamePhonetic;
  if (!given || !family) return null;
  return `nm:${[given, family].sort().join('|')}`;
}

/**
 * People other than a candidate who carry the record's name: distinct people behind the name key's
 * rows, less the candidate itself.
 */
export function countNamesakes(f: MatchFeatures, keyRows: (key: string) => ReadonlyArray<{ personId: string }>): number {
  const key = nameKeyOf(f);
  if (!key) return 0;
  const people = new Set(keyRows(key).map((r) => r.personId));
  return Math.max(0, people.size - 1);
}

/**
 * People other than a candidate who carry the record's own phone or e-mail: a company switchboard, a
 * family landline or a role mailbox (`info@…`) is shared, so agreeing on it says less the more people
 * carry it. Distinct people behind the `ph:` / `em:` key rows, less the candidate itself.
 */
export function countContactSharers(f: MatchFeatures, keyRows: (key: string) => ReadonlyArray<{ personId: string }>): { phoneSharers: number; emailSharers: number } {
  const others = (key: string) => Math.max(0, new Set(keyRows(key).map((r) => r.personId)).size - 1);
  return {
    phoneSharers: f.phoneDigits ? others(`ph:${f.phoneDigits}`) : 0,
    emailSharers: f.email ? others(`em:${f.email}`) : 0,
  };
}

/**
 * People in the hub, besides the candidate, estimated to work at the record's employer: the distinct
 * people behind the sampled frequency key's rows (at most FREQUENCY_PEOPLE_CAP of them: a store reads no
 * more), times the sample rate, less the candidate.
 */
export function estimateEmployerSharers(f: MatchFeatures, keyRows: (key: string) => ReadonlyArray<{ personId: string }>): { employerSharers: number } {
  const key = employerFrequencyKeyOf(f);
  if (!key) return { employerSharers: 0 };
  const people = Math.min(FREQUENCY_PEOPLE_CAP, new Set(keyRows(key).map((r) => r.personId)).size);
  return { employerSharers: Math.max(0, people * FREQUENCY_SAMPLE - 1) };
}
