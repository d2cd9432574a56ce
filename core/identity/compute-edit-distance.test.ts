import { computeEditDistance } from './compute-edit-distance';

describe('computeEditDistance', () => {
  it.each([
    ['kitten', 'sitting', 3], ['smith', 'smith', 0], ['smith', 'smiht', 1], ['', 'abc', 3], ['abc', '', 3], ['jones', 'jnoes', 1],
  ])('%s → %s = %d', (a, b, d) => {
    expect(computeEditDistance(a, b)).toBe(d);
    expect(computeEditDistance(b, a)).toBe(d);
  });
});
