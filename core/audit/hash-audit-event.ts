// Hashes of audit entries. An entry's hash covers its content only (hashAuditContent), so a writer needs
// nothing from other writers to compute it; seal blocks chain the entries (seal-block.ts). Entries written
// before seal blocks existed were chained one by one (hashAuditEvent, findBrokenLink) and still verify so.
import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEventContent {
  eventId: string;
  type: string;
  correlationId: string;
  causationId: string | null;
  sourceSystem: string | null;
  actorId: string;
  reasonCode: string | null;
  entityType: string;
  entityId: string;
  attribute: string | null;
  oldValue: unknown;
  newValue: unknown;
  occurredAt: string;
}

/** Canonical JSON: object keys sorted at every level, so the hash does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (value === undefined) return 'null';
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Hash of one entry's content, independent of any other entry. */
export function hashAuditContent(content: AuditEventContent): string {
  return createHash('sha256').update('audit-entry-v2\n').update(canonicalJson(content)).digest('hex');
}

/** Hash of an entry of the row-by-row chain (entries written before seal blocks). */
export function hashAuditEvent(prevHash: string, content: AuditEventContent): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(content)).digest('hex');
}

export interface ChainLink extends AuditEventContent {
  seq: bigint | number | string;
  prevHash: string;
  hash: string;
}

/** Walks the chain in order; returns the first broken link or null when the chain verifies. */
export function findBrokenLink(links: Iterable<ChainLink>, startHash: string = GENESIS_HASH): { seq: string; reason: string } | null {
  let prev = startHash;
  for (const link of links) {
    if (link.prevHash !== prev) return { seq: String(link.seq), reason: 'prevHash does not match the previous entry' };
    const { seq: _seq, prevHash: _p, hash, ...content } = link;
    if (hashAuditEvent(prev, content) !== hash) return { seq: String(link.seq), reason: 'content does not match its hash' };
    prev = hash;
  }
  return null;
}
