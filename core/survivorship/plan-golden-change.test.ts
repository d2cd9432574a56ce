import { DEFAULT_SURVIVORSHIP_POLICY } from './policy';
import { currentColumns, planGoldenChange, planRoleStart, provenanceContent, type ProvenanceState } from './plan-golden-change';

let seq = 0;
const ids = () => `id-${++seq}`;
const now = new Date('2026-05-01T00:00:00Z');
const hris = { sourceRecordId: 'r1', system: 'HRIS' as const, sourceId: 'E-1', sourceTimestamp: '2026-01-01T00:00:00.000Z', attributes: { givenName: 'Robert', familyName: 'Smith', email: 'rs@example.com' } };
const crm = { sourceRecordId: 'r2', system: 'CRM' as const, sourceId: 'C-1', sourceTimestamp: '2026-03-01T00:00:00.000Z', attributes: { givenName: 'Bob', familyName: 'Smith', email: 'bob@example.com', city: 'Leeds' } };

describe('planGoldenChange', () => {
  it('audits each changed value and gives every attribute provenance', () => {
    const first = planGoldenChange({ personId: 'p1', columns: currentColumns({}), provenance: new Map(), sources: [hris], policy: DEFAULT_SURVIVORSHIP_POLICY, defaultRegion: 'US', now, newId: ids });
    expect(first.changed).toEqual(['legalName', 'givenName', 'familyName', 'primaryEmail', 'emails']);
    // One entry names every value that changed, old and new.
    expect(first.audit).toHaveLength(1);
    expect(first.audit[0]).toMatchObject({ type: 'PersonAttributesChanged', attribute: null });
    expect(Object.keys(first.audit[0].newValue)).toEqual(first.changed);
    expect(first.audit[0].oldValue).toBeNull();
    expect(first.audit[0].newValue.legalName).toBe('Robert Smith');
    expect(first.provenance.get('legalName')!.row).toMatchObject({ value: 'Robert Smith', system: 'HRIS', sourceId: 'E-1', rule: expect.any(String) });
    expect(first.provenance.get('legalName')!.eventId).toBe(first.audit[0].eventId);
    // The only candidate is the winner itself: nothing to store beyond the row.
    expect(first.provenance.get('legalName')!.row!.candidates).toBeNull();
  });

  it('keeps the event id of a value that did not change, and refreshes its losing candidates', () => {
    const first = planGoldenChange({ personId: 'p1', columns: currentColumns({}), provenance: new Map(), sources: [hris], policy: DEFAULT_SURVIVORSHIP_POLICY, defaultRegion: 'US', now, newId: ids });
    const second = planGoldenChange({ personId: 'p1', columns: first.columns, provenance: first.provenance, sources: [hris, crm], policy: DEFAULT_SURVIVORSHIP_POLICY, defaultRegion: 'US', now, newId: ids });
    expect(second.changed).toEqual(['primaryEmail', 'emails', 'city']);
    expect(second.audit[0].oldValue).toEqual({ primaryEmail: 'rs@example.com', emails: ['rs@example.com'] });
    const legal = second.provenance.get('legalName') as ProvenanceState;
    expect(legal.eventId).toBe(first.provenance.get('legalName')!.eventId);
    expect((legal.row!.candidates as Array<{ sourceId: string }>).map((c) => c.sourceId)).toEqual(['E-1', 'C-1']);
  });

  it('rewrites no provenance row whose decision is the same as the stored one', () => {
    const first = planGoldenChange({ personId: 'p1', columns: currentColumns({}), provenance: new Map(), sources: [hris], policy: DEFAULT_SURVIVORSHIP_POLICY, defaultRegion: 'US', now, newId: ids });
    // As the store loads them: each stored row with its event id and content.
    const stored = new Map([...first.provenance].map(([a, p]) => [a, { eventId: p.eventId, row: null, stored: { eventId: p.eventId, content: provenanceContent(p.row!) } }]));
    const again = planGoldenChange({ personId: 'p1', columns: first.columns, provenance: stored, sources: [hris], policy: DEFAULT_SURVIVORSHIP_POLICY, defaultRegion: 'US', now, newId: ids });
    expect(again.changed).toEqual([]);
    expect([...again.provenance.values()].filter((p) => p.row !== null)).toEqual([]);
    const joined = planGoldenChange({ personId: 'p1', columns: first.columns, provenance: stored, sources: [hris, crm], policy: DEFAULT_SURVIVORSHIP_POLICY, defaultRegion: 'US', now, newId: ids });
    expect([...joined.provenance].filter(([, p]) => p.row !== null).map(([a]) => a)).toContain('legalName');
  });

  it('deletes the provenance of a value that went', () => {
    const first = planGoldenChange({ personId: 'p1', columns: currentColumns({}), provenance: new Map(), sources: [crm], policy: DEFAULT_SURVIVORSHIP_POLICY, defaultRegion: 'US', now, newId: ids });
    const gone = planGoldenChange({ personId: 'p1', columns: first.columns, provenance: first.provenance, sources: [{ ...crm, attributes: { ...crm.attributes, city: null } }], policy: DEFAULT_SURVIVORSHIP_POLICY, defaultRegion: 'US', now, newId: ids });
    expect(gone.changed).toEqual(['city']);
    expect(gone.provenance.get('city')).toMatchObject({ row: null, deleted: true });
  });
});

describe('planRoleStart', () => {
  it('starts a candidate on a first ATS record and a contact on a first CRM record, once', () => {
    expect(planRoleStart('ATS', { candidateStatus: 'NONE' })).toEqual({ field: 'candidateStatus', value: 'APPLICANT' });
    expect(planRoleStart('CRM', { customerStatus: 'NONE' })).toEqual({ field: 'customerStatus', value: 'CONTACT' });
    expect(planRoleStart('ATS', { candidateStatus: 'HIRED' })).toBeNull();
    expect(planRoleStart('HRIS', { candidateStatus: 'NONE' })).toBeNull();
  });
});
