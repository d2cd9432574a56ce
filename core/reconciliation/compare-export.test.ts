import { DEFAULT_SURVIVORSHIP_POLICY } from '../survivorship/policy';
import { authoritativeAttributes, compareExport, normalizeForComparison, rowsToApply, type ReconciliationInput } from './compare-export';

const P1 = '00000000-0000-4000-8000-000000000001';
const P2 = '00000000-0000-4000-8000-000000000002';
const P3 = '00000000-0000-4000-8000-000000000003';

function input(over: Partial<ReconciliationInput> = {}): ReconciliationInput {
  return {
    system: 'HRIS',
    policy: DEFAULT_SURVIVORSHIP_POLICY,
    rows: [],
    links: new Map(),
    golden: new Map(),
    candidates: new Map(),
    defaultRegion: 'US',
    ...over,
  };
}

describe('authoritativeAttributes', () => {
  it('lists the attributes whose rule ranks the system first', () => {
    expect(authoritativeAttributes(DEFAULT_SURVIVORSHIP_POLICY, 'HRIS')).toEqual(['givenName', 'middleName', 'familyName', 'birthDate', 'nationality']);
    expect(authoritativeAttributes(DEFAULT_SURVIVORSHIP_POLICY, 'CRM')).toEqual([]);
  });
});

describe('normalizeForComparison', () => {
  it('compares as the matcher does', () => {
    expect(normalizeForComparison('familyName', '  Müller ', 'US')).toBe(normalizeForComparison('familyName', 'muller', 'US'));
    expect(normalizeForComparison('birthDate', '1980-03-07T00:00:00.000Z', 'US')).toBe('1980-03-07');
    expect(normalizeForComparison('phones', ['+1 415 555 2671'], 'US')).toBe('+14155552671');
    expect(normalizeForComparison('givenName', '', 'US')).toBeNull();
  });
});

describe('compareExport', () => {
  it('finds no drift when the export agrees with the golden records', () => {
    const r = compareExport(input({
      rows: [{ line: 2, sourceId: 'E1', attributes: { givenName: 'ADA', familyName: 'Lovelace', birthDate: '1815-12-10', email: 'whatever@example.com' } }],
      links: new Map([['E1', P1]]),
      golden: new Map([[P1, { givenName: 'Ada', familyName: 'Lovelace', birthDate: '1815-12-10', primaryEmail: 'other@example.com' }]]),
    }));
    // E-mail differs, but HRIS is not authoritative for contact data.
    expect(r.drift).toEqual([]);
    expect(r.counts.DIVERGENT_VALUE).toBe(0);
  });

  it('reports every kind of drift', () => {
    const r = compareExport(input({
      rows: [
        { line: 2, sourceId: 'E1', attributes: { givenName: 'Ada', familyName: 'Byron', birthDate: '1815-12-10' } },
        { line: 3, sourceId: 'E2', attributes: { givenName: 'Grace', familyName: 'Hopper' } },
        { line: 4, sourceId: 'E3', attributes: { givenName: 'Ada', familyName: 'Lovelace' } },
        { line: 5, sourceId: 'E5', attributes: { givenName: 'Alan', familyName: 'Turing' } },
      ],
      links: new Map([['E1', P1], ['E3', P1], ['E4', P2], ['E5', P3]]),
      golden: new Map([[P1, { givenName: 'Ada', familyName: 'Lovelace', birthDate: '1815-12-10' }], [P3, { givenName: 'Alan', familyName: 'Turing' }]]),
      candidates: new Map([['E2', { personId: P2, decision: 'REVIEW_QUEUED', score: 0.7 }], ['E5', { personId: P2, decision: 'AUTO_MERGED', score: 0.95 }]]),
    }));
    expect(r.drift).toEqual(expect.arrayContaining([
      { kind: 'DIVERGENT_VALUE', line: 2, sourceId: 'E1', personId: P1, attribute: 'familyName', goldenValue: 'Lovelace', exportValue: 'Byron' },
      { kind: 'UNLINKED', line: 3, sourceId: 'E2', candidate: { personId: P2, decision: 'REVIEW_QUEUED', score: 0.7 } },
      { kind: 'DUPLICATE_ROWS', personId: P1, sourceIds: ['E1', 'E3'], lines: [2, 4] },
      { kind: 'MISSING_FROM_EXPORT', sourceId: 'E4', personId: P2 },
      { kind: 'LINK_DISAGREES_WITH_MATCH', line: 5, sourceId: 'E5', linkedPersonId: P3, candidate: { personId: P2, decision: 'AUTO_MERGED', score: 0.95 } },
    ]));
    expect(r.counts).toEqual({ UNLINKED: 1, MISSING_FROM_EXPORT: 1, DIVERGENT_VALUE: 1, DUPLICATE_ROWS: 1, LINK_DISAGREES_WITH_MATCH: 1 });
    // E1 and E3 are suspected duplicates (one person): a steward's call, not re-sent.
    expect([...rowsToApply(r)].sort()).toEqual(['E2']);
  });

  it('treats an empty cell as a value and a missing column as no information', () => {
    const golden = new Map([[P1, { givenName: 'Ada', familyName: 'Lovelace', middleName: 'Augusta' }]]);
    const links = new Map([['E1', P1]]);
    const empty = compareExport(input({ rows: [{ line: 2, sourceId: 'E1', attributes: { givenName: 'Ada', familyName: 'Lovelace', middleName: null } }], links, golden }));
    expect(empty.drift).toEqual([expect.objectContaining({ kind: 'DIVERGENT_VALUE', attribute: 'middleName', exportValue: null })]);
    const absent = compareExport(input({ rows: [{ line: 2, sourceId: 'E1', attributes: { givenName: 'Ada', familyName: 'Lovelace' } }], links, golden }));
    expect(absent.drift).toEqual([]);
  });

  it('counts two unlinked rows that would both match one person as duplicates', () => {
    const strong = { personId: P1, decision: 'MATCHED', score: null };
    const r = compareExport(input({
      rows: [{ line: 2, sourceId: 'A', attributes: {} }, { line: 3, sourceId: 'B', attributes: {} }],
      candidates: new Map([['A', strong], ['B', strong]]),
    }));
    expect(r.counts).toMatchObject({ UNLINKED: 2, DUPLICATE_ROWS: 1 });
  });

  it('follows a changed policy: a system ranked first for contact data is compared on it', () => {
    const policy = { ...DEFAULT_SURVIVORSHIP_POLICY, primaryEmail: { sourcePriority: ['CRM' as const], then: 'MOST_RECENT' as const } };
    const r = compareExport(input({
      system: 'CRM', policy,
      rows: [{ line: 2, sourceId: 'C1', attributes: { email: 'Ada.Lovelace+news@Example.com' } }],
      links: new Map([['C1', P1]]),
      golden: new Map([[P1, { primaryEmail: 'ada.lovelace@example.com' }]]),
    }));
    expect(r.authoritativeAttributes).toEqual(['primaryEmail']);
    expect(r.drift).toEqual([]);
  });
});
