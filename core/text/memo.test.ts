import { memoizePair, memoizeString } from './memo';

describe('memoizeString', () => {
  it('computes once per distinct argument, including falsy results', () => {
    const calls: string[] = [];
    const f = memoizeString((s: string) => { calls.push(s); return s === 'empty' ? undefined : s.length; });
    expect([f('abc'), f('abc'), f('empty'), f('empty'), f('')]).toEqual([3, 3, undefined, undefined, 0]);
    expect(f('')).toBe(0);
    expect(calls).toEqual(['abc', 'empty', '']);
  });

  it('forgets the oldest argument past its bound and computes it again', () => {
    const calls: string[] = [];
    const f = memoizeString((s: string) => { calls.push(s); return s.toUpperCase(); }, 2);
    f('a'); f('b'); f('c');
    expect(f('b')).toBe('B');
    expect(f('a')).toBe('A');
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
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
