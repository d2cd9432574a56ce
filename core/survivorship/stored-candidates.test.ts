import { candidatesOfRow, storedCandidates } from './stored-candidates';

const winner = { value: 'Ann', system: 'HRIS' as const, sourceId: 'E-1', sourceRecordId: 'r1', sourceTimestamp: '2026-01-01T00:00:00.000Z', rank: 1, reason: 'ONLY_VALUE' };
const decided = { value: 'Ann', system: 'HRIS' as const, sourceRecordId: 'r1', sourceId: 'E-1', sourceTimestamp: '2026-01-01T00:00:00.000Z', rule: 'ONLY_VALUE', candidates: [winner] };

describe('stored provenance candidates', () => {
  it('stores none when the winner is the only candidate, and rebuilds it on read', () => {
    expect(storedCandidates(decided, 'Ann')).toBeNull();
    const row = { value: 'Ann', system: 'HRIS', sourceRecordId: 'r1', sourceId: 'E-1', sourceTimestamp: new Date('2026-01-01T00:00:00.000Z'), candidates: null };
    expect(candidatesOfRow(row)).toEqual([winner]);
  });

  it('stores them whole when the lone candidate differs from the row (a normalized value) or there are several', () => {
    expect(storedCandidates(decided, 'ANN')).toEqual([winner]);
    const two = { ...decided, candidates: [{ ...winner, reason: 'WON_ON_SOURCE_PRIORITY' }, { ...winner, system: 'CRM' as const, sourceId: 'C-1', rank: 2, reason: 'LOST_ON_SOURCE_PRIORITY' }] };
    expect(storedCandidates(two, 'Ann')).toBe(two.candidates);
    expect(candidatesOfRow({ ...row(), candidates: two.candidates })).toEqual(two.candidates);
  });

  it('treats the only item of a one-item list (e-mails, phones) as the implied candidate', () => {
    const email = { ...winner, value: 'ann@example.com' };
    expect(storedCandidates({ ...decided, candidates: [email] }, ['ann@example.com'])).toBeNull();
    expect(candidatesOfRow({ ...row(), value: ['ann@example.com'] })).toEqual([email]);
    expect(storedCandidates({ ...decided, candidates: [email] }, ['ann@example.com', 'a2@example.com'])).toEqual([email]);
  });

  it('reads an erased row (candidates emptied) and a row without a winning system as no candidates', () => {
    expect(candidatesOfRow({ ...row(), candidates: [] })).toEqual([]);
    expect(candidatesOfRow({ ...row(), system: null })).toEqual([]);
  });
});

function row() {
  return { value: 'Ann', system: 'HRIS' as string | null, sourceRecordId: 'r1', sourceId: 'E-1', sourceTimestamp: '2026-01-01T00:00:00.000Z', candidates: null as unknown };
}
