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

/** The textbook form (two flag arrays per call), which the scratch-flag implementation must equal. */
function referenceJaro(first: string, second: string): number {
  const [a, b] = first <= second ? [first, second] : [second, first];
  if (a === b) return 1;
  if (a.length === 0 || b.length === 0) return 0;
  const window = Math.max(0, Math.floor(Math.max(a.length, b.length) / 2) - 1);
  const aMatched = new Array<boolean>(a.length).fill(false);
  const bMatched = new Array<boolean>(b.length).fill(false);
  let matches = 0;
  for (let i = 0; i < a.length; i += 1) {
    for (let j = Math.max(0, i - window); j <= Math.min(b.length - 1, i + window); j += 1) {
      if (!bMatched[j] && a[i] === b[j]) {
        aMatched[i] = true;
        bMatched[j] = true;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < a.length; i += 1) {
    if (!aMatched[i]) continue;
    while (!bMatched[k]) k += 1;
    if (a[i] !== b[k]) transpositions += 1;
    k += 1;
  }
  return (matches / a.length + matches / b.length + (matches - transpositions / 2) / matches) / 3;
}

it('equals the textbook computation on random strings of every length, longer ones after shorter', () => {
  let s = 11;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  const word = (max: number) => Array.from({ length: next() % max }, () => 'abcdeéß'[next() % 7]).join('');
  for (let n = 0; n < 3000; n += 1) {
    const a = word(n < 2900 ? 10 : 200);
    const b = word(n < 2900 ? 10 : 200);
    expect(computeJaro(a, b)).toBe(referenceJaro(a, b));
  }
});
