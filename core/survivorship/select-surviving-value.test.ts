import fc from 'fast-check';
import { selectSurvivingValue, type SurvivorCandidate } from './select-surviving-value';
import { DEFAULT_SURVIVORSHIP_POLICY } from './policy';

const c = (system: SurvivorCandidate['system'], value: unknown, sourceTimestamp: string, extra: Partial<SurvivorCandidate> = {}): SurvivorCandidate => ({
  system, value, sourceTimestamp, sourceId: `${system}-1`, sourceRecordId: `sr-${system}`, ...extra,
});

describe('selectSurvivingValue', () => {
  const legal = DEFAULT_SURVIVORSHIP_POLICY.legalName;
  const contact = DEFAULT_SURVIVORSHIP_POLICY.primaryEmail;

  it('prefers HRIS over a newer CRM value for legal attributes', () => {
    const r = selectSurvivingValue([c('CRM', 'Bob Smith', '2024-05-01T00:00:00Z'), c('HRIS', 'Robert Smith', '2020-01-01T00:00:00Z')], legal);
    expect(r.winner?.value).toBe('Robert Smith');
    expect(r.rule).toBe('SOURCE_PRIORITY');
    expect(r.ranked.map((x) => [x.rank, x.candidate.system, x.reason])).toEqual([[1, 'HRIS', 'WON_ON_SOURCE_PRIORITY'], [2, 'CRM', 'LOST_ON_SOURCE_PRIORITY']]);
  });
  it('lets a steward override beat everything', () => {
    const r = selectSurvivingValue([c('HRIS', 'Robert Smith', '2024-01-01T00:00:00Z'), c('STEWARD', 'Robert J. Smith', '2019-01-01T00:00:00Z')], legal);
    expect(r.winner?.system).toBe('STEWARD');
    expect(r.rule).toBe('STEWARD_OVERRIDE');
  });
  it('takes the most recent verified contact value', () => {
    const r = selectSurvivingValue([
      c('CRM', 'new@example.com', '2024-06-01T00:00:00Z'),
      c('ATS', 'checked@example.com', '2023-01-01T00:00:00Z', { verified: true }),
      c('HRIS', 'old@example.com', '2020-01-01T00:00:00Z'),
    ], contact);
    expect(r.winner?.value).toBe('checked@example.com');
    expect(r.rule).toBe('VERIFIED');
    expect(r.ranked[1].candidate.value).toBe('new@example.com');
    expect(r.ranked[2].reason).toBe('LOST_ON_VERIFIED');
  });
  it('falls back to recency among equals', () => {
    const r = selectSurvivingValue([c('CRM', 'a@x.com', '2024-01-01T00:00:00Z'), c('ATS', 'b@x.com', '2024-02-01T00:00:00Z')], contact);
    expect(r.winner?.value).toBe('b@x.com');
    expect(r.rule).toBe('RECENCY');
  });
  it('never lets an empty value win', () => {
    const r = selectSurvivingValue([c('HRIS', '  ', '2024-01-01T00:00:00Z'), c('STEWARD', null, '2024-01-01T00:00:00Z'), c('CRM', 'Ann', '2020-01-01T00:00:00Z')], legal);
    expect(r.winner?.value).toBe('Ann');
    expect(r.rule).toBe('ONLY_VALUE');
    expect(r.ranked).toHaveLength(1);
    expect(selectSurvivingValue([c('CRM', null, '2020-01-01T00:00:00Z')], legal)).toEqual({ winner: null, rule: 'NO_VALUE', ranked: [] });
  });
  it('breaks full ties by system and source id', () => {
    const r = selectSurvivingValue([
      c('CRM', 'x', '2024-01-01T00:00:00Z', { sourceId: 'b', sourceRecordId: 'r2' }),
      c('CRM', 'y', '2024-01-01T00:00:00Z', { sourceId: 'a', sourceRecordId: 'r1' }),
    ], DEFAULT_SURVIVORSHIP_POLICY.preferredName);
    expect(r.winner?.value).toBe('y');
    expect(r.rule).toBe('TIE_BREAK');
  });
  it('does not depend on input order', () => {
    const candidate = fc.record({
      value: fc.constantFrom('a', 'b', '', null),
      system: fc.constantFrom('CRM', 'ATS', 'HRIS', 'STEWARD' as const),
      sourceRecordId: fc.constantFrom('r1', 'r2', 'r3', 'r4', 'r5', 'r6'),
      sourceId: fc.constantFrom('s1', 's2'),
      sourceTimestamp: fc.constantFrom('2020-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),
      verified: fc.boolean(),
    });
    // Source record ids are unique in the store (the final tie-break relies on it), so they are here too.
    fc.assert(fc.property(fc.uniqueArray(candidate, { maxLength: 6, selector: (c) => c.sourceRecordId }), fc.boolean(), (cands, preferVerified) => {
      const rule = { ...legal, preferVerified };
      const forward = selectSurvivingValue(cands, rule);
      const backward = selectSurvivingValue([...cands].reverse(), rule);
      expect(backward.winner).toEqual(forward.winner);
      expect(backward.rule).toBe(forward.rule);
      expect(backward.ranked.map((r) => r.reason)).toEqual(forward.ranked.map((r) => r.reason));
    }));
  });
});
