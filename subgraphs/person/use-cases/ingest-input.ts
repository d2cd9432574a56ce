// What an ingested person record is: the input schema (validation with stable messages), the attributes
// as stored (legal identifiers as keyed hashes, phones in E.164 where the record's country reads them),
// the matching features a record's system is trusted for, and the keyed hashes an erasure tombstone holds.
// Shared by every entry point of the ingest pipeline.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { deriveNationalIdHashes } from '../../../core/identity/derive-national-id-hashes';
import { checkNationalId } from '../../../core/identity/compare-national-ids';
import { matchFeaturesOf } from '../../../core/identity/extract-match-features';
import { extractEmailAddress, normalizeEmail } from '../../../core/identity/normalize-email';
import { normalizePhone, phoneRegionOf } from '../../../core/identity/normalize-phone';
import type { Resolution, ResolutionDecision } from '../../../core/identity/resolve-record';
import type { PersonAttributes } from '../../../core/identity/types';
import type { Config } from '../../../platform/config';
import { SourceSystem } from '../../shared/enums';
import { blindIndexOf } from '../store/legal-identifiers';
import { identifierKeyHash, sourceKeyHash } from './erase-person';

export type IngestDecision = ResolutionDecision | 'UNCHANGED';

export interface IngestResult {
  personId: string;
  sourceRecordId: string;
  decision: IngestDecision;
  matchedKey: string | null;
  score: number | null;
  suggestedPersonId: string | null;
  reviewId: string | null;
  explanation: Resolution['explanation'] | null;
  changedAttributes: string[];
  /** Attributes whose values failed validation: kept raw on the source record, not matched on (API results). */
  flaggedValues?: Array<{ attribute: string; reason: string }>;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const text = (max = 200) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`).nullish();
const iso2 = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "DE"').nullish();

function attributesSchema(defaultRegion: string, today: () => string) {
  return z
    .object({
      givenName: text(), middleName: text(), familyName: text(), fullName: text(300), preferredName: text(),
      // `"Jay Jones" <jjones@fmail.com>` is stored as the address it names.
      email: z.string().trim().max(320).transform(extractEmailAddress).refine((e) => normalizeEmail(e) !== null, 'must be an e-mail address').nullish(),
      emailVerified: z.boolean().nullish(),
      phone: z.string().trim().max(40).nullish(),
      birthDate: z
        .string()
        .regex(ISO_DATE, 'must be a date YYYY-MM-DD')
        .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'must be a calendar date')
        .refine((d) => d >= '1900-01-01' && d <= today(), 'must be between 1900-01-01 and today')
        .nullish(),
      nationalId: z.string().trim().min(4, 'must be at least 4 characters').max(64).nullish(),
      passport: z.string().trim().min(4, 'must be at least 4 characters').max(64).nullish(),
      street: text(300), city: text(), postcode: text(20), country: iso2, nationality: iso2,
      preferredLanguage: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag such as "de" or "en-GB"').nullish(),
      employer: text(), jobTitle: text(),
      // Lossless intake (import): values that failed validation, kept raw with the reason, out of matching and survivorship.
      invalid: z.record(z.string(), z.object({ value: z.string().nullable(), reason: z.string() })).nullish(),
    })
    .strict()
    .superRefine((a, ctx) => {
      if (a.phone != null && normalizePhone(a.phone, phoneRegionOf(a, defaultRegion))?.e164 == null) {
        ctx.addIssue({ code: 'custom', path: ['phone'], message: 'must be a phone number (E.164, or national format of the record\'s country or the default region)' });
      }
    });
}

/**
 * `now` is the time to validate against: a fixed date, or a clock read at every validation (so one schema,
 * built once, serves every request: building a zod schema and compiling its parser costs more than a parse).
 */
export function ingestInputSchema(config: Config, now: Date | (() => Date)) {
  const clock = typeof now === 'function' ? now : () => now;
  return z.object({
    system: z.enum(['CRM', 'ATS', 'HRIS'], { message: 'must be CRM, ATS or HRIS (steward values go through overridePersonAttribute)' }),
    sourceId: z.string().trim().min(1, 'must not be empty').max(200),
    sourceTimestamp: z.date().refine((d) => d.getTime() <= clock().getTime() + 5 * 60_000, 'must not be in the future'),
    attributes: attributesSchema(config.matching.defaultRegion, () => clock().toISOString().slice(0, 10)),
    idempotencyKey: z.string().min(1).max(255).nullish(),
  });
}

export type IngestInput = z.infer<ReturnType<typeof ingestInputSchema>>;
type RawAttributes = IngestInput['attributes'];

/**
 * Attributes as stored: the legal identifier only as keyed hashes, never in plain text; a national-format
 * phone written in E.164 when the record's own country reads it (so the number means the same whatever
 * region the deployment defaults to).
 */
export function toStoredAttributes(raw: RawAttributes, hmacKey: string): PersonAttributes {
  // Passports are kept only in LegalIdentifier (encrypted + blind index); they take no part in matching.
  const { nationalId, passport: _passport, ...rest } = raw;
  const out: PersonAttributes = { ...rest };
  if (out.phone && !out.phone.startsWith('+') && out.country && /^[A-Z]{2}$/.test(out.country)) {
    const e164 = normalizePhone(out.phone, out.country)?.e164;
    if (e164) out.phone = e164;
  }
  if (nationalId !== undefined) {
    const hashes = nationalId === null ? null : deriveNationalIdHashes(nationalId, (v) => createHmac('sha256', hmacKey).update(v).digest('hex'));
    out.nationalIdHash = hashes?.nationalIdHash ?? null;
    out.nationalIdVariantHashes = hashes?.nationalIdVariantHashes ?? null;
    // Checked before hashing: only two ids that both pass their check digit block a merge.
    out.nationalIdValid = hashes ? checkNationalId(nationalId, out.country) === 'VALID' : null;
  }
  return out;
}


/** Matching features of a record from `system`, as configuration says to derive them (matchFeaturesOf). */
export function featuresOf(attributes: PersonAttributes, system: string, config: Config) {
  return matchFeaturesOf(attributes, system, config.matching);
}

/** The keyed hashes an erasure tombstone would hold of this record: its (system, sourceId) and legal identifiers. */
export function erasureKeyHashesOf(input: IngestInput, features: { nationalIdHash: string | null }, hmacKey: string): string[] {
  const hashes = [sourceKeyHash(hmacKey, input.system, input.sourceId)];
  if (features.nationalIdHash) hashes.push(identifierKeyHash(features.nationalIdHash));
  const passport = input.attributes.passport ? blindIndexOf('PASSPORT', input.attributes.passport, hmacKey) : null;
  if (passport) hashes.push(identifierKeyHash(passport));
  return hashes;
}

export const INGEST_SYSTEMS = [SourceSystem.CRM, SourceSystem.ATS, SourceSystem.HRIS] as const;
