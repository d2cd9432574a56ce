// The audit log and the change log as stored: pages of an entity's (or a flow's) entries, every entry
// and seal block in chain order for verification, and positioned outbox events for events(after:).
import type { StoredAuditEntry } from '../../../core/audit/verify-audit-log';
import type { Prisma } from '../../../generated/prisma/client';
import type { Database } from '../../../platform/database';
import { toSealBlock } from '../../shared/change-log-sealer';

/** Entries of one entity or one correlation id after a sequence number, oldest first. */
export function findAuditPage(db: Database, filter: { entityId?: string | null; correlationId?: string | null }, afterSeq: bigint | null, take: number) {
  return db.prisma.auditEvent.findMany({
    where: { ...(filter.entityId ? { entityId: filter.entityId } : {}), ...(filter.correlationId ? { correlationId: filter.correlationId } : {}), ...(afterSeq !== null ? { seq: { gt: afterSeq } } : {}) },
    orderBy: { seq: 'asc' },
    take,
  });
}

/** Outbox events that have a position (their transaction committed), after one, in position order. */
export function findPositionedEvents(db: Database, afterPosition: bigint | null, types: string[] | null | undefined, take: number) {
  const where: Prisma.OutboxEventWhereInput = {
    position: afterPosition !== null ? { gt: afterPosition } : { not: null },
    ...(types?.length ? { type: { in: types } } : {}),
  };
  return db.prisma.outboxEvent.findMany({ where, orderBy: { position: 'asc' }, take });
}

/** Seal blocks in chain order, page by page. */
export async function* sealBlocks(db: Database, pageSize: number) {
  let after = 0n;
  for (;;) {
    const rows = await db.prisma.auditSeal.findMany({ where: { block: { gt: after } }, orderBy: { block: 'asc' }, take: pageSize });
    for (const r of rows) yield toSealBlock(r);
    if (rows.length < pageSize) return;
    after = rows[rows.length - 1].block;
  }
}

interface RawEntry {
  seq: string; txid: string; prevHash: string | null; hash: string; eventId: string; type: string; correlationId: string; causationId: string | null;
  sourceSystem: string | null; actorId: string; reasonCode: string | null; entityType: string; entityId: string; attribute: string | null;
  oldValue: unknown; newValue: unknown; occurredAt: string;
}

// Entries in (txid, seq) order: the order seal blocks hash them in, and the index's order, paged by a row
// comparison the index serves. Raw SQL: numbers and times come back as text, exactly as hashed.
export async function* auditEntries(db: Database, pageSize: number): AsyncIterable<StoredAuditEntry> {
  let after = { txid: '-9223372036854775808', seq: '0' };
  for (;;) {
    const rows = await db.raw.query<RawEntry>(
      `SELECT e.seq::text AS seq, e.txid::text AS txid, e."prevHash", e.hash, e."eventId"::text AS "eventId", e.type, e."correlationId", e."causationId",
              e."sourceSystem"::text AS "sourceSystem", e."actorId", e."reasonCode", e."entityType", e."entityId"::text AS "entityId", e.attribute,
              e."oldValue", e."newValue", to_char(e."occurredAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "occurredAt"
         FROM "AuditEvent" e WHERE (e.txid, e.seq) > ($1::bigint, $2::bigint) ORDER BY e.txid, e.seq LIMIT $3`,
      [after.txid, after.seq, pageSize],
    );
    for (const r of rows) {
      yield {
        seq: BigInt(r.seq), txid: BigInt(r.txid), prevHash: r.prevHash, hash: r.hash, eventId: r.eventId, type: r.type, correlationId: r.correlationId,
        causationId: r.causationId, sourceSystem: r.sourceSystem, actorId: r.actorId, reasonCode: r.reasonCode, entityType: r.entityType,
        entityId: r.entityId, attribute: r.attribute, oldValue: r.oldValue ?? null, newValue: r.newValue ?? null, occurredAt: r.occurredAt,
      };
    }
    if (rows.length < pageSize) return;
    after = { txid: rows[rows.length - 1].txid, seq: rows[rows.length - 1].seq };
  }
}
