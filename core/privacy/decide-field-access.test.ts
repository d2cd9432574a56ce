import { decideFieldAccess, mayQueryBy, sourcedSystemsFor, subjectFactsOf } from './decide-field-access';
import { FIELD_POLICY, policyFor } from './field-policy';
import { ROLE_SCOPES, resolveScopes, type Role } from './scopes';

const scopesOf = (...roles: Role[]) => new Set(resolveScopes(roles));
const candidate = { candidateStatus: 'APPLICANT', employeeStatus: 'NONE' };
const employee = { candidateStatus: 'NONE', employeeStatus: 'ACTIVE' };
const contact = { candidateStatus: 'NONE', employeeStatus: 'NONE', customerStatus: 'CONTACT' };

describe('decideFieldAccess', () => {
  const email = policyFor('Person', 'primaryEmail')!;

  it('gives a reader masked contact data and no nationality', () => {
    expect(decideFieldAccess(email, scopesOf('reader'), subjectFactsOf(employee))).toBe('masked');
    expect(decideFieldAccess(policyFor('Person', 'nationality')!, scopesOf('reader'), subjectFactsOf(employee))).toBe('none');
  });

  it("gives a recruiter what the ATS supplied about candidates in full, and everything else masked", () => {
    // The candidate grant is sourced: it never reveals a whole field, only the ATS's values of it.
    expect(decideFieldAccess(email, scopesOf('recruiter'), subjectFactsOf(candidate))).toBe('masked');
    expect([...sourcedSystemsFor(email, scopesOf('recruiter'), subjectFactsOf(candidate))]).toEqual(['ATS']);
    expect(decideFieldAccess(email, scopesOf('recruiter'), subjectFactsOf(employee))).toBe('masked');
    expect([...sourcedSystemsFor(email, scopesOf('recruiter'), subjectFactsOf(employee))]).toEqual([]);
  });

  it('opens filters on personal fields only to callers who read them in full for anyone', () => {
    const names = [policyFor('Person', 'legalName'), policyFor('Person', 'preferredName')];
    expect(mayQueryBy(names, scopesOf('steward'))).toBe(true);
    for (const role of ['reader', 'recruiter', 'hr', 'auditor', 'crm', 'ats', 'hris'] as Role[]) expect(mayQueryBy(names, scopesOf(role))).toBe(false);
    expect(mayQueryBy([undefined], scopesOf('admin'))).toBe(false);
  });

  it("gives hr employees' full record and salaries, and a customer contact's data masked", () => {
    expect(decideFieldAccess(policyFor('Person', 'birthDate')!, scopesOf('hr'), subjectFactsOf(employee))).toBe('full');
    expect(decideFieldAccess(policyFor('Person', 'birthDate')!, scopesOf('hr'), subjectFactsOf(contact))).toBe('masked');
    expect(decideFieldAccess(policyFor('Employment', 'salary')!, scopesOf('hr'))).toBe('full');
  });

  it('gives salaries to no one but hr and admin, and offer salaries to recruiters too', () => {
    for (const role of Object.keys(ROLE_SCOPES) as Role[]) {
      const expected = role === 'hr' || role === 'admin' ? 'full' : 'none';
      expect([role, decideFieldAccess(policyFor('Employment', 'salary')!, scopesOf(role))]).toEqual([role, expected]);
    }
    expect(decideFieldAccess(policyFor('Offer', 'salary')!, scopesOf('recruiter'))).toBe('full');
  });

  it('denies operations and data fields to a token without scopes', () => {
    expect(decideFieldAccess(policyFor('Query', 'people')!, new Set())).toBe('none');
    expect(decideFieldAccess(policyFor('Person', 'id')!, new Set())).toBe('none');
    expect(decideFieldAccess(policyFor('Query', '_service')!, new Set())).toBe('full');
  });

  it('limits upserts to callers that write as a source system', () => {
    const upsert = policyFor('Mutation', 'upsertEmployment')!;
    expect(decideFieldAccess(upsert, scopesOf('hris'))).toBe('full');
    expect(decideFieldAccess(upsert, scopesOf('hr'))).toBe('none');
  });
});

describe('the policy table', () => {
  it('names only masks that exist and never grants a scope outside the scope list', () => {
    const rows = Object.values(FIELD_POLICY).flatMap((r) => Object.values(r));
    const all = new Set(Object.values(ROLE_SCOPES).flat().concat(['legal_identifier:read', 'privacy:manage'] as never[]));
    for (const row of rows) {
      if (row.kind === 'personal') {
        for (const g of row.full) expect(all.has(typeof g === 'string' ? g : g.scope)).toBe(true);
      } else if (row.allow !== 'authenticated') {
        for (const s of row.allow) expect(all.has(s)).toBe(true);
      }
    }
  });

  it('has no field of an unknown type or field lookups through the prototype', () => {
    expect(policyFor('Person', 'toString')).toBeUndefined();
    expect(policyFor('constructor', 'name')).toBeUndefined();
  });
});

describe('resolveScopes', () => {
  it('unions roles and direct scopes and ignores unknown names', () => {
    expect(resolveScopes(['reader', 'nobody'], ['audit:read', 'root'])).toEqual(['audit:read', 'graph:read', 'person.contact:masked', 'person.profile:masked']);
  });
});
