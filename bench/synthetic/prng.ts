/**
 * Seeded pseudo-random numbers for the synthetic population. Everything random in the generator goes
 * through a `Rng`, so a seed reproduces a population byte for byte on any machine.
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
}

/** mulberry32: tiny, fast and good enough for test data (not for cryptography). */
export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  return {
    next(): number {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Hashes any seed text (plus optional stream labels) to a 32-bit integer seed. */
export function deriveSeed(...parts: Array<string | number>): number {
  const text = parts.join('\u0000');
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h1 ^ h2) >>> 0;
}

export function randomInt(rng: Rng, min: number, maxInclusive: number): number {
  return min + Math.floor(rng.next() * (maxInclusive - min + 1));
}

export function chance(rng: Rng, probability: number): boolean {
  return probability > 0 && rng.next() < probability;
}

export function pickOne<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng.next() * items.length)];
}

export function randomDigits(rng: Rng, count: number): string {
  let out = '';
  for (let i = 0; i < count; i++) out += String(Math.floor(rng.next() * 10));
  return out;
}

/** A frequency table sampled in O(log n); weights need not sum to 1. */
export interface WeightedTable<T> {
  readonly items: readonly T[];
  readonly cumulative: Float64Array;
}

export function createWeightedTable<T>(entries: ReadonlyArray<readonly [T, number]>): WeightedTable<T> {
  const cumulative = new Float64Array(entries.length);
  let total = 0;
  entries.forEach(([, weight], i) => {
    total += weight;
    cumulative[i] = total;
  });
  return { items: entries.map(([item]) => item), cumulative };
}

/** Weights falling off as 1/rank^exponent: for lists ordered by frequency without published counts. */
export function createZipfTable<T>(itemsByFrequency: readonly T[], exponent: number): WeightedTable<T> {
  return createWeightedTable(itemsByFrequency.map((item, i) => [item, 1 / Math.pow(i + 1, exponent)] as const));
}

export function pickWeighted<T>(rng: Rng, table: WeightedTable<T>): T {
  const total = table.cumulative[table.cumulative.length - 1];
  const target = rng.next() * total;
  let lo = 0;
  let hi = table.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (table.cumulative[mid] > target) hi = mid;
    else lo = mid + 1;
  }
  return table.items[lo];
}
