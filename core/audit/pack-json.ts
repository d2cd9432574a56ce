/**
 * A compact byte form of a JSON value for audit values that are stored encrypted (and so cannot be
 * compressed by the database): the value's JSON text with the field names and words audit values
 * repeat replaced by one byte each, and every lower-case UUID by a marker byte and its 16 bytes. A link
 * detail of 170 bytes packs into about 70; an attribute change into about two thirds. Pure substitution:
 * the JSON text never holds a byte below 0x20 (JSON.stringify escapes control characters), so those
 * bytes are free to stand for the tokens, and unpacking gives back the exact text.
 *
 * Chosen over deflate because the values are small (deflate needs a preset dictionary to gain on them)
 * and many: Node's zlib makes a stream and a native handle per call, which cost the 100k import 4 s and
 * 20 MiB of resident memory; this costs neither.
 *
 * The table is part of the stored format: never changed or reordered (a new table takes a new format).
 */
const TOKENS = [
  '"sourceRecordId":', '"system":', '"sourceId":', '"decision":', '"matchedKey":', '"score":', '"reviewId":', '"kind":',
  '"candidatePersonId":', '"blockers":', '"value":', '"reason":', '"givenName":', '"familyName":', '"middleName":', '"legalName":',
  '"preferredName":', '"primaryEmail":', '"emails":', '"phones":', '"street":', '"city":', '"postcode":', '"country":',
  '"birthDate":', '"employer":', '"jobTitle":', '"AUTO_MERGED"', '"PROBABLE_MATCH"', 'null',
] as const;
/** Bytes 0x01..0x1e stand for TOKENS; 0x1f leads a UUID's 16 bytes. */
const FIRST_TOKEN = 0x01;
const UUID_MARK = 0x1f;

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const PATTERN = new RegExp(`${UUID}|${TOKENS.map(escape).join('|')}`, 'g');
const TOKEN_BYTE = new Map<string, number>(TOKENS.map((t, i) => [t, FIRST_TOKEN + i]));

export function packJson(value: unknown): Buffer {
  const text = JSON.stringify(value) ?? 'null';
  const parts: Buffer[] = [];
  let last = 0;
  PATTERN.lastIndex = 0;
  for (let m = PATTERN.exec(text); m; m = PATTERN.exec(text)) {
    if (m.index > last) parts.push(Buffer.from(text.slice(last, m.index), 'utf8'));
    const token = TOKEN_BYTE.get(m[0]);
    parts.push(token !== undefined ? Buffer.of(token) : Buffer.concat([Buffer.of(UUID_MARK), Buffer.from(m[0].replace(/-/g, ''), 'hex')]));
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(Buffer.from(text.slice(last), 'utf8'));
  return Buffer.concat(parts);
}

export function unpackJson(packed: Buffer): unknown {
  let text = '';
  let run = 0;
  for (let i = 0; i < packed.length; ) {
    const b = packed[i];
    if (b >= 0x20) {
      i++;
      continue;
    }
    // Runs end only at bytes below 0x20, never inside a multi-byte UTF-8 character (all of whose bytes are >= 0x80).
    if (i > run) text += packed.toString('utf8', run, i);
    if (b === UUID_MARK) {
      if (i + 17 > packed.length) throw new Error('packed JSON: a UUID is cut short');
      const hex = packed.toString('hex', i + 1, i + 17);
      text += `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
      i += 17;
    } else {
      const token = TOKENS[b - FIRST_TOKEN];
      if (token === undefined) throw new Error(`packed JSON: unknown token byte ${b}`);
      text += token;
      i++;
    }
    run = i;
  }
  if (run < packed.length) text += packed.toString('utf8', run);
  return JSON.parse(text);
}
