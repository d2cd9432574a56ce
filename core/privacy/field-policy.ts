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
// `full` grants may be limited to a subject: `{ scope, subject: 'candidate' }` applies only when the
// person is (or was) a candidate, so a recruiter sees candidates' contact data and not everyone's.
import type { MaskName } from './masks';
import { SCOPES as S, type Scope } from './scopes';

/** Who may use a field: holders of any of these scopes, or every caller with a valid token. */
export type Audience = readonly Scope[] | 'authenticated';
export type Subject = 'candidate' | 'employee';
export type Grant = Scope | { scope: Scope; subject: Subject };

export type FieldPolicy =
  | { kind: 'operation'; allow: Audience }
  | { kind: 'data'; allow: Audience }
  | { kind: 'personal'; full: readonly Grant[]; masked?: { allow: readonly Scope[]; mask: MaskName } };

const READ: FieldPolicy = { kind: 'data', allow: [S.GRAPH_READ] };
const QUERY: FieldPolicy = { kind: 'operation', allow: [S.GRAPH_READ] };
const WRITE_SOURCE: FieldPolicy = { kind: 'operation', allow: [S.SOURCE_WRITE] };

const CONTACT_FULL: readonly Grant[] = [
  S.CONTACT_READ,
  { scope: S.CANDIDATE_CONTACT_READ, subject: 'candidate' },
  { scope: S.EMPLOYEE_RECORD_READ, subject: 'employee' },
];
const PROFILE_FULL: readonly Grant[] = [S.PROFILE_READ, { scope: S.EMPLOYEE_RECORD_READ, subject: 'employee' }];

const NAME: FieldPolicy = { kind: 'personal', full: CONTACT_FULL, masked: { allow: [S.CONTACT_MASKED], mask: 'initials' } };
const EMAIL: FieldPolicy = { kind: 'personal', full: CONTACT_FULL, masked: { allow: [S.CONTACT_MASKED], mask: 'email' } };
const PHONE: FieldPolicy = { kind: 'personal', full: CONTACT_FULL, masked: { allow: [S.CONTACT_MASKED], mask: 'phone' } };
const BIRTH_DATE: FieldPolicy = { kind: 'personal', full: PROFILE_FULL, masked: { allow: [S.PROFILE_MASKED], mask: 'birthYear' } };
const PROFILE: FieldPolicy = { kind: 'personal', full: PROFILE_FULL };
const PROVENANCE: FieldPolicy = { kind: 'personal', full: [S.PROVENANCE_READ] };
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
    // Federation entry points: only the gateway (or a caller with a valid token) needs them; what an
    // entity shows is decided by its own fields' rows below, exactly as for a top-level query.
    _service: { kind: 'operation', allow: 'authenticated' },
    _entities: QUERY,
  },
  _Service: { sdl: { kind: 'data', allow: 'authenticated' } },
  Mutation: {
    upsertOrganization: WRITE_SOURCE, upsertJob: WRITE_SOURCE, upsertEmployment: WRITE_SOURCE, upsertOffer: WRITE_SOURCE,
  },

  Person: {
    id: READ,
    legalName: NAME, givenName: NAME, middleName: NAME, familyName: NAME, preferredName: NAME,
    primaryEmail: EMAIL, emails: EMAIL,
    phones: PHONE,
    birthDate: BIRTH_DATE,
    nationality: PROFILE, preferredLanguage: PROFILE,
    region: READ,
    candidateStatus: READ, employeeStatus: READ, customerStatus: READ, deletionPolicy: READ,
    createdAt: READ, updatedAt: READ, redirectedFrom: READ,
    externalIds: PROVENANCE, sourceRecords: PROVENANCE,
    employments: READ, directReports: READ, offers: READ,
  },
  ExternalId: { system: READ, value: READ, linkedBy: READ, linkedAt: READ },
  SourceRecord: {
    id: READ, system: READ, sourceId: READ, sourceTimestamp: READ, receivedAt: READ, linkType: READ, linkKey: READ, matchScore: READ,
  },
  PersonConnection: CONNECTION,
  PersonEdge: EDGE,

  Organization: {
    id: READ, system: READ, externalId: READ, name: READ, legalName: READ, domain: READ, industry: READ, kind: READ,
    country: READ, region: READ, createdAt: READ, updatedAt: READ, parent: READ,
    employments: READ, employees: READ, jobs: READ,
  },
  OrganizationConnection: CONNECTION,
  OrganizationEdge: EDGE,
  UpsertOrganizationPayload: { organization: READ, ...PAYLOAD },

  Job: {
    id: READ, system: READ, externalId: READ, title: READ, department: READ, location: READ, status: READ,
    requiredSkills: READ, openedAt: READ, closedAt: READ, createdAt: READ, updatedAt: READ,
    organization: READ, hiringManager: READ, offers: READ,
    compensation: OFFER_SALARY,
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
  },
  EmploymentStatusChange: { fromStatus: READ, toStatus: READ, effectiveAt: READ, reason: READ, recordedAt: READ },
  EmploymentConnection: CONNECTION,
  EmploymentEdge: EDGE,
  UpsertEmploymentPayload: { employment: READ, ...PAYLOAD },

  Offer: {
    id: READ, system: READ, externalId: READ, status: READ, currency: READ, startDate: READ, extendedAt: READ,
    decidedAt: READ, createdAt: READ, updatedAt: READ, person: READ, job: READ,
    salary: OFFER_SALARY,
  },
  OfferConnection: CONNECTION,
  OfferEdge: EDGE,
  UpsertOfferPayload: { offer: READ, ...PAYLOAD },

  PageInfo: { hasNextPage: READ, hasPreviousPage: READ, startCursor: READ, endCursor: READ },
};

export function policyFor(typeName: string, fieldName: string): FieldPolicy | undefined {
  const row = Object.prototype.hasOwnProperty.call(FIELD_POLICY, typeName) ? FIELD_POLICY[typeName]! : undefined;
  return row && Object.prototype.hasOwnProperty.call(row, fieldName) ? row[fieldName] : undefined;
}
