import { computeEditDistance } from './compute-edit-distance';

describe('computeEditDistance', () => {
  it.each([
    ['kitten', 'sitting', 3], ['smith', 'smith', 0], ['smith', 'smiht', 1], ['', 'abc', 3], ['abc', '', 3], ['jones', 'jnoes', 1],
  ])('%s → %s = %d', (a, b, d) => {
    expect(computeEditDistance(a, b)).toBe(d);
    expect(computeEditDistance(b, a)).toBe(d);
  });
});

/** The textbook form (a fresh row per character), which the scratch-row implementation must equal. */
function referenceDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2] + 1);
      row.push(d);
    }
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length];
}

it('equals the textbook computation on random strings of every length, longer ones after shorter', () => {
  let s = 7;
  const next = () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0);
  const word = (max: number) => Array.from({ length: next() % max }, () => 'abcdeéß'[next() % 7]).join('');
  for (let n = 0; n < 3000; n += 1) {
    const a = word(n < 2900 ? 9 : 150);
    const b = word(n < 2900 ? 9 : 150);
    expect(computeEditDistance(a, b)).toBe(referenceDistance(a, b));
  }
});
