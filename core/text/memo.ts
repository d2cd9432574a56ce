// Remembering pure functions of strings. Matching compares the same few thousand given names, family
// names and phone numbers millions of times over a large import; their comparison levels and parsed forms
// depend only on the strings, so each is computed once per distinct argument. Memory stays bounded by two
// generations of at most max / 2 entries: when the newer one fills, the older one is dropped whole and
// the newer one becomes the older (an argument used since stays; evicting one entry at a time from the
// front of a Map makes every eviction walk the holes the earlier ones left).

/** `fn`, remembered for about the last `max` distinct arguments. `fn` must be pure. */
export function memoizeString<R>(fn: (s: string) => R, max = 20_000): (s: string) => R {
  const cache = generations<R>(max);
  return (s) => cache(s, () => fn(s));
}

/** `fn` of two strings, remembered for about the last `max` distinct pairs. `fn` must be pure. */
export function memoizePair<R>(fn: (a: string, b: string) => R, max = 40_000): (a: string, b: string) => R {
  const cache = generations<R>(max);
  return (a, b) => cache(`${a}\u0000${b}`, () => fn(a, b));
}

function generations<R>(max: number): (key: string, compute: () => R) => R {
  const half = Math.max(1, Math.floor(max / 2));
  let newer = new Map<string, R>();
  let older = new Map<string, R>();
  const remember = (key: string, value: R) => {
    if (newer.size >= half) {
      older = newer;
      newer = new Map();
    }
    newer.set(key, value);
    return value;
  };
  return (key, compute) => {
    const hit = newer.get(key);
    if (hit !== undefined || newer.has(key)) return hit as R;
    const old = older.get(key);
    if (old !== undefined || older.has(key)) return remember(key, old as R);
    return remember(key, compute());
  };
}
