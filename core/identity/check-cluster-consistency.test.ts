import { checkClusterConsistency } from './check-cluster-consistency';
import { extractMatchFeatures } from './extract-match-features';
import { BOB_SMITH, ROBERT_SMITH, ROBERT_SMITH_OTHER } from './matching.fixtures';

const f = extractMatchFeatures;

describe('checkClusterConsistency', () => {
  it('accepts a record that matches every member', () => {
    const result = checkClusterConsistency(f(ROBERT_SMITH), [f(BOB_SMITH), f({ ...ROBERT_SMITH, city: null })]);
    expect(result.consistent).toBe(true);
    expect(result.weakest?.probability).toBeGreaterThan(0.9);
  });
  it('rejects a record blocked by any member, naming the weakest', () => {
    const result = checkClusterConsistency(f(ROBERT_SMITH), [f(BOB_SMITH), f(ROBERT_SMITH_OTHER)]);
    expect(result.consistent).toBe(false);
    expect(result.weakestIndex).toBe(1);
    expect(result.weakest?.blockers).toEqual(['BIRTH_DATE_CONFLICT']);
  });
  it('rejects a record that only chains through one member', () => {
    const result = checkClusterConsistency(f({ givenName: 'Robert', familyName: 'Smith', email: 'rs@example.com' }), [
      f({ givenName: 'Robert', familyName: 'Smith', email: 'rs@example.com' }),
      f({ givenName: 'Maria', familyName: 'Garcia', email: 'rs@example.com' }),
    ]);
    expect(result.consistent).toBe(false);
    expect(result.weakestIndex).toBe(1);
  });
  it('is trivially consistent with an empty cluster', () => {
    expect(checkClusterConsistency(f(ROBERT_SMITH), [])).toEqual({ consistent: true, weakest: null, weakestIndex: -1 });
  });
});
