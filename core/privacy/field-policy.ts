// The one field policy of the graph: for every field of every type (Query and Mutation included) who
// may use it, and for personal fields who sees the value in full, who sees it masked and with which
// mask. A field that is not here is denied (graphql-shield's fallback rule), and a test walks the
// composed supergraph so that a field added without a row fails CI. Three kinds, one behaviour each:
//
//   operation  Query/Mutation fields. A caller without one of `allow` gets null and a FORBIDDEN error.
//   data       Non-personal fields of object types. Same: null and FORBIDDEN (in practice every role
//              holds graph:read, so this only stops tokens that carry no role at all).
//   personal   Fields holding personal data. `full` grants see the value, `masked` scopes see the mask
//              of it, everyone else gets null (an empty list for list fields) WITHOUT an error: a query
//              written for the richest role still runs for every other role.
//
//   attributeValue  Fields whose value is the value of ANOTHER attribute (provenance, audit log, a
//              source record's attributes). Callers without one of `allow` get null without error;
//              the values inside follow the policy of the attribute they hold: shown, masked or null.
//              `attribute` says where the attribute name is: the field's `attribute` argument, the
//              parent's `entityType`/`attribute`, each key of a JSON object of person attributes, or
//              each comparison and blocker of a match explanation (a level like `typo` or a birth-date
//              conflict says something about the stored value, so it follows that attribute's row).
//
// `full` grants may be limited to a subject: `{ scope, subject: 'candidate' }` applies only when the
// person is (or was) a candidate, so a recruiter sees candidates' contact data and not everyone's.
// A grant whose subject the grant holder can create by its own write also names `sourcedBy`: it shows
// in full only the values that system supplied. Any ATS record makes a person a candidate — a
// recruiter's own included — so the candidate grant reveals what the ATS told us, and what the HRIS or
// the CRM told us about that person stays masked: a caller's own writes never widen what it may read.
// (Employment, and so the employee subject, is written by the HRIS alone; HR cannot create it.)
import type { MaskName } from './masks';
import { SCOPES as S, type Scope } from './scopes';

/** Who may use a field: holders of any of these scopes, or every caller with a valid token. */
export type Audience = readonly Scope[] | 'authenticated';
export type Subject = 'candidate' | 'employee';
export type Grant = Scope | { scope: Scope; subject: Subject; sourcedBy?: string };

export type FieldPolicy =
  | { kind: 'operation'; allow: Audience }
  | { kind: 'data'; allow: Audience }
  | { kind: 'personal'; full: readonly Grant[]; masked?: { allow: readonly Scope[]; mask: MaskName } }
  | { kind: 'attributeValue'; allow: readonly Scope[]; attribute: 'argument' | 'parent' | 'keys' | 'explanation' };

const READ: FieldPolicy = { kind: 'data', allow: [S.GRAPH_READ] };
const QUERY: FieldPolicy = { kind: 'operation', allow: [S.GRAPH_READ] };
const WRITE_SOURCE: FieldPolicy = { kind: 'operation', allow: [S.SOURCE_WRITE] };
const INGEST: FieldPolicy = { kind: 'operation', allow: [S.IDENTITY_INGEST] };
/** Webhook subscriptions carry signing secrets and where events go: their administrators only. */
const WEBHOOKS: FieldPolicy = { kind: 'operation', allow: [S.WEBHOOKS_MANAGE] };
const WEBHOOK_DATA: FieldPolicy = { kind: 'data', allow: [S.WEBHOOKS_MANAGE] };

const CONTACT_FULL: readonly Grant[] = [
  S.CONTACT_READ,
  { scope: S.CANDIDATE_CONTACT_READ, subject: 'candidate', sourcedBy: 'ATS' },
  { scope: S.EMPLOYEE_RECORD_READ, subject: 'employee' },
];
const PROFILE_FULL: readonly Grant[] = [S.PROFILE_READ, { scope: S.EMPLOYEE_RECORD_READ, subject: 'employee' }];

const NAME: FieldPolicy = { kind: 'personal', full: CONTACT_FULL, masked: { allow: [S.CONTACT_MASKED], mask: 'initials' } };
const EMAIL: FieldPolicy = { kind: 'personal', full: CONTACT_FULL, masked: { allow: [S.CONTACT_MASKED], mask: 'email' } };
const PHONE: FieldPolicy = { kind: 'personal', full: CONTACT_FULL, masked: { allow: [S.CONTACT_MASKED], mask: 'phone' } };
const BIRTH_DATE: FieldPolicy = { kind: 'personal', full: PROFILE_FULL, masked: { allow: [S.PROFILE_MASKED], mask: 'birthYear' } };
const PROFILE: FieldPolicy = { kind: 'personal', full: PROFILE_FULL };
/** Home address: contact data, shown only in full (no useful mask of a street). */
const ADDRESS: FieldPolicy = { kind: 'personal', full: CONTACT_FULL };
const PROVENANCE: FieldPolicy = { kind: 'personal', full: [S.PROVENANCE_READ] };
/** Legal identifiers: the list and last 4 with profile read (employees' with their record), plaintext only with legal_identifier:read. */
const LEGAL_ID_LAST4: FieldPolicy = { kind: 'personal', full: [S.LEGAL_IDENTIFIER_READ, ...PROFILE_FULL] };
const LEGAL_ID_VALUE: FieldPolicy = { kind: 'personal', full: [S.LEGAL_IDENTIFIER_READ] };
/** Audited old/new values are as visible as the attribute they belong to, to audit readers. */
const AUDIT_VALUE: FieldPolicy = { kind: 'attributeValue', allow: [S.AUDIT_READ], attribute: 'parent' };
/** `provenance(attribute:)`: provenance readers see who decided what; the values follow that attribute's row. */
const PROVENANCE_OF: FieldPolicy = { kind: 'attributeValue', allow: [S.PROVENANCE_READ], attribute: 'argument' };
/** A match explanation: every caller of the operation gets it, each comparison and blocker as its attribute's row says. */
const MATCH_EXPLANATION: FieldPolicy = { kind: 'attributeValue', allow: [S.GRAPH_READ], attribute: 'explanation' };
/** Comparison details may quote the compared values. */
const MATCH_DETAIL: FieldPolicy = { kind: 'personal', full: [S.CONTACT_READ] };
const ADDRESS_PART: FieldPolicy = { kind: 'personal', full: CONTACT_FULL };
const SALARY: FieldPolicy = { kind: 'personal', full: [S.COMPENSATION_READ] };
const OFFER_SALARY: FieldPolicy = { kind: 'personal', full: [S.COMPENSATION_READ, S.OFFER_COMPENSATION_READ] };
/** The HRIS employee number identifies a person in another system: employees' records in full, last 4 otherwise. */
const EMPLOYEE_NUMBER: FieldPolicy = {
  kind: 'personal',
  full: [S.PROFILE_READ, S.EMPLOYEE_RECORD_READ],
  masked: { allow: [S.PROFILE_MASKED], mask: 'last4' },
};

const CONNECTION = { edges: READ, pageInfo: READ };
const EDGE = { node: READ, cursor: READ };
const PAYLOAD = { created: READ, changedAttributes: READ };

export const FIELD_POLICY: Readonly<Record<string, Readonly<Record<string, FieldPolicy>>>> = {
  Query: {
    person: QUERY, personByExternalId: QUERY, people: QUERY,
    organization: QUERY, organizationByExternalId: QUERY, organizations: QUERY,
    job: QUERY, jobByExternalId: QUERY, jobs: QUERY,
    employment: QUERY, employmentByExternalId: QUERY, employments: QUERY,
    offer: QUERY, offerByExternalId: QUERY, offers: QUERY,
    // The change feed carries ids and attribute names only, but who changed what is still for event readers.
    events: { kind: 'operation', allow: [S.EVENTS_READ] },
    // Federation entry points: only the gateway (or a caller with a valid token) needs them; what an
    // entity shows is decided by its own fields' rows below, exactly as for a top-level query.
    _service: { kind: 'operation', allow: 'authenticated' },
    _entities: QUERY,
    matchReviews: { kind: 'operation', allow: [S.IDENTITY_REVIEW] },
    matchConstraints: { kind: 'operation', allow: [S.IDENTITY_REVIEW] },
    auditEvents: { kind: 'operation', allow: [S.AUDIT_READ] },
    auditLogVerification: { kind: 'operation', allow: [S.AUDIT_READ] },
    // Who read whom: names no value, but is itself about people and their readers.
    accessLog: { kind: 'operation', allow: [S.AUDIT_READ] },
    survivorshipPolicy: QUERY,
    // Aggregate counts and rates only, never a person or a value: for every reader, the business side included.
    dataQuality: QUERY,
    webhookSubscriptions: WEBHOOKS, webhookDeliveries: WEBHOOKS,
  },
  _Service: { sdl: { kind: 'data', allow: 'authenticated' } },
  Mutation: {
    upsertOrganization: WRITE_SOURCE, upsertJob: WRITE_SOURCE, upsertEmployment: WRITE_SOURCE, upsertOffer: WRITE_SOURCE,
    ingestPersonRecord: INGEST, ingestPersonRecords: INGEST,
    linkExternalId: { kind: 'operation', allow: [S.IDENTITY_LINK] },
    unlinkExternalId: { kind: 'operation', allow: [S.IDENTITY_LINK] },
    resolveMatchReview: { kind: 'operation', allow: [S.IDENTITY_REVIEW] },
    liftMatchConstraint: { kind: 'operation', allow: [S.IDENTITY_REVIEW] },
    mergePeople: { kind: 'operation', allow: [S.IDENTITY_MERGE] },
    unmergeSourceRecord: { kind: 'operation', allow: [S.IDENTITY_MERGE] },
    // Changing a rule recomputes golden records everywhere: administrators only.
    updateSurvivorshipRule: { kind: 'operation', allow: [S.POLICY_MANAGE] },
    overridePersonAttribute: { kind: 'operation', allow: [S.IDENTITY_MERGE] },
    updateConsent: { kind: 'operation', allow: [S.PRIVACY_MANAGE, S.CONSENT_WRITE] },
    erasePerson: { kind: 'operation', allow: [S.PRIVACY_MANAGE] },
    createWebhookSubscription: WEBHOOKS, updateWebhookSubscription: WEBHOOKS, rotateWebhookSecret: WEBHOOKS,
    deleteWebhookSubscription: WEBHOOKS, replayWebhookDeliveries: WEBHOOKS,
  },

  Person: {
    id: READ,
    legalName: NAME, givenName: NAME, middleName: NAME, familyName: NAME, preferredName: NAME,
    primaryEmail: EMAIL, emails: EMAIL,
    phones: PHONE,
    birthDate: BIRTH_DATE,
    nationality: PROFILE, preferredLanguage: PROFILE,
    street: ADDRESS, postcode: ADDRESS, city: ADDRESS, country: PROFILE,
    region: READ,
    candidateStatus: READ, employeeStatus: READ, customerStatus: READ, deletionPolicy: READ,
    createdAt: READ, updatedAt: READ, redirectedFrom: READ,
    externalIds: PROVENANCE, sourceRecords: PROVENANCE,
    legalIdentifiers: LEGAL_ID_LAST4,
    // Whether and on which basis a person agreed to a purpose: what every caller needs to honour it.
    consents: READ,
    employments: READ, directReports: READ, offers: READ,
    provenance: PROVENANCE_OF,
  },
  Consent: { purpose: READ, status: READ, legalBasis: READ, capturedAt: READ, source: READ, provenance: PROVENANCE },
  ErasePersonPayload: { personId: READ, erasedAt: READ, sourceRecords: READ, alreadyErased: READ, withdrawnConsents: READ, pendingDuplicates: READ },
  AccessLogEntry: { actorId: READ, personId: READ, field: READ, purpose: READ, at: READ },
  AccessLogEntryConnection: CONNECTION,
  AccessLogEntryEdge: EDGE,
  UpdateConsentPayload: { personId: READ, purpose: READ, changed: READ, consent: READ },
  LegalIdentifier: { kind: READ, value: LEGAL_ID_VALUE, last4: LEGAL_ID_LAST4 },
  ExternalId: { system: READ, value: READ, linkedBy: READ, linkedAt: READ },
  SourceRecord: {
    id: READ, system: READ, sourceId: READ, sourceTimestamp: READ, receivedAt: READ, linkType: READ, linkKey: READ, matchScore: READ,
    // The raw attributes a system sent: contact data and more, for stewards comparing records side by side.
    attributes: { kind: 'attributeValue', allow: [S.PROVENANCE_READ, S.IDENTITY_REVIEW], attribute: 'keys' },
    person: READ,
  },
  // Identity resolution results carry ids and decisions; the comparisons and blockers of the explanation
  // only for attributes the caller may read in full (see MATCH_EXPLANATION).
  IngestPersonRecordPayload: {
    personId: READ, sourceRecordId: READ, decision: READ, matchedKey: READ, score: READ, suggestedPersonId: READ, reviewId: READ,
    explanation: MATCH_EXPLANATION, changedAttributes: READ, flaggedValues: READ,
  },
  FlaggedValue: { attribute: READ, reason: READ },
  IngestPersonRecordsPayload: { results: READ, counts: READ },
  DecisionCount: { decision: READ, count: READ },
  MatchExplanation: { comparisons: READ, blockers: READ, candidatesConsidered: READ, candidatesCapped: READ, reason: READ, modelVersion: READ },
  AttributeComparison: { attribute: READ, level: READ, weight: READ, detail: MATCH_DETAIL },
  ExternalIdLinkPayload: { personId: READ, system: READ, externalId: READ, linked: READ },
  MatchReview: {
    id: READ, kind: READ, status: READ, score: READ, explanation: MATCH_EXPLANATION, createdAt: READ, resolvedAt: READ, resolvedBy: READ, reason: READ,
    record: READ, recordPerson: READ, candidate: READ, candidateRecords: READ,
  },
  MatchReviewConnection: CONNECTION,
  MatchReviewEdge: EDGE,
  ResolveMatchReviewPayload: { review: READ, survivorId: READ },
  MatchConstraint: { id: READ, kind: READ, sourceRecordAId: READ, sourceRecordBId: READ, decidedBy: READ, reason: READ, createdAt: READ },
  LiftMatchConstraintPayload: { constraintId: READ, kind: READ, lifted: READ },
  SurvivorshipRuleView: { attribute: READ, sourcePriority: READ, tieBreak: READ, preferVerified: READ, isDefault: READ, updatedBy: READ, updatedAt: READ },
  UpdateSurvivorshipRulePayload: { attribute: READ, recomputedPeople: READ, changedPeople: READ },
  OverridePersonAttributePayload: { personId: READ, attribute: READ, changedAttributes: READ },
  MergePeoplePayload: { survivorId: READ, mergedId: READ, changedAttributes: READ },
  UnmergeSourceRecordPayload: { sourceRecordId: READ, fromPersonId: READ, newPersonId: READ },
  // Old and new values in the audit log are personal whenever the attribute is: auditors read them.
  AuditEvent: {
    eventId: READ, type: READ, entityType: READ, entityId: READ, attribute: READ, actorId: READ, sourceSystem: READ,
    reasonCode: READ, correlationId: READ, causationId: READ, occurredAt: READ, hash: READ,
    oldValue: AUDIT_VALUE, newValue: AUDIT_VALUE,
  },
  AuditEventConnection: CONNECTION,
  AuditLogVerification: {
    ok: READ, checked: READ, sealed: READ, pending: READ, blocks: READ, verifiedCheckpoints: READ,
    lastCheckpointBlock: READ, lastCheckpointAt: READ, brokenAt: READ, verifiedAt: READ,
  },
  AuditLogBreak: { kind: READ, reason: READ, seq: READ, block: READ },
  AuditEventEdge: EDGE,
  // Reached only through a `provenance` field, which decides who may ask (provenance:read).
  AttributeProvenance: {
    attribute: READ, system: READ, sourceId: READ, sourceRecordId: READ, sourceTimestamp: READ, rule: READ, eventId: READ,
    decidedAt: READ, candidates: READ, history: READ, value: READ,
  },
  ProvenanceCandidate: { value: READ, system: READ, sourceId: READ, sourceTimestamp: READ, rank: READ, reason: READ },
  AttributeChange: {
    eventId: READ, type: READ, oldValue: READ, newValue: READ, actor: READ, sourceSystem: READ, reasonCode: READ, correlationId: READ, at: READ,
  },
  PersonConnection: CONNECTION,
  PersonEdge: EDGE,
  DataQuality: {
    people: READ, suspectedDuplicateRate: READ, reviewBacklog: READ, oldestReviewAgeSeconds: READ, medianReviewAgeSeconds: READ,
    goldenValues: READ, goldenValuesWithProvenance: READ, auditReadiness: READ, bySystem: READ, measuredAt: READ,
  },
  SystemDataCount: { system: READ, people: READ, sourceRecords: READ, flaggedValues: READ },

  Organization: {
    id: READ, system: READ, externalId: READ, name: READ, legalName: READ, domain: READ, industry: READ, kind: READ,
    country: READ, region: READ, createdAt: READ, updatedAt: READ, parent: READ,
    employments: READ, employees: READ, jobs: READ,
    provenance: PROVENANCE_OF,
  },
  OrganizationConnection: CONNECTION,
  OrganizationEdge: EDGE,
  UpsertOrganizationPayload: { organization: READ, ...PAYLOAD },

  Job: {
    id: READ, system: READ, externalId: READ, title: READ, department: READ, location: READ, status: READ,
    requiredSkills: READ, openedAt: READ, closedAt: READ, createdAt: READ, updatedAt: READ,
    organization: READ, hiringManager: READ, offers: READ,
    compensation: OFFER_SALARY,
    provenance: PROVENANCE_OF,
  },
  // Reached only through Job.compensation, which decides who sees the band.
  CompensationBand: { min: READ, max: READ, currency: READ },
  JobConnection: CONNECTION,
  JobEdge: EDGE,
  UpsertJobPayload: { job: READ, ...PAYLOAD },

  Employment: {
    id: READ, system: READ, externalId: READ, title: READ, department: READ, status: READ, hireDate: READ, endDate: READ,
    currency: READ, createdAt: READ, updatedAt: READ, person: READ, organization: READ, job: READ, manager: READ,
    statusHistory: READ,
    employeeNumber: EMPLOYEE_NUMBER,
    salary: SALARY,
    provenance: PROVENANCE_OF,
  },
  EmploymentStatusChange: { fromStatus: READ, toStatus: READ, effectiveAt: READ, reason: READ, recordedAt: READ },
  EmploymentConnection: CONNECTION,
  EmploymentEdge: EDGE,
  UpsertEmploymentPayload: { employment: READ, ...PAYLOAD },

  Offer: {
    id: READ, system: READ, externalId: READ, status: READ, currency: READ, startDate: READ, extendedAt: READ,
    decidedAt: READ, createdAt: READ, updatedAt: READ, person: READ, job: READ,
    salary: OFFER_SALARY,
    provenance: PROVENANCE_OF,
  },
  OfferConnection: CONNECTION,
  OfferEdge: EDGE,
  UpsertOfferPayload: { offer: READ, ...PAYLOAD },

  PageInfo: { hasNextPage: READ, hasPreviousPage: READ, startCursor: READ, endCursor: READ },

  CloudEvent: {
    id: READ, source: READ, type: READ, specversion: READ, time: READ, subject: READ, datacontenttype: READ, dataschema: READ,
    correlationid: READ, causationid: READ, actor: READ, sourcesystem: READ, dataversion: READ, aggregatetype: READ, sequence: READ, data: READ,
  },
  CloudEventConnection: CONNECTION,
  CloudEventEdge: EDGE,

  WebhookSubscription: {
    id: WEBHOOK_DATA, consumer: WEBHOOK_DATA, url: WEBHOOK_DATA, eventTypes: WEBHOOK_DATA, active: WEBHOOK_DATA, createdBy: WEBHOOK_DATA,
    createdAt: WEBHOOK_DATA, updatedAt: WEBHOOK_DATA,
  },
  WebhookSubscriptionSecretPayload: { subscription: WEBHOOK_DATA, secret: WEBHOOK_DATA },
  WebhookDelivery: {
    id: WEBHOOK_DATA, eventId: WEBHOOK_DATA, eventType: WEBHOOK_DATA, eventSequence: WEBHOOK_DATA, status: WEBHOOK_DATA, attempts: WEBHOOK_DATA,
    nextAttemptAt: WEBHOOK_DATA, deliveredAt: WEBHOOK_DATA, lastStatusCode: WEBHOOK_DATA, lastError: WEBHOOK_DATA, log: WEBHOOK_DATA,
  },
  WebhookDeliveryAttempt: { attempt: WEBHOOK_DATA, statusCode: WEBHOOK_DATA, error: WEBHOOK_DATA, durationMs: WEBHOOK_DATA, at: WEBHOOK_DATA },
  ReplayWebhookDeliveriesPayload: { requeued: WEBHOOK_DATA },
};

/**
 * Attributes that are stored and audited but are not fields of the type (the keys of a source record,
 * compensation parts): the policy their values follow wherever they appear.
 */
export const ATTRIBUTE_POLICY: Readonly<Record<string, Readonly<Record<string, FieldPolicy>>>> = {
  Person: {
    fullName: NAME, email: EMAIL, phone: PHONE, emailVerified: READ,
    street: ADDRESS_PART, city: ADDRESS_PART, postcode: ADDRESS_PART, country: ADDRESS_PART,
    employer: READ, jobTitle: READ,
    // Legal identifiers: plaintext only with legal_identifier:read (phase 2 stores them encrypted).
    nationalId: { kind: 'personal', full: [S.LEGAL_IDENTIFIER_READ], masked: { allow: [S.PRIVACY_MANAGE], mask: 'last4' } },
    // The keyed hash of a legal identifier matches records; shown to nobody (it is a stable identifier too).
    nationalIdHash: { kind: 'personal', full: [] },
    passport: { kind: 'personal', full: [S.LEGAL_IDENTIFIER_READ], masked: { allow: [S.PRIVACY_MANAGE], mask: 'last4' } },
  },
  Job: { compensationMin: OFFER_SALARY, compensationMax: OFFER_SALARY, compensationCurrency: READ },
};

/** The policy an attribute's value follows (its field's row, else ATTRIBUTE_POLICY); undefined when unknown. */
export function attributePolicyFor(entityType: string, attribute: string): FieldPolicy | undefined {
  const own = policyFor(entityType, attribute);
  if (own) return own;
  const row = Object.prototype.hasOwnProperty.call(ATTRIBUTE_POLICY, entityType) ? ATTRIBUTE_POLICY[entityType]! : undefined;
  return row && Object.prototype.hasOwnProperty.call(row, attribute) ? row[attribute] : undefined;
}

/**
 * Filters of `people(filter:)` that compare personal values, and the fields each one reads: open only to
 * callers who may read all of them in full (decide-field-access.ts mayQueryBy), and logged as reads.
 */
export const PERSON_FILTER_FIELDS: Readonly<Record<string, readonly string[]>> = {
  name: ['legalName', 'preferredName'],
  email: ['emails'],
};

/** Entity types whose rows are about one person: an attribute of theirs that the table does not know stays hidden. */
const PERSONAL_ENTITY_TYPES = new Set(['Person', 'Employment', 'Offer']);

/**
 * The policy an audited value follows. An event that names no attribute records a decision (a merge,
 * an unmerge, a review task: ids, scores, rules, a steward's reason) and is shown to audit readers as
 * recorded; consents are public to every caller; an unknown attribute of a person's record is hidden,
 * of anything else (a survivorship rule, an organization) shown.
 */
export function auditValuePolicyFor(entityType: string, attribute: string | null | undefined): FieldPolicy | undefined {
  if (attribute === null || attribute === undefined) return { kind: 'data', allow: [S.AUDIT_READ] };
  const own = attributePolicyFor(entityType, attribute);
  if (own) return own;
  if (entityType === 'Person' && (attribute.startsWith('consent.') || attribute === 'mergedIntoId')) return READ;
  return PERSONAL_ENTITY_TYPES.has(entityType) ? undefined : READ;
}

export function policyFor(typeName: string, fieldName: string): FieldPolicy | undefined {
  const row = Object.prototype.hasOwnProperty.call(FIELD_POLICY, typeName) ? FIELD_POLICY[typeName]! : undefined;
  return row && Object.prototype.hasOwnProperty.call(row, fieldName) ? row[fieldName] : undefined;
}
