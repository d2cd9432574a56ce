// Queries behind identity resolution: serialization locks, candidate generation from the indexed
// blocking keys, deterministic key lookups and cluster members. All take the transaction client.
import type { MatchFeatures } from '../../core/identity/types';
import type { Tx } from '../../platform/database';
import type { SourceSystem } from '../shared/enums';

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
  // A bulk import batch holds this exclusively while it resolves and writes (see ingest-batch.ts).
  await tx.$executeRaw`SELECT pg_advisory_xact_lock_shared(${BULK_INGEST_LOCK})`;
  await tx.$queryRaw`SELECT count(pg_advisory_xact_lock(hashtextextended(k, 7))) FROM (SELECT unnest(${sorted}::text[]) AS k ORDER BY 1) s`;
}

export interface CandidateRow { personId: string; shared: number; total: number }

/** People sharing blocking keys with the record, most shared keys first, capped; `total` counts all. */
export async function findCandidatePeople(tx: Tx, keys: string[], cap: number): Promise<{ personIds: string[]; found: number }> {
  if (keys.length === 0) return { personIds: [], found: 0 };
  const rows = await tx.$queryRaw<Array<{ personId: string; shared: number; total: number }>>`
    SELECT "personId"::text AS "personId", count(*)::int AS shared, (count(*) OVER ())::int AS total
    FROM "BlockingKey" WHERE key = ANY(${keys}::text[])
    GROUP BY "personId" ORDER BY shared DESC, "personId" LIMIT ${cap}`;
  return { personIds: rows.map((r) => r.personId), found: rows[0]?.total ?? 0 };
}

export async function findPeopleByBlockingKey(tx: Tx, key: string): Promise<string[]> {
  const rows = await tx.blockingKey.findMany({ where: { key }, select: { personId: true }, distinct: ['personId'] });
  return rows.map((r) => r.personId);
}

export async function findLinkedPerson(tx: Tx, system: SourceSystem, value: string): Promise<string | null> {
  return (await tx.externalId.findUnique({ where: { system_value: { system, value } }, select: { personId: true } }))?.personId ?? null;
}

export interface MemberRow { id: string; personId: string; system: SourceSystem; sourceId: string; features: MatchFeatures }

export async function findClusterMembers(tx: Tx, personIds: string[]): Promise<MemberRow[]> {
  if (personIds.length === 0) return [];
  const rows = await tx.sourceRecord.findMany({
    where: { personId: { in: personIds }, erasedAt: null },
    select: { id: true, personId: true, system: true, sourceId: true, features: true },
    orderBy: { id: 'asc' },
  });
  return rows.map((r) => ({ ...r, features: r.features as unknown as MatchFeatures }));
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
