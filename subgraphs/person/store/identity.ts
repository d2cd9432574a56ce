// Queries around identity resolution that are not the ingest store's own: serialization locks on match
// keys, steward constraints and merge redirects. All take the transaction client.
import type { Tx, TxSql } from '../../../platform/database';

/** Online ingestion takes it shared, a bulk import batch exclusively: a batch sees no ingest in flight. */
export const BULK_INGEST_LOCK = 5170002;

/**
 * The advisory-lock key of a golden person. The ingest store locks the people a write recomputes after
 * the match-key locks: concurrent updates of one person's records (which share no key) recompute its
 * golden record one after the other, each from the sources the previous one committed.
 */
export const personLockKey = (personId: string) => `person:${personId}`;

/**
 * Takes transaction-scoped locks and then runs `query` (one text column, its parameters read from the
 * JSON `args` as `$1`), in one statement: the read sees everything the previous holders of the locks
 * committed (function ingest_locked_read, migration ingest_locked_read). `keys` are locked exclusively
 * in sorted order, after a shared hold on the bulk-ingest lock when `bulkShared` is set (an import
 * batch takes that lock exclusively while it resolves and writes, see ingest-store.ts). Two records about
 * the same person arriving at once share a match key, so the second waits for the first to commit and
 * then sees its golden person instead of creating a second one.
 */
export async function lockedRead(sql: TxSql, locks: { bulkShared?: boolean; keys: string[] }, query: string, args: Record<string, unknown>): Promise<string> {
  const [row] = await sql.query<{ result: string }>(
    `SELECT "ingest_locked_read"($1::bigint, $2::text[], $3::text, $4::jsonb) AS result`,
    [locks.bulkShared ? BULK_INGEST_LOCK : null, [...new Set(locks.keys)], query, JSON.stringify(args)],
  );
  return row.result;
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

/** Follows merge redirects to the surviving person of each id, one statement per hop for all of them. */
export async function resolveSurvivors(db: Tx, ids: string[]): Promise<Map<string, string>> {
  const out = new Map(ids.map((id) => [id, id]));
  let pending = [...new Set(ids)];
  for (let hop = 0; pending.length && hop < 20; hop++) {
    const merged = await db.person.findMany({ where: { id: { in: pending }, mergedIntoId: { not: null } }, select: { id: true, mergedIntoId: true } });
    const into = new Map(merged.map((m) => [m.id, m.mergedIntoId!]));
    for (const [k, v] of out) if (into.has(v)) out.set(k, into.get(v)!);
    pending = [...new Set(merged.map((m) => m.mergedIntoId!))];
  }
  return out;
}

/** Follows merge redirects to the surviving person. */
export async function resolveSurvivor(db: Tx, personId: string): Promise<string> {
  return (await resolveSurvivors(db, [personId])).get(personId)!;
}
