// Queries around identity resolution that are not the ingest store's own: serialization locks on match
// keys, steward constraints and merge redirects. All take the transaction client.
import type { Tx } from '../../platform/database';

/** Online ingestion takes it shared, a bulk import batch exclusively: a batch sees no ingest in flight. */
export const BULK_INGEST_LOCK = 5170002;

/**
 * Transaction-scoped advisory locks on every key a record could match through, taken in sorted order.
 * Two records about the same person arriving at once share a key, so the second waits for the first
 * to commit and then sees its golden person instead of creating a second one.
 */
export async function lockMatchKeys(tx: Tx, keys: string[]): Promise<void> {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return;
  // One statement: the shared hold on the bulk lock (an import batch takes it exclusively while it
  // resolves and writes, see ingest-store.ts), then the key locks in sorted order.
  await tx.$queryRaw`SELECT count(pg_advisory_xact_lock(hashtextextended(k, 7))) FROM (
    SELECT k FROM (SELECT pg_advisory_xact_lock_shared(${BULK_INGEST_LOCK}::bigint) AS held) h, unnest(${sorted}::text[]) AS k ORDER BY k) s`;
}

/**
 * Transaction-scoped locks on the golden people a write recomputes, in sorted order, taken after the
 * match-key locks: concurrent updates of one person's records (which share no key) recompute its golden
 * record one after the other, each from the sources the previous one committed.
 */
export async function lockPeople(tx: Tx, personIds: string[]): Promise<void> {
  const sorted = [...new Set(personIds)].map((id) => `person:${id}`).sort();
  if (sorted.length === 0) return;
  await tx.$queryRaw`SELECT count(pg_advisory_xact_lock(hashtextextended(k, 7))) FROM (SELECT unnest(${sorted}::text[]) AS k ORDER BY 1) s`;
}

/** Source record ids a steward declared "not the same person" as any of the given records. */
export async function findCannotLinkedRecords(tx: Tx, sourceRecordIds: string[]): Promise<Set<string>> {
  if (sourceRecordIds.length === 0) return new Set();
  const rows = await tx.matchConstraint.findMany({
    where: { kind: 'CANNOT_LINK', OR: [{ sourceRecordAId: { in: sourceRecordIds } }, { sourceRecordBId: { in: sourceRecordIds } }] },
    select: { sourceRecordAId: true, sourceRecordBId: true },
  });
  const ids = new Set(sourceRecordIds);
  const out = new Set<string>();
  for (const r of rows) {
    if (ids.has(r.sourceRecordAId)) out.add(r.sourceRecordBId);
    if (ids.has(r.sourceRecordBId)) out.add(r.sourceRecordAId);
  }
  return out;
}

/** Follows merge redirects to the surviving person. */
export async function resolveSurvivor(tx: Tx, personId: string): Promise<string> {
  let id = personId;
  for (let i = 0; i < 16; i++) {
    const p = await tx.person.findUnique({ where: { id }, select: { mergedIntoId: true } });
    if (!p?.mergedIntoId) return id;
    id = p.mergedIntoId;
  }
  return id;
}
