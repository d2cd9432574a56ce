/** Shared identity-resolution types. Everything here is plain data so it can be stored as JSON. */

export type SourceSystem = 'CRM' | 'ATS' | 'HRIS' | 'STEWARD';

export const SOURCE_SYSTEMS: readonly SourceSystem[] = ['CRM', 'ATS', 'HRIS', 'STEWARD'];

/** What one system says about a person; every field optional, null means "explicitly empty". */
export interface PersonAttributes {
  givenName?: string | null;
  middleName?: string | null;
  familyName?: string | null;
  fullName?: string | null;
  preferredName?: string | null;
  email?: string | null;
  emailVerified?: boolean | null;
  phone?: string | null;
  /** ISO YYYY-MM-DD */
  birthDate?: string | null;
  /** Keyed HMAC of the legal identifier, computed outside core; opaque here. */
  nationalIdHash?: string | null;
  /**
   * Keyed HMACs of the identifier's one-deletion neighbourhood (see deriveNationalIdHashes).
   * Lets two hashes that differ by a single typo be recognised as "near" without revealing the id.
   * Absent → any difference between two nationalIdHash values counts as a conflict.
   */
  nationalIdVariantHashes?: string[] | null;
  /** The legal identifier passes its country's check digit (computed before hashing); absent: not checked. */
  nationalIdValid?: boolean | null;
  street?: string | null;
  city?: string | null;
  postcode?: string | null;
  country?: string | null;
  nationality?: string | null;
  preferredLanguage?: string | null;
  employer?: string | null;
  jobTitle?: string | null;
  /**
   * Values that failed validation, kept raw on the source record with the reason (a data-quality flag)
   * and left out of matching and survivorship; legal identifiers are never kept raw (value null).
   */
  invalid?: Record<string, { value: string | null; reason: string }> | null;
}

/** The normalized, comparison-ready form of one record. Plain JSON (stored with the source record). */
export interface MatchFeatures {
  /** First given-name token, normalized (lower case, ASCII, no punctuation). */
  givenName: string | null;
  /** Canonical forms of givenName via the nickname table (itself included), sorted. */
  givenNameCanonicals: string[];
  /** Remaining given / middle tokens. */
  middleNames: string[];
  /** Family name tokens joined without separators ("van der berg" → "vanderberg"). */
  familyName: string | null;
  /** Individual family-name tokens (for double-barrelled / maiden-married overlap). */
  familyNameTokens: string[];
  preferredName: string | null;
  givenNamePhonetic: string | null;
  familyNamePhonetic: string | null;
  /** Normalized full email (plus-addressing and gmail dots removed). */
  email: string | null;
  emailLocal: string | null;
  emailDomain: string | null;
  emailVerified: boolean;
  /** E.164 when parseable, else null. */
  phone: string | null;
  /** Last (up to) 9 national digits, used as a fallback comparison and blocking key. */
  phoneDigits: string | null;
  /** What the numbering plan says the phone reaches (see `phoneLineOf`); absent when it does not tell. */
  phoneLine?: 'fixed' | 'mobile';
  /** ISO YYYY-MM-DD */
  birthDate: string | null;
  nationalIdHash: string | null;
  nationalIdVariantHashes: string[];
  /** True when the legal identifier passed its scheme's check digit; absent or false otherwise. */
  nationalIdValid?: boolean;
  street: string | null;
  city: string | null;
  postcode: string | null;
  country: string | null;
  employer: string | null;
  /** Job title, normalized; absent when the record names none (compared only between records of one employer). */
  jobTitle?: string;
  /** Generational suffix of the name ("i" for Sr., "ii" for Jr. or II, "iii", "iv"); absent when none. */
  generation?: string;
}
