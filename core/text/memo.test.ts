import { BoundedCache, memoizePair, memoizeString } from './memo';

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

describe('BoundedCache', () => {
  it('keeps about max entries: a full newer generation becomes the older, the older is dropped', () => {
    const cache = new BoundedCache<number>(4);
    cache.set('a', 1); cache.set('b', 2); // newer: a, b
    cache.set('c', 3); // older: a, b; newer: c
    expect(cache.get('a')).toBe(1); // moves to the newer: c, a; older: b
    cache.set('d', 4); // older: c, a; newer: d — b is gone
    expect(['a', 'b', 'c', 'd'].map((k) => cache.get(k))).toEqual([1, undefined, 3, 4]);
  });

  it('forgets a deleted entry in either generation, and a set replaces the value', () => {
    const cache = new BoundedCache<string>(4);
    cache.set('x', 'old'); cache.set('y', 'y'); cache.set('z', 'z'); // older: x, y
    cache.delete('x');
    cache.delete('z');
    expect([cache.has('x'), cache.has('y'), cache.has('z')]).toEqual([false, true, false]);
    cache.set('y', 'new');
    expect(cache.get('y')).toBe('new');
  });
});
