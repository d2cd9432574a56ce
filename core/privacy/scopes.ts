// Scopes are the unit of permission; roles are named sets of scopes. A token carries roles, scopes or
// both, and the caller holds the union. The field policy (field-policy.ts) speaks only in scopes.

export const SCOPES = {
  /** Non-personal fields and the read operations. */
  GRAPH_READ: 'graph:read',
  /** Names, e-mail addresses and phone numbers of anyone, masked. */
  CONTACT_MASKED: 'person.contact:masked',
  /** Names, e-mail addresses and phone numbers of anyone, in full. */
  CONTACT_READ: 'person.contact:read',
  /** Contact data in full, of people who are (or were) candidates only. */
  CANDIDATE_CONTACT_READ: 'candidate.contact:read',
  /** The full personal record (contact, birth date, nationality, employee number) of employees only. */
  EMPLOYEE_RECORD_READ: 'employee.record:read',
  /** Birth date as a year, employee numbers as their last 4 characters. */
  PROFILE_MASKED: 'person.profile:masked',
  /** Birth date, nationality, language, employee number in full, of anyone. */
  PROFILE_READ: 'person.profile:read',
  /** Salaries of employments and offers, compensation bands of requisitions. */
  COMPENSATION_READ: 'compensation:read',
  /** Offer salaries and requisition bands only (not employees' salaries). */
  OFFER_COMPENSATION_READ: 'offer.compensation:read',
  /** Crosswalk and provenance: which system said what, external ids, source records. */
  PROVENANCE_READ: 'provenance:read',
  /** The audit log. */
  AUDIT_READ: 'audit:read',
  /** The event stream. */
  EVENTS_READ: 'events:read',
  /** Upserts of records a source system owns (organizations, jobs, employments, offers). */
  SOURCE_WRITE: 'source:write',
  /** Sending source records of people to identity resolution. */
  IDENTITY_INGEST: 'identity:ingest',
  /** Linking and unlinking a source record to a golden person by hand. */
  IDENTITY_LINK: 'identity:link',
  /** Merging and unmerging golden people. */
  IDENTITY_MERGE: 'identity:merge',
  /** Reading and deciding the match review queue. */
  IDENTITY_REVIEW: 'identity:review',
  /** Changing the survivorship policy (recomputes golden records). */
  POLICY_MANAGE: 'policy:manage',
  /** Recording consents (the CRM captures them); privacy:manage includes it. */
  CONSENT_WRITE: 'consent:write',
  /** Consent, erasure and retention. */
  PRIVACY_MANAGE: 'privacy:manage',
  /** Plaintext legal identifiers (national id, passport); nothing grants it by default. */
  LEGAL_IDENTIFIER_READ: 'legal_identifier:read',
  /** Webhook subscriptions, their signing secrets, delivery log and replay. */
  WEBHOOKS_MANAGE: 'webhooks:manage',
} as const;

export type Scope = (typeof SCOPES)[keyof typeof SCOPES];
export const ALL_SCOPES: readonly Scope[] = Object.values(SCOPES);

const S = SCOPES;
const READER: readonly Scope[] = [S.GRAPH_READ, S.CONTACT_MASKED, S.PROFILE_MASKED];

/** Role → scopes. Human roles first, then the system clients, which write as their source system. */
export const ROLE_SCOPES = {
  reader: READER,
  recruiter: [...READER, S.CANDIDATE_CONTACT_READ, S.OFFER_COMPENSATION_READ, S.IDENTITY_INGEST, S.IDENTITY_LINK],
  hr: [...READER, S.EMPLOYEE_RECORD_READ, S.COMPENSATION_READ],
  steward: [...READER, S.CONTACT_READ, S.PROVENANCE_READ, S.IDENTITY_LINK, S.IDENTITY_MERGE, S.IDENTITY_REVIEW],
  auditor: [...READER, S.PROVENANCE_READ, S.AUDIT_READ, S.EVENTS_READ],
  privacy_officer: [...READER, S.CONTACT_READ, S.PROFILE_READ, S.PROVENANCE_READ, S.AUDIT_READ, S.PRIVACY_MANAGE],
  admin: ALL_SCOPES.filter((s) => s !== S.LEGAL_IDENTIFIER_READ),
  crm: [S.GRAPH_READ, S.SOURCE_WRITE, S.IDENTITY_INGEST, S.CONSENT_WRITE],
  ats: [S.GRAPH_READ, S.SOURCE_WRITE, S.IDENTITY_INGEST],
  hris: [S.GRAPH_READ, S.SOURCE_WRITE, S.IDENTITY_INGEST],
} as const satisfies Record<string, readonly Scope[]>;

export type Role = keyof typeof ROLE_SCOPES;
export const ROLES = Object.keys(ROLE_SCOPES) as Role[];

/** System-client roles and the source system each one writes as (the token's `system` claim). */
export const SYSTEM_CLIENT_ROLES: Partial<Record<Role, string>> = { crm: 'CRM', ats: 'ATS', hris: 'HRIS' };

/**
 * Every role that may write source data is bound to the one system it writes as: the system clients,
 * and the people who work in one of those systems (a recruiter works in the ATS, HR in the HRIS). A
 * token's `system` claim must agree with these bindings; without a claim the binding is the role's.
 * `admin` is the operator's break-glass role and is bound only by a claim it carries.
 */
export const ROLE_WRITE_SYSTEMS: Partial<Record<Role, string>> = { ...SYSTEM_CLIENT_ROLES, recruiter: 'ATS', hr: 'HRIS' };

/** The source systems a write can be bound to. */
export const WRITE_SYSTEMS: readonly string[] = ['CRM', 'ATS', 'HRIS'];

export type WriteBinding =
  | { kind: 'system'; system: string }
  /** Work of the process itself (import, seed, consumers) or an unbound administrator: the input names the system. */
  | { kind: 'any' }
  /** Writes as any system are refused (no role or claim binds the token, or its roles disagree). */
  | { kind: 'none' };

/**
 * The system a token writes as. Throws a message (never the token) when the claim contradicts the
 * roles or names no known system: such a token is refused as a whole.
 */
export function resolveWriteBinding(roles: readonly string[], claim: string | undefined): WriteBinding {
  const bound = new Set(roles.filter(isRole).map((r) => ROLE_WRITE_SYSTEMS[r]).filter((s): s is string => Boolean(s)));
  if (claim !== undefined) {
    if (!WRITE_SYSTEMS.includes(claim)) throw new Error('Token claim "system" names no known system');
    if (bound.size > 0 && !bound.has(claim)) throw new Error('Token claim "system" does not agree with its roles');
    return { kind: 'system', system: claim };
  }
  if (bound.size === 1) return { kind: 'system', system: [...bound][0]! };
  if (bound.size === 0 && roles.includes('admin')) return { kind: 'any' };
  return { kind: 'none' };
}

export function isRole(name: string): name is Role {
  return Object.prototype.hasOwnProperty.call(ROLE_SCOPES, name);
}

export function isScope(name: string): name is Scope {
  return (ALL_SCOPES as readonly string[]).includes(name);
}

/** The scopes a caller holds: those of each known role plus those granted directly. Unknown names are ignored. */
export function resolveScopes(roles: readonly string[], scopes: readonly string[] = []): Scope[] {
  const held = new Set<Scope>();
  for (const r of roles) if (isRole(r)) for (const s of ROLE_SCOPES[r]) held.add(s);
  for (const s of scopes) if (isScope(s)) held.add(s);
  return [...held].sort();
}
