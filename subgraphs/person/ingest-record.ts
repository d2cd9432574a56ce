// Ingestion of one source record about a person: validate, merge a re-send into the stored record,
// or resolve a new record to a golden person (deterministic keys, then probabilistic matching, then
// bands), and carry out the decision with golden-record recomputation, provenance, audit and outbox
// in one transaction.
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client';
import { computeBlockingKeys } from '../../core/identity/blocking-keys';
import { deriveNationalIdHashes } from '../../core/identity/derive-national-id-hashes';
import { extractMatchFeatures } from '../../core/identity/extract-match-features';
import { normalizeEmail } from '../../core/identity/normalize-email';
import { normalizePhone, phoneRegionOf } from '../../core/identity/normalize-phone';
import { resolveRecord, type DeterministicHit, type Resolution, type ResolutionDecision } from '../../core/identity/resolve-record';
import type { PersonAttributes } from '../../core/identity/types';
import { DomainError, ErrorCode } from '../../core/errors/domain-error';
import type { Config } from '../../platform/config';
import type { Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { appendAudit, enqueueEvents, type ChangeMeta } from '../shared/change-log';
import type { RequestContext } from '../shared/context';
import { SourceSystem } from '../shared/enums';
import { runMutation } from '../shared/mutation';
import { changeMeta } from '../shared/owned-record';
import { personFlowMeta } from '../shared/person-flow';
import { validate } from '../shared/validation';
import { recordIngestOutcome } from '../../platform/metrics';
import { assertCanWriteAs } from '../shared/auth/assert-can-write-as';
import { createPersonWithSources } from './create-person';
import { recomputeGoldenPerson } from './golden-record';
import * as idRepo from './identity-repository';
import { hashPayload } from './source-records';
import { blindIndexOf, storeLegalIdentifiers } from './legal-identifiers';
import { findTombstoneHit, identifierKeyHash, sourceKeyHash } from './erase-person';

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
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const text = (max = 200) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`).nullish();
const iso2 = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "DE"').nullish();

function attributesSchema(defaultRegion: string, today: string) {
  return z
    .object({
      givenName: text(), middleName: text(), familyName: text(), fullName: text(300), preferredName: text(),
      email: z.string().trim().max(320).refine((e) => normalizeEmail(e) !== null, 'must be an e-mail address').nullish(),
      emailVerified: z.boolean().nullish(),
      phone: z.string().trim().max(40).nullish(),
      birthDate: z
        .string()
        .regex(ISO_DATE, 'must be a date YYYY-MM-DD')
        .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), 'must be a calendar date')
        .refine((d) => d >= '1900-01-01' && d <= today, 'must be between 1900-01-01 and today')
        .nullish(),
      nationalId: z.string().trim().min(4, 'must be at least 4 characters').max(64).nullish(),
      passport: z.string().trim().min(4, 'must be at least 4 characters').max(64).nullish(),
      street: text(300), city: text(), postcode: text(20), country: iso2, nationality: iso2,
      preferredLanguage: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'must be a BCP 47 tag such as "de" or "en-GB"').nullish(),
      employer: text(), jobTitle: text(),
    })
    .strict()
    .superRefine((a, ctx) => {
      if (a.phone != null && normalizePhone(a.phone, phoneRegionOf(a, defaultRegion))?.e164 == null) {
        ctx.addIssue({ code: 'custom', path: ['phone'], message: 'must be a phone number (E.164, or national format of the record\'s country or the default region)' });
      }
    });
}

export function ingestInputSchema(config: Config, now: Date) {
  return z.object({
    system: z.enum(['CRM', 'ATS', 'HRIS'], { message: 'must be CRM, ATS or HRIS (steward values go through overridePersonAttribute)' }),
    sourceId: z.string().trim().min(1, 'must not be empty').max(200),
    sourceTimestamp: z.date().refine((d) => d.getTime() <= now.getTime() + 5 * 60_000, 'must not be in the future'),
    attributes: attributesSchema(config.matching.defaultRegion, now.toISOString().slice(0, 10)),
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
  }
  return out;
}

/** A re-send overwrites the attributes it carries (null clears one) and keeps the rest. */
export function mergeAttributes(stored: PersonAttributes, incoming: PersonAttributes): PersonAttributes {
  const merged: Record<string, unknown> = { ...stored };
  for (const [k, v] of Object.entries(incoming)) if (v !== undefined) merged[k] = v;
  return merged as PersonAttributes;
}

/**
 * Matching features of a record from `system`: its `emailVerified` counts as a deterministic key only
 * when configuration trusts that system to verify e-mails (VERIFIED_EMAIL_TRUSTED_SYSTEMS).
 */
export function featuresOf(attributes: PersonAttributes, system: string, config: Config) {
  return extractMatchFeatures(attributes, {
    defaultRegion: config.matching.defaultRegion,
    trustEmailVerification: config.matching.verifiedEmailTrustedSystems.includes(system),
  });
}

/** A record must say something that can identify a person. */
export function isEmpty(attrs: PersonAttributes): boolean {
  return ![attrs.givenName, attrs.familyName, attrs.fullName, attrs.email, attrs.phone, attrs.nationalIdHash].some((v) => v != null && v !== '');
}

export async function ingestPersonRecord(ctx: RequestContext, raw: unknown): Promise<IngestResult> {
  const input = validate(ingestInputSchema(ctx.config, new Date()), raw);
  assertCanWriteAs(ctx, input.system);
  const result = await runMutation(ctx, { operation: 'ingestPersonRecord', idempotencyKey: input.idempotencyKey ?? ctx.idempotencyKey, request: input }, (tx) =>
    ingestValidated(tx, ctx, input),
  );
  recordIngestOutcome(result.decision);
  return result;
}

/** Resolves the record, then stores its legal identifiers (ciphertext + blind index) with the record it now is. */
export async function ingestValidated(tx: Tx, ctx: RequestContext, input: IngestInput): Promise<IngestResult> {
  const result = await resolveAndApply(tx, ctx, input);
  await storeLegalIdentifiers(tx, ctx.config, result, input.attributes);
  return result;
}

async function resolveAndApply(tx: Tx, ctx: RequestContext, input: IngestInput): Promise<IngestResult> {
  const meta = changeMeta(ctx, input.system);
  const incoming = toStoredAttributes(input.attributes, ctx.config.legalIdHmacKey);
  const lockKeys = [`sr:${input.system}:${input.sourceId}`];

  const existing = await tx.sourceRecord.findUnique({ where: { system_sourceId: { system: input.system, sourceId: input.sourceId } } });
  const attributes = existing ? mergeAttributes(existing.attributes as PersonAttributes, incoming) : incoming;
  if (isEmpty(attributes)) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A person record must carry at least a name, an e-mail, a phone or a legal identifier', {
      problems: [{ field: 'attributes', message: 'must carry at least a name, an e-mail, a phone or a legal identifier' }],
    });
  }
  const features = featuresOf(attributes, input.system, ctx.config);
  const keys = computeBlockingKeys(features);
  await idRepo.lockMatchKeys(tx, [...lockKeys, ...keys]);

  if (existing) return updateExistingRecord(tx, ctx, meta, input, existing, attributes, features, keys);

  // Another transaction may have inserted the same (system, sourceId) while we waited for the locks.
  const raced = await tx.sourceRecord.findUnique({ where: { system_sourceId: { system: input.system, sourceId: input.sourceId } } });
  if (raced) return updateExistingRecord(tx, ctx, meta, input, raced, mergeAttributes(raced.attributes as PersonAttributes, incoming), features, keys);

  const resolution = (await erasedIdentityResolution(tx, ctx, input, features)) ?? (await resolveNewRecord(tx, ctx, input, features, keys));
  return applyResolution(tx, ctx, meta, input, attributes, { features, keys }, resolution);
}

/**
 * A record whose (system, sourceId) or legal identifier belonged to an erased person is neither merged
 * back nor silently re-created: it becomes a new person flagged for a steward, saying why.
 */
async function erasedIdentityResolution(tx: Tx, ctx: RequestContext, input: IngestInput, features: ReturnType<typeof extractMatchFeatures>): Promise<Resolution | null> {
  const hit = await findTombstoneHit(tx, erasureKeyHashesOf(input, features, ctx.config.legalIdHmacKey));
  return hit ? ERASED_IDENTITY_RESOLUTION : null;
}

/** The keyed hashes an erasure tombstone would hold of this record: its (system, sourceId) and legal identifiers. */
export function erasureKeyHashesOf(input: IngestInput, features: { nationalIdHash: string | null }, hmacKey: string): string[] {
  const hashes = [sourceKeyHash(hmacKey, input.system, input.sourceId)];
  if (features.nationalIdHash) hashes.push(identifierKeyHash(features.nationalIdHash));
  const passport = input.attributes.passport ? blindIndexOf('PASSPORT', input.attributes.passport, hmacKey) : null;
  if (passport) hashes.push(identifierKeyHash(passport));
  return hashes;
}

export const ERASED_IDENTITY_RESOLUTION: Resolution = {
    decision: 'CREATED_FLAGGED', personId: null, matchedKey: null, score: null,
    explanation: {
      comparisons: [], blockers: [], candidatesConsidered: 0, candidatesCapped: false,
      reason: 'matches an identity that was erased (erasure tombstone): created as a new person and flagged for review, never merged back automatically',
    },
};

/**
 * What resolving this record as a new one would decide, writing nothing. Without its own link
 * (`ignoreOwnLink`) it names the person the record's attributes point to: reconciliation compares that
 * with the person the record is linked to.
 */
export async function previewResolution(tx: Tx, ctx: RequestContext, input: IngestInput, options: { ignoreOwnLink?: boolean } = {}): Promise<Resolution> {
  const features = featuresOf(toStoredAttributes(input.attributes, ctx.config.legalIdHmacKey), input.system, ctx.config);
  return resolveNewRecord(tx, ctx, input, features, computeBlockingKeys(features), !options.ignoreOwnLink);
}

async function resolveNewRecord(tx: Tx, ctx: RequestContext, input: IngestInput, features: ReturnType<typeof extractMatchFeatures>, keys: string[], ownLink = true): Promise<Resolution> {
  const deterministic: DeterministicHit[] = [];
  const linked = ownLink ? await idRepo.findLinkedPerson(tx, input.system, input.sourceId) : null;
  if (linked) deterministic.push({ key: 'EXTERNAL_ID', personId: await idRepo.resolveSurvivor(tx, linked) });
  if (features.nationalIdHash) {
    for (const p of await idRepo.findPeopleByBlockingKey(tx, `id:${features.nationalIdHash}`)) deterministic.push({ key: 'NATIONAL_ID', personId: p });
  }
  // Deterministic-only mode still looks up the record's exact e-mail key (for VERIFIED_EMAIL) but scores no one.
  const candidateKeys = ctx.config.matching.probabilistic ? keys : keys.filter((k) => k.startsWith('em:'));
  const { personIds, found } = await idRepo.findCandidatePeople(tx, candidateKeys, ctx.config.matching.candidateCap);
  const clusterIds = [...new Set([...personIds, ...deterministic.map((d) => d.personId)])];
  const members = await idRepo.findClusterMembers(tx, clusterIds);
  if (features.email) {
    const verifiedOwners = new Set(members.filter((m) => m.features.emailVerified && m.features.email === features.email).map((m) => m.personId));
    for (const p of verifiedOwners) deterministic.push({ key: 'VERIFIED_EMAIL', personId: p });
  }
  const byPerson = new Map<string, typeof members>();
  for (const m of members) byPerson.set(m.personId, [...(byPerson.get(m.personId) ?? []), m]);
  return resolveRecord({
    features,
    deterministic,
    candidates: clusterIds.filter((id) => byPerson.has(id) && (ctx.config.matching.probabilistic || deterministic.some((d) => d.personId === id))).map((personId) => ({
      personId,
      cannotLink: false,
      members: byPerson.get(personId)!.map((m) => ({ sourceRecordId: m.id, features: m.features })),
    })),
    candidatesFound: found,
    candidateCap: ctx.config.matching.candidateCap,
    thresholds: ctx.config.matching,
  });
}

/**
 * Marks the person's latest activity and, for a first ATS or CRM record, the role it starts
 * (candidate / contact), in one update.
 */
async function applyRoleStatus(tx: Tx, personId: string, system: string, meta: ChangeMeta): Promise<string[]> {
  const field = system === 'ATS' ? 'candidateStatus' : system === 'CRM' ? 'customerStatus' : null;
  const value = field === 'candidateStatus' ? 'APPLICANT' : 'CONTACT';
  const person = field ? await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { candidateStatus: true, customerStatus: true } }) : null;
  const starts = field !== null && person![field] === 'NONE';
  await tx.person.update({ where: { id: personId }, data: { lastActivityAt: meta.now, ...(starts ? { [field!]: value } : {}) } });
  if (!starts) return [];
  await appendAudit(tx, meta, [{ type: 'PersonUpdated', entityType: 'Person', entityId: personId, attribute: field, oldValue: 'NONE', newValue: value }]);
  return [field!];
}

/** Features and blocking keys of the record, computed once per ingest and reused for every write. */
interface RecordKeys { features: ReturnType<typeof extractMatchFeatures>; keys: string[] }

async function applyResolution(tx: Tx, ctx: RequestContext, requestMeta: ChangeMeta, input: IngestInput, attributes: PersonAttributes, derived: RecordKeys, r: Resolution): Promise<IngestResult> {
  const sourceTimestamp = input.sourceTimestamp;
  if (r.decision === 'MATCHED' || r.decision === 'AUTO_MERGED') {
    const personId = r.personId!;
    // A record joining a candidate (the CRM's enrichment of an applicant, say) is a step of that person's
    // candidate-to-employee flow, correlated by the person id (shared/person-flow.ts).
    const joined = await tx.person.findUniqueOrThrow({ where: { id: personId }, select: { candidateStatus: true } });
    const meta = joined.candidateStatus !== 'NONE' || input.system === 'ATS' ? personFlowMeta(requestMeta, personId) : requestMeta;
    const sourceRecordId = newId();
    await tx.sourceRecord.create({
      data: {
        id: sourceRecordId, personId, system: input.system, sourceId: input.sourceId, attributes: attributes as Prisma.InputJsonValue,
        features: derived.features as unknown as Prisma.InputJsonValue,
        payloadHash: hashPayload(attributes), sourceTimestamp,
        linkType: r.decision === 'MATCHED' ? 'DETERMINISTIC' : 'AUTOMATIC', linkKey: r.matchedKey, matchScore: r.score,
      },
    });
    await insertKeysAndExternalId(tx, sourceRecordId, personId, input, derived.keys, meta.actorId);
    await appendAudit(tx, meta, [{
      type: 'SourceRecordLinked', entityType: 'Person', entityId: personId,
      newValue: { sourceRecordId, system: input.system, sourceId: input.sourceId, decision: r.decision, matchedKey: r.matchedKey, score: r.score },
    }]);
    const { changed } = await recomputeGoldenPerson(tx, personId, meta, { defaultRegion: ctx.config.matching.defaultRegion });
    const roles = await applyRoleStatus(tx, personId, input.system, meta);
    await enqueueEvents(tx, meta, [{
      type: 'PersonUpdated', aggregateType: 'Person', aggregateId: personId,
      payload: { id: personId, changedAttributes: [...changed, ...roles], sourceRecord: { system: input.system, sourceId: input.sourceId }, decision: r.decision },
    }]);
    return { personId, sourceRecordId, decision: r.decision, matchedKey: r.matchedKey, score: r.score, suggestedPersonId: null, reviewId: null, explanation: r.explanation, changedAttributes: [...changed, ...roles] };
  }

  const flagged = r.decision === 'CREATED_FLAGGED';
  // An ATS record that creates a person starts a candidate's flow: its id is the flow's correlation id.
  const newPersonId = newId();
  const meta = input.system === 'ATS' ? personFlowMeta(requestMeta, newPersonId) : requestMeta;
  const { personId, sourceRecordIds: [sourceRecordId] } = await createPersonWithSources(tx, meta, {
    id: newPersonId,
    candidateStatus: input.system === 'ATS' ? 'APPLICANT' : 'NONE',
    customerStatus: input.system === 'CRM' ? 'CONTACT' : 'NONE',
    sources: [{ system: input.system, sourceId: input.sourceId, sourceTimestamp, attributes, features: derived.features }],
    firstLink: { linkKey: flagged ? 'WEAK_CANDIDATE' : r.decision === 'REVIEW_QUEUED' ? 'REVIEW' : null, matchScore: r.score },
    defaultRegion: ctx.config.matching.defaultRegion,
    eventPayload: { decision: r.decision, candidate: input.system === 'ATS', sourceRecord: { system: input.system, sourceId: input.sourceId } },
    lastActivityAt: meta.now,
  });
  let reviewId: string | null = null;
  if (r.decision === 'REVIEW_QUEUED') {
    reviewId = newId();
    await tx.matchReview.create({
      data: { id: reviewId, sourceRecordId, candidatePersonId: r.personId!, score: r.score ?? 0, explanation: r.explanation as unknown as Prisma.InputJsonValue },
    });
    await appendAudit(tx, meta, [{ type: 'ReviewQueued', entityType: 'Person', entityId: personId, newValue: { reviewId, candidatePersonId: r.personId, score: r.score, blockers: r.explanation.blockers } }]);
    await enqueueEvents(tx, meta, [{ type: 'ReviewQueued', aggregateType: 'MatchReview', aggregateId: reviewId, payload: { reviewId, personId, candidatePersonId: r.personId, score: r.score } }]);
  } else if (flagged) {
    await appendAudit(tx, meta, [{ type: 'PersonFlagged', entityType: 'Person', entityId: personId, newValue: { candidatePersonId: r.personId, score: r.score } }]);
  }
  return {
    personId, sourceRecordId, decision: r.decision, matchedKey: null, score: r.score,
    suggestedPersonId: r.decision === 'REVIEW_QUEUED' || flagged ? r.personId : null, reviewId, explanation: r.explanation, changedAttributes: [],
  };
}

async function insertKeysAndExternalId(tx: Tx, sourceRecordId: string, personId: string, input: IngestInput, keys: string[], actorId: string) {
  if (keys.length) await tx.blockingKey.createMany({ data: keys.map((key) => ({ key, sourceRecordId, personId })), skipDuplicates: true });
  await tx.externalId.createMany({ data: [{ id: newId(), system: input.system, value: input.sourceId, personId, linkedBy: actorId }], skipDuplicates: true });
}

async function updateExistingRecord(
  tx: Tx, ctx: RequestContext, meta: ChangeMeta, input: IngestInput,
  existing: { id: string; personId: string; payloadHash: string; sourceTimestamp: Date; attributes: unknown },
  attributes: PersonAttributes, features: ReturnType<typeof extractMatchFeatures>, keys: string[],
): Promise<IngestResult> {
  const personId = await idRepo.resolveSurvivor(tx, existing.personId);
  const unchanged = (reason: string): IngestResult => ({
    personId, sourceRecordId: existing.id, decision: 'UNCHANGED', matchedKey: 'SOURCE_RECORD', score: null, suggestedPersonId: null, reviewId: null,
    explanation: { comparisons: [], blockers: [], candidatesConsidered: 0, candidatesCapped: false, reason }, changedAttributes: [],
  });
  const payloadHash = hashPayload(attributes);
  if (payloadHash === existing.payloadHash) return unchanged('same payload as the stored source record');
  // Out-of-order delivery: an older update must not overwrite a newer one.
  if (input.sourceTimestamp.getTime() < existing.sourceTimestamp.getTime()) return unchanged('older than the stored source record (sourceTimestamp)');
  await tx.sourceRecord.update({
    where: { id: existing.id },
    data: { attributes: attributes as Prisma.InputJsonValue, features: features as unknown as Prisma.InputJsonValue, payloadHash, sourceTimestamp: input.sourceTimestamp },
  });
  await tx.blockingKey.deleteMany({ where: { sourceRecordId: existing.id } });
  if (keys.length) await tx.blockingKey.createMany({ data: keys.map((key) => ({ key, sourceRecordId: existing.id, personId })), skipDuplicates: true });
  await appendAudit(tx, meta, [{
    type: 'SourceRecordUpdated', entityType: 'Person', entityId: personId,
    newValue: { sourceRecordId: existing.id, system: input.system, sourceId: input.sourceId, attributes: Object.keys(input.attributes) },
  }]);
  const { changed } = await recomputeGoldenPerson(tx, personId, meta, { defaultRegion: ctx.config.matching.defaultRegion });
  await tx.person.update({ where: { id: personId }, data: { lastActivityAt: meta.now } });
  if (changed.length) {
    await enqueueEvents(tx, meta, [{ type: 'PersonUpdated', aggregateType: 'Person', aggregateId: personId, payload: { id: personId, changedAttributes: changed, sourceRecord: { system: input.system, sourceId: input.sourceId } } }]);
  }
  return {
    personId, sourceRecordId: existing.id, decision: 'MATCHED', matchedKey: 'SOURCE_RECORD', score: null, suggestedPersonId: null, reviewId: null,
    explanation: { comparisons: [], blockers: [], candidatesConsidered: 0, candidatesCapped: false, reason: 'same (system, sourceId): the stored source record was updated' },
    changedAttributes: changed,
  };
}

export const INGEST_SYSTEMS = [SourceSystem.CRM, SourceSystem.ATS, SourceSystem.HRIS] as const;
