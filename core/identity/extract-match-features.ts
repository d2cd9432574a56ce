import type { MatchFeatures, PersonAttributes } from './types';
import { canonicalizeGivenName, generationOf, normalizeName, splitFullName, splitNameTokens } from './normalize-name';
import { normalizeEmail } from './normalize-email';
import { normalizePhone, phoneLineOf, phoneRegionOf } from './normalize-phone';
import { normalizeDate } from './normalize-date';
import { computePhoneticCode } from './phonetic';
import { normalizeText } from './normalize-text';

export interface ExtractMatchFeaturesOptions {
  /** ISO 3166 alpha-2 region for phone numbers without a country code. */
  defaultRegion?: string;
  /**
   * Whether the record's system is trusted to verify e-mails (configuration). Only then does its
   * `emailVerified` make the e-mail a deterministic key; otherwise the e-mail is compared like any other.
   */
  trustEmailVerification?: boolean;
}

function nullIfEmpty(value: string): string | null {
  return value.length > 0 ? value : null;
}

/** Postcodes compare without spaces or case ("SW1A 1AA" = "sw1a1aa"). */
function normalizePostcode(value: string | null | undefined): string | null {
  return nullIfEmpty(normalizeText(value).replace(/ /g, ''));
}

/**
 * Reduces a record to the normalized values the matcher compares. Given and family names come from
 * the explicit parts when present, else from fullName; fullName also fills a missing part.
 */
export function extractMatchFeatures(attrs: PersonAttributes, opts: ExtractMatchFeaturesOptions = {}): MatchFeatures {
  const full = splitFullName(attrs.fullName);
  let givenTokens = splitNameTokens(attrs.givenName);
  let familyTokens = splitNameTokens(attrs.familyName);
  const middleTokens = splitNameTokens(attrs.middleName);
  if (givenTokens.length === 0 && familyTokens.length === 0) {
    givenTokens = full.given;
    familyTokens = full.family;
  } else if (givenTokens.length === 0 && full.given.length > 0) {
    givenTokens = full.given;
  } else if (familyTokens.length === 0 && full.family.length > 0) {
    familyTokens = full.family;
  }
  const givenName = givenTokens[0] ?? null;
  const familyName = nullIfEmpty(familyTokens.join(''));
  const email = normalizeEmail(attrs.email);
  const phone = normalizePhone(attrs.phone, phoneRegionOf(attrs, opts.defaultRegion ?? 'US'));
  const nationalIdHash = attrs.nationalIdHash ? attrs.nationalIdHash : null;
  const jobTitle = normalizeText(attrs.jobTitle);
  const phoneLine = phoneLineOf(phone?.e164);
  // A suffix written in its own field ("Jr.") or after the names ("Smith Jr.", "John Smith Jr").
  const generation = generationOf(attrs.fullName, [attrs.givenName, attrs.middleName, attrs.familyName].filter(Boolean).join(' '));
  return {
    givenName,
    givenNameCanonicals: givenName ? canonicalizeGivenName(givenName) : [],
    middleNames: [...givenTokens.slice(1), ...middleTokens],
    familyName,
    familyNameTokens: familyTokens,
    preferredName: normalizeName(attrs.preferredName),
    givenNamePhonetic: nullIfEmpty(computePhoneticCode(givenName)),
    familyNamePhonetic: nullIfEmpty(computePhoneticCode(familyName)),
    email: email?.normalized ?? null,
    emailLocal: email?.local ?? null,
    emailDomain: email?.domain ?? null,
    emailVerified: Boolean(email && attrs.emailVerified && (opts.trustEmailVerification ?? true)),
    phone: phone?.e164 ?? null,
    phoneDigits: phone?.digits ?? null,
    ...(phoneLine ? { phoneLine } : {}),
    birthDate: normalizeDate(attrs.birthDate),
    nationalIdHash,
    nationalIdVariantHashes: nationalIdHash ? [...new Set(attrs.nationalIdVariantHashes ?? [])].sort() : [],
    ...(nationalIdHash && attrs.nationalIdValid === true ? { nationalIdValid: true } : {}),
    street: nullIfEmpty(normalizeText(attrs.street)),
    city: nullIfEmpty(normalizeText(attrs.city)),
    postcode: normalizePostcode(attrs.postcode),
    country: nullIfEmpty(normalizeText(attrs.country)),
    employer: nullIfEmpty(normalizeText(attrs.employer)),
    ...(jobTitle ? { jobTitle } : {}),
    ...(generation ? { generation } : {}),
  };
}

/** What configuration says about deriving a record's features: the phone region, and which systems verify e-mails. */
export interface FeatureDerivation { defaultRegion: string; verifiedEmailTrustedSystems: readonly string[] }

/**
 * Matching features of a record from `system`: its `emailVerified` counts as a deterministic key only
 * when configuration trusts that system to verify e-mails (VERIFIED_EMAIL_TRUSTED_SYSTEMS). Every
 * writer of source records derives features this way (ingestion, people created from known sources,
 * refresh-features).
 */
export function matchFeaturesOf(attributes: PersonAttributes, system: string, derivation: FeatureDerivation): MatchFeatures {
  return extractMatchFeatures(attributes, {
    defaultRegion: derivation.defaultRegion,
    trustEmailVerification: derivation.verifiedEmailTrustedSystems.includes(system),
  });
}
