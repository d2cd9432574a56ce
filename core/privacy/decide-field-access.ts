// What a caller gets of one field, from the field's policy row, the caller's scopes and what the
// record is about (a candidate, an employee). Pure: the GraphQL layer supplies all three.
import type { Audience, FieldPolicy, Subject } from './field-policy';
import type { Scope } from './scopes';
import { applyMask } from './masks';

export type FieldAccess = 'full' | 'masked' | 'none';
export type SubjectFacts = Readonly<Partial<Record<Subject, boolean>>>;

export function holdsAudience(audience: Audience, scopes: ReadonlySet<string>): boolean {
  return audience === 'authenticated' || audience.some((s) => scopes.has(s));
}

/** For attributeValue fields this answers whether the caller may use the field at all; the values inside are decided by revealAttributeValue. */
export function decideFieldAccess(policy: FieldPolicy, scopes: ReadonlySet<string>, subject: SubjectFacts = {}): FieldAccess {
  if (policy.kind !== 'personal') return holdsAudience(policy.allow, scopes) ? 'full' : 'none';
  // A sourced grant never reveals the whole field: see sourcedSystemsFor.
  const full = policy.full.some((g) => (typeof g === 'string' ? scopes.has(g) : !g.sourcedBy && scopes.has(g.scope) && subject[g.subject] === true));
  if (full) return 'full';
  if (policy.masked && policy.masked.allow.some((s: Scope) => scopes.has(s))) return 'masked';
  return 'none';
}

/** Facts about a golden person row (or anything carrying its lifecycle statuses); absent status = not that kind. */
export function subjectFactsOf(record: unknown): SubjectFacts {
  if (!record || typeof record !== 'object') return {};
  const r = record as { candidateStatus?: unknown; employeeStatus?: unknown };
  return {
    candidate: typeof r.candidateStatus === 'string' && r.candidateStatus !== 'NONE',
    employee: typeof r.employeeStatus === 'string' && r.employeeStatus !== 'NONE',
  };
}

/**
 * A value of an attribute seen somewhere else (provenance, audit, source record): as its own policy
 * says. An attribute the table does not know is shown only to privacy officers, never masked.
 */
export function revealAttributeValue(policy: FieldPolicy | undefined, scopes: ReadonlySet<string>, subject: SubjectFacts, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (!policy) return scopes.has('privacy:manage') ? value : null;
  if (policy.kind === 'attributeValue') return null;
  const access = decideFieldAccess(policy, scopes, subject);
  if (access === 'full') return value;
  if (access === 'masked' && policy.kind === 'personal' && policy.masked) return applyMask(policy.masked.mask, value);
  return null;
}

/**
 * The systems whose values of this field the caller sees in full through a sourced grant (a recruiter:
 * the values the ATS supplied about a candidate). Empty when no such grant applies; callers use it only
 * where decideFieldAccess did not already answer 'full'.
 */
export function sourcedSystemsFor(policy: FieldPolicy, scopes: ReadonlySet<string>, subject: SubjectFacts = {}): ReadonlySet<string> {
  const systems = new Set<string>();
  if (policy.kind !== 'personal') return systems;
  for (const g of policy.full) {
    if (typeof g !== 'string' && g.sourcedBy && scopes.has(g.scope) && subject[g.subject] === true) systems.add(g.sourcedBy);
  }
  return systems;
}

/**
 * Whether a filter, sort or search on these fields is open to the caller: only to callers who may read
 * every one of them in full for anyone. A grant limited to a subject or a source does not count — a
 * search would otherwise tell who else has a value — and neither does a mask.
 */
export function mayQueryBy(policies: readonly (FieldPolicy | undefined)[], scopes: ReadonlySet<string>): boolean {
  return policies.every((p) => p !== undefined && p.kind === 'personal' && p.full.some((g) => typeof g === 'string' && scopes.has(g)));
}
