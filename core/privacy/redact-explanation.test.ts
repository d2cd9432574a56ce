import { redactExplanation, WITHHELD_REASON } from './redact-explanation';

const explanation = {
  comparisons: [{ attribute: 'givenName', level: 'exact', weight: 3 }, { attribute: 'birthDate', level: 'typo', weight: 1 }],
  blockers: ['BIRTH_DATE_CONFLICT'],
  reason: 'BIRTH_DATE_CONFLICT blocks an automatic link',
  candidatesConsidered: 2,
};

describe('redactExplanation', () => {
  it('keeps everything for a caller who may read every attribute', () => {
    expect(redactExplanation(explanation, () => true)).toEqual(explanation);
  });

  it('drops comparisons and blockers of attributes the caller may not read, and the reason that could quote them', () => {
    const r = redactExplanation(explanation, (a) => a !== 'birthDate');
    expect(r.comparisons).toEqual([{ attribute: 'givenName', level: 'exact', weight: 3 }]);
    expect(r.blockers).toEqual([]);
    expect(r.reason).toBe(WITHHELD_REASON);
    expect(r.candidatesConsidered).toBe(2);
  });
});
