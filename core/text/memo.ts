// Remembering pure functions of strings, and a bounded cache for anything else keyed by a string.
// Matching compares the same few thousand given names, family names and phone numbers millions of times
// over a large import; their comparison levels and parsed forms depend only on the strings, so each is
// computed once per distinct argument. Memory stays bounded by two generations of at most max / 2
// entries: when the newer one fills, the older one is dropped whole and the newer one becomes the older
// (an entry used since moves to the newer one and stays). Evicting one entry at a time from the front of
// a Map instead makes every eviction walk the holes the earlier ones left: 400,000 such evictions took
// 84 s.

/** At most about `max` entries by string key; the ones unused for longest are forgotten first. */
export class BoundedCache<V> {
  private newer = new Map<string, V>();
  private older = new Map<string, V>();
  private readonly half: number;

  constructor(max: number) {
    this.half = Math.max(1, Math.floor(max / 2));
  }

  has(key: string): boolean {
    return this.newer.has(key) || this.older.has(key);
  }

  /** The entry (undefined when absent); an entry of the older generation moves to the newer one. */
  get(key: string): V | undefined {
    const hit = this.newer.get(key);
    if (hit !== undefined || this.newer.has(key)) return hit;
    if (!this.older.has(key)) return undefined;
    const old = this.older.get(key) as V;
    this.older.delete(key);
    this.set(key, old);
    return old;
  }

  set(key: string, value: V): void {
    if (!this.newer.has(key) && this.newer.size >= this.half) {
      this.older = this.newer;
      this.newer = new Map();
    }
    this.older.delete(key);
    this.newer.set(key, value);
  }

  delete(key: string): void {
    this.newer.delete(key);
    this.older.delete(key);
  }
}

/** `fn`, remembered for about the last `max` distinct arguments. `fn` must be pure. */
export function memoizeString<R>(fn: (s: string) => R, max = 20_000): (s: string) => R {
  const cache = new BoundedCache<R>(max);
  return (s) => remembered(cache, s, () => fn(s));
}

/** `fn` of two strings, remembered for about the last `max` distinct pairs. `fn` must be pure. */
export function memoizePair<R>(fn: (a: string, b: string) => R, max = 40_000): (a: string, b: string) => R {
  const cache = new BoundedCache<R>(max);
  return (a, b) => remembered(cache, `${a}\u0000${b}`, () => fn(a, b));
}

function remembered<R>(cache: BoundedCache<R>, key: string, compute: () => R): R {
  const hit = cache.get(key);
  if (hit !== undefined || cache.has(key)) return hit as R;
  const value = compute();
  cache.set(key, value);
  return value;
}
