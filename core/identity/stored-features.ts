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
 */
export function decodeStoredFeatures(stored: unknown): MatchFeatures {
  if (!Array.isArray(stored)) return stored as MatchFeatures;
  if (stored[0] !== STORED_FEATURES_LAYOUT) throw new Error(`stored features: unknown layout ${JSON.stringify(stored[0])}`);
  const f: Record<string, unknown> = {};
  FIELDS.forEach((field, i) => {
    const value = stored[i + 1] ?? null;
    if (value !== null || LAYOUT[field] === 'value') f[field] = value;
  });
  return f as unknown as MatchFeatures;
}
