// Event contracts: one zod schema per event type and version. A payload names ids, systems and the
// NAMES of changed attributes — never a personal value (no names, emails, phones, birth dates). The one
// documented exception is a person's role statuses (candidate/employee/customer), lifecycle states that
// consumers such as the HRIS need to act on. docs/events.md is the prose version of this file.
import { z } from 'zod';

export const SOURCE_SYSTEMS = ['CRM', 'ATS', 'HRIS', 'STEWARD'] as const;

const id = z.string().uuid();
const system = z.enum(SOURCE_SYSTEMS);
/** Attribute names only; the values stay behind the API's field policies. */
const attributeNames = z.array(z.string().min(1).max(100));
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The owned-record upsert shape shared by Organization, Job, Offer and Employment events. */
const OwnedRecordChanged = z.strictObject({
  id,
  system,
  /** The owning system's identifier of the record (not personal data: a record key). */
  externalId: z.string().min(1),
  created: z.boolean(),
  changedAttributes: attributeNames,
});

/** Which system record caused the change: the system's own record key, not a personal value. */
const SourceRecordRef = z.strictObject({ system, sourceId: z.string().min(1) });
/** The identity-resolution decision (CREATED, MATCHED, MERGED, REVIEW_QUEUED, …). */
const decision = z.string().regex(/^[A-Z_]+$/);

const PersonCreatedV1 = z.strictObject({
  id,
  /** Systems whose source records formed the new golden person. */
  systems: z.array(system),
  decision: decision.optional(),
  /** True when an ATS record created the person: a new candidate. */
  candidate: z.boolean().optional(),
  sourceRecord: SourceRecordRef.optional(),
  /** Set when a steward's unmerge created this person from a source record of another. */
  unmergedFrom: id.optional(),
});

const PersonUpdatedV1 = z.strictObject({
  id,
  changedAttributes: attributeNames,
  decision: decision.optional(),
  sourceRecord: SourceRecordRef.optional(),
  /** Why golden values changed without a new source record: POLICY_CHANGE, STEWARD_OVERRIDE. */
  reason: z.enum(['POLICY_CHANGE', 'STEWARD_OVERRIDE']).optional(),
  candidateStatus: z.enum(['NONE', 'PROSPECT', 'APPLICANT', 'INTERVIEWING', 'OFFERED', 'HIRED', 'REJECTED', 'WITHDRAWN']).optional(),
  employeeStatus: z.enum(['NONE', 'PRE_HIRE', 'ACTIVE', 'ON_LEAVE', 'TERMINATED']).optional(),
  customerStatus: z.enum(['NONE', 'LEAD', 'CONTACT', 'CUSTOMER', 'FORMER']).optional(),
});

const PersonMergedV1 = z.strictObject({
  /** The surviving person (also the event subject). */
  survivorId: id,
  /** The person merged away; its id keeps resolving to the survivor. */
  mergedId: id,
  /** Golden attributes of the survivor whose value changed by the merge. */
  changedAttributes: attributeNames,
  reviewId: id.optional(),
});

const PersonUnmergedV1 = z.strictObject({
  /** The person the source records were detached from (also the event subject). */
  id,
  newPersonId: id,
  sourceRecordIds: z.array(id).min(1),
});

const PersonErasedV1 = z.strictObject({
  id,
  erasedAttributes: attributeNames,
});

/**
 * A consent was recorded. The purpose and status are what consumers (the CRM's marketing tools) must act
 * on; who captured it and how stays behind the API.
 */
const ConsentUpdatedV1 = z.strictObject({
  id,
  purpose: z.string().regex(/^[A-Z_]+$/),
  status: z.enum(['GRANTED', 'WITHDRAWN', 'DENIED']),
});

const ExternalIdChangedV1 = z.strictObject({
  personId: id,
  system,
  externalId: z.string().min(1),
});

const ReviewQueuedV1 = z.strictObject({
  reviewId: id,
  /** The person the incoming record was attached to. */
  personId: id,
  /** The existing person it may be the same as. */
  candidatePersonId: id,
  score: z.number().min(0).max(1).nullable(),
});

const ReviewResolvedV1 = z.strictObject({
  reviewId: id,
  decision: z.enum(['SAME_PERSON', 'DIFFERENT_PEOPLE', 'SUPERSEDED']),
  personId: id,
  candidatePersonId: id,
  /** Set when SAME_PERSON merged the two. */
  survivorId: id.nullable().optional(),
});

const OfferAcceptedV1 = z.strictObject({
  offerId: id,
  personId: id,
  jobId: id,
  startDate: isoDate.nullable(),
});

const CandidateToEmployeeV1 = z.strictObject({
  personId: id,
  offerId: id,
  jobId: id,
  startDate: isoDate.nullable(),
});

/** type → version → payload schema. Adding a version keeps the old one: consumers may lag. */
export const EVENT_CONTRACTS = {
  PersonCreated: { 1: PersonCreatedV1 },
  PersonUpdated: { 1: PersonUpdatedV1 },
  PersonMerged: { 1: PersonMergedV1 },
  PersonUnmerged: { 1: PersonUnmergedV1 },
  PersonErased: { 1: PersonErasedV1 },
  ConsentUpdated: { 1: ConsentUpdatedV1 },
  ExternalIdLinked: { 1: ExternalIdChangedV1 },
  ExternalIdUnlinked: { 1: ExternalIdChangedV1 },
  ReviewQueued: { 1: ReviewQueuedV1 },
  ReviewResolved: { 1: ReviewResolvedV1 },
  OrganizationUpserted: { 1: OwnedRecordChanged },
  JobUpserted: { 1: OwnedRecordChanged },
  OfferUpserted: { 1: OwnedRecordChanged },
  OfferAccepted: { 1: OfferAcceptedV1 },
  CandidateToEmployee: { 1: CandidateToEmployeeV1 },
  EmploymentCreated: { 1: OwnedRecordChanged },
  EmploymentUpdated: { 1: OwnedRecordChanged },
} as const satisfies Record<string, Record<number, z.ZodType>>;

export type EventType = keyof typeof EVENT_CONTRACTS;
export const EVENT_TYPES = Object.keys(EVENT_CONTRACTS) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_CONTRACTS, type);
}

export type ContractCheck = { ok: true } | { ok: false; problems: string[] };

/** Checks a payload against its (type, version) contract; an unknown type or version is a violation. */
export function checkEventData(type: string, version: number, data: unknown): ContractCheck {
  if (!isEventType(type)) return { ok: false, problems: [`unknown event type ${type}`] };
  const schema = (EVENT_CONTRACTS[type] as Record<number, z.ZodType>)[version];
  if (!schema) return { ok: false, problems: [`no contract for ${type} version ${version}`] };
  const parsed = schema.safeParse(data);
  if (parsed.success) return { ok: true };
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.') || '(payload)'}: ${i.message}`) };
}
