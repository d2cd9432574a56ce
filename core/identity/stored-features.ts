import type { MatchFeatures } from './types';

/**
 * How a source record's matching features are stored: a JSON array of the values in a fixed field order,
 * led by the layout's version, trailing nulls left off. As an object of 24 named fields a record's
 * features cost about 815 bytes of jsonb (field names and a JSONB entry per name); as an array about 440.
 *
 * The order is part of the stored format. A new field goes at the end; a field is never moved or reused
 * (a changed layout takes a new version). The Record type makes the compiler insist that every field of
 * MatchFeatures is listed.
 */
const LAYOUT: Record<keyof MatchFeatures, 'value' | 'optional'> = {
  givenName: 'value',
  givenNameCanonicals: 'value',
  middleNames: 'value',
  familyName: 'value',
  familyNameTokens: 'value',
  preferredName: 'value',
  givenNamePhonetic: 'value',
  familyNamePhonetic: 'value',
  email: 'value',
  emailLocal: 'value',
  emailDomain: 'value',
  emailVerified: 'value',
  phone: 'value',
  phoneDigits: 'value',
  birthDate: 'value',
  nationalIdHash: 'value',
  nationalIdVariantHashes: 'value',
  street: 'value',
  city: 'value',
  postcode: 'value',
  country: 'value',
  employer: 'value',
  // Fields a record has only when it tells them (left out of the object when null).
  phoneLine: 'optional',
  nationalIdValid: 'optional',
  jobTitle: 'optional',
  generation: 'optional',
};

const FIELDS = Object.keys(LAYOUT) as Array<keyof MatchFeatures>;
export const STORED_FEATURES_LAYOUT = 1;

/** The stored form of a record's features. */
export function encodeStoredFeatures(f: MatchFeatures): unknown[] {
  const out: unknown[] = [STORED_FEATURES_LAYOUT];
  for (const field of FIELDS) out.push(f[field] ?? null);
  while (out.length > 1 && out[out.length - 1] === null) out.pop();
  return out;
}

/**
 * Features as stored, read back. Records written before the array layout hold an object of named
 * fields, which is returned as it is (`peoplegraph refresh-features` rewrites them).
 *
 * Built as one object literal: an object assembled field by field in a loop takes three times the
 * memory (about 2 KB against 670 bytes), and the import holds the features of every record it compares.
 * The positions are LAYOUT's; the round-trip test sets every field to a value of its own.
 */
export function decodeStoredFeatures(stored: unknown): MatchFeatures {
  if (!Array.isArray(stored)) return stored as MatchFeatures;
  const v = stored as unknown[];
  if (v[0] !== STORED_FEATURES_LAYOUT) throw new Error(`stored features: unknown layout ${JSON.stringify(v[0])}`);
  const at = <T>(i: number, empty: T): T => (v[i] ?? empty) as T;
  const f: MatchFeatures = {
    givenName: at(1, null), givenNameCanonicals: at(2, []), middleNames: at(3, []), familyName: at(4, null), familyNameTokens: at(5, []),
    preferredName: at(6, null), givenNamePhonetic: at(7, null), familyNamePhonetic: at(8, null), email: at(9, null), emailLocal: at(10, null),
    emailDomain: at(11, null), emailVerified: at(12, false), phone: at(13, null), phoneDigits: at(14, null), birthDate: at(15, null),
    nationalIdHash: at(16, null), nationalIdVariantHashes: at(17, []), street: at(18, null), city: at(19, null), postcode: at(20, null),
    country: at(21, null), employer: at(22, null),
  };
  if (v[23] != null) f.phoneLine = v[23] as MatchFeatures['phoneLine'];
  if (v[24] != null) f.nationalIdValid = v[24] as boolean;
  if (v[25] != null) f.jobTitle = v[25] as string;
  if (v[26] != null) f.generation = v[26] as string;
  return f;
}
