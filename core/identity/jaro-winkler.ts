// Scratch flags for computeJaro, grown on demand: the matcher compares names hundreds of thousands of
// times per import, and two arrays allocated per call were a tenth of its garbage.
let aFlags = new Uint8Array(64);
let bFlags = new Uint8Array(64);

/** Jaro similarity in [0, 1]: shared characters within a sliding window, penalised for transpositions. */
export function computeJaro(first: string, second: string): number {
  // Greedy matching depends on which side drives it; fix the order so the result is symmetric.
  const a = first <= second ? first : second;
  const b = first <= second ? second : first;
  if (a === b) return 1;
  const aLength = a.length;
  const bLength = b.length;
  if (aLength === 0 || bLength === 0) return 0;
  if (aLength > aFlags.length) aFlags = new Uint8Array(aLength * 2);
  if (bLength > bFlags.length) bFlags = new Uint8Array(bLength * 2);
  aFlags.fill(0, 0, aLength);
  bFlags.fill(0, 0, bLength);
  const window = Math.max(0, Math.floor(Math.max(aLength, bLength) / 2) - 1);
  let matches = 0;
  for (let i = 0; i < aLength; i += 1) {
    const from = i > window ? i - window : 0;
    const to = Math.min(bLength - 1, i + window);
    const c = a.charCodeAt(i);
    for (let j = from; j <= to; j += 1) {
      if (bFlags[j] === 0 && b.charCodeAt(j) === c) {
        aFlags[i] = 1;
        bFlags[j] = 1;
        matches += 1;
        break;
      }
    }
  }
  if (matches === 0) return 0;
  let transpositions = 0;
  let k = 0;
  for (let i = 0; i < aLength; i += 1) {
    if (aFlags[i] === 0) continue;
    while (bFlags[k] === 0) k += 1;
    if (a.charCodeAt(i) !== b.charCodeAt(k)) transpositions += 1;
    k += 1;
  }
  return (matches / aLength + matches / bLength + (matches - transpositions / 2) / matches) / 3;
}

/**
 * Jaro–Winkler similarity in [0, 1] (prefix scale 0.1, prefix up to 4), symmetric in its arguments.
 * Names that share a beginning score higher, which suits typos late in a name.
 */
export function computeJaroWinkler(a: string, b: string): number {
  const jaro = computeJaro(a, b);
  let prefix = 0;
  const limit = Math.min(4, a.length, b.length);
  while (prefix < limit && a.charCodeAt(prefix) === b.charCodeAt(prefix)) prefix += 1;
  return jaro + prefix * 0.1 * (1 - jaro);
}
