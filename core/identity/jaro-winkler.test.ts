import fc from 'fast-check';
import { computeJaro, computeJaroWinkler } from './jaro-winkler';

describe('computeJaroWinkler', () => {
  it('matches textbook values', () => {
    expect(computeJaro('martha', 'marhta')).toBeCloseTo(0.9444, 4);
    expect(computeJaroWinkler('martha', 'marhta')).toBeCloseTo(0.9611, 4);
    expect(computeJaroWinkler('dwayne', 'duane')).toBeCloseTo(0.84, 2);
    expect(computeJaroWinkler('dixon', 'dicksonx')).toBeCloseTo(0.8133, 4);
  });
  it('is 1 for equal and 0 for disjoint strings', () => {
    expect(computeJaroWinkler('smith', 'smith')).toBe(1);
    expect(computeJaroWinkler('abc', 'xyz')).toBe(0);
    expect(computeJaroWinkler('', 'abc')).toBe(0);
  });
  it('is symmetric and bounded', () => {
    fc.assert(fc.property(fc.string(), fc.string(), (a, b) => {
      const x = computeJaroWinkler(a, b);
      expect(x).toBe(computeJaroWinkler(b, a));
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1);
    }));
  });
});
