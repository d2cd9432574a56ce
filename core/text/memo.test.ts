import { memoizePair, memoizeString } from './memo';

describe('memoizeString', () => {
  it('computes once per distinct argument, including falsy results', () => {
    const calls: string[] = [];
    const f = memoizeString((s: string) => { calls.push(s); return s === 'empty' ? undefined : s.length; });
    expect([f('abc'), f('abc'), f('empty'), f('empty'), f('')]).toEqual([3, 3, undefined, undefined, 0]);
    expect(f('')).toBe(0);
    expect(calls).toEqual(['abc', 'empty', '']);
  });

  it('forgets arguments unused for a generation, and keeps the ones used since', () => {
    const calls: string[] = [];
    const f = memoizeString((s: string) => { calls.push(s); return s.toUpperCase(); }, 4);
    f('a'); f('b'); // newer generation full (2 of 4)
    f('c'); // a, b become the older generation
    f('a'); // used again: kept in the newer one (c, a)
    f('d'); // newer full again: c, a become the older; b is forgotten
    expect([f('a'), f('c'), f('b')]).toEqual(['A', 'C', 'B']);
    expect(calls).toEqual(['a', 'b', 'c', 'd', 'b']);
  });
});

describe('memoizePair', () => {
  it('keys on the ordered pair, so (a, b) and (b, a) are distinct and no separator collision merges pairs', () => {
    const calls: Array<[string, string]> = [];
    const f = memoizePair((a: string, b: string) => { calls.push([a, b]); return `${a}>${b}`; });
    expect([f('ab', 'c'), f('a', 'bc'), f('c', 'ab'), f('ab', 'c')]).toEqual(['ab>c', 'a>bc', 'c>ab', 'ab>c']);
    expect(calls).toHaveLength(3);
  });
});
