// Remembering pure functions of strings. Matching compares the same few thousand given names, family
// names and phone numbers millions of times over a large import; their comparison levels and parsed forms
// depend only on the strings, so each is computed once per distinct argument. Memory stays bounded: past
// `max` distinct arguments the oldest are forgotten first.

/** `fn`, remembered for the last `max` distinct arguments. `fn` must be pure. */
export function memoizeString<R>(fn: (s: string) => R, max = 50_000): (s: string) => R {
  const cache = new Map<string, R>();
  return (s) => {
    const hit = cache.get(s);
    if (hit !== undefined || cache.has(s)) return hit as R;
    const value = fn(s);
    remember(cache, s, value, max);
    return value;
  };
}

/** `fn` of two strings, remembered for the last `max` distinct pairs. `fn` must be pure. */
export function memoizePair<R>(fn: (a: string, b: string) => R, max = 200_000): (a: string, b: string) => R {
  const cache = new Map<string, R>();
  return (a, b) => {
    const key = `${a}\u0000${b}`;
    const hit = cache.get(key);
    if (hit !== undefined || cache.has(key)) return hit as R;
    const value = fn(a, b);
    remember(cache, key, value, max);
    return value;
  };
}

function remember<R>(cache: Map<string, R>, key: string, value: R, max: number): void {
  if (cache.size >= max) cache.delete(cache.keys().next().value as string);
  cache.set(key, value);
}
