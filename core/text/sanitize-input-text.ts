// Text a caller sends is stored as readers will see it: in Unicode NFC (so "é" typed two ways is one
// value), and without the invisible characters that make a name look like something else — bidi
// overrides and isolates (a right-to-left override reverses what follows) and zero-width characters.

/** Bidi embeddings, overrides, isolates and marks; zero-width space, joiners, word joiner, BOM. */
const INVISIBLE = /[\u061C\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

export function sanitizeInputText(value: string): string {
  return value.normalize('NFC').replace(INVISIBLE, '');
}

/** Every string inside a plain JSON-like input value, sanitized; other values unchanged. */
export function sanitizeInputStrings<T>(input: T, depth = 0): T {
  if (typeof input === 'string') return sanitizeInputText(input) as T;
  if (depth > 20 || input === null || typeof input !== 'object' || input instanceof Date) return input;
  if (Array.isArray(input)) return input.map((v) => sanitizeInputStrings(v, depth + 1)) as T;
  if (ArrayBuffer.isView(input)) return input;
  // Input objects (plain, or instances of the GraphQL input classes) become plain objects of their own fields.
  return Object.fromEntries(Object.entries(input as Record<string, unknown>).map(([k, v]) => [k, sanitizeInputStrings(v, depth + 1)])) as T;
}
