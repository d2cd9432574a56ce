// Reading the audit log (per entity or per correlation id, oldest first, cursor on the chain sequence) and verifying its
// hash chain.
import { DomainError, ErrorCode } from '../../core/errors/domain-error';
import { findBrokenLink, GENESIS_HASH, type ChainLink } from '../../core/audit/hash-audit-event';
import type { Database } from '../../platform/database';
import { isUuid } from '../../platform/ids';
import type { RequestContext } from '../shared/context';
import { openAuditRows } from '../shared/person-keys';

function encode(seq: bigint): string {
  return Buffer.from(`seq:${seq}`).toString('base64url');
}
function decode(cursor: string): bigint {
  const s = Buffer.from(cursor, 'base64url').toString();
  if (!/^seq:\d+$/.test(s)) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Invalid cursor', { field: 'after' });
  return BigInt(s.slice(4));
}

/** One entity's log, or one flow's across entities (the candidate-to-employee timeline: correlationId = person id). */
export interface AuditFilter { entityId?: string | null; correlationId?: string | null }

export async function listAuditEvents(ctx: RequestContext, filter: AuditFilter, first: number | undefined | null, after: string | undefined | null) {
  const { entityId, correlationId } = filter;
  if (!entityId && !correlationId) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Give entityId or correlationId', { field: 'entityId' });
  if (entityId && !isUuid(entityId)) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'entityId must be a UUID', { field: 'entityId' });
  if (correlationId && correlationId.length > 255) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'correlationId must be at most 255 characters', { field: 'correlationId' });
  const n = first ?? 50;
  if (n < 0 || n > ctx.config.maxPageSize) throw new DomainError(ErrorCode.BAD_USER_INPUT, `first must be between 0 and ${ctx.config.maxPageSize}`, { field: 'first' });
  const afterSeq = after ? decode(after) : null;
  const rows = await ctx.db.prisma.auditEvent.findMany({
    where: { ...(entityId ? { entityId } : {}), ...(correlationId ? { correlationId } : {}), ...(afterSeq !== null ? { seq: { gt: afterSeq } } : {}) },
    orderBy: { seq: 'asc' },
    take: n + 1,
  });
  // Sealed personal values are opened with the person's key; an erased person's stay null.
  const opened = await openAuditRows(ctx, rows.slice(0, n));
  const edges = opened.map((node) => ({ node, cursor: encode(node.seq) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > n, hasPreviousPage: afterSeq !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

type AuditRow = Awaited<ReturnType<Database['prisma']['auditEvent']['findMany']>>[number];

export interface ChainVerification { ok: boolean; checked: number; brokenAt: { seq: string; eventId: string; reason: string } | null }

/** Walks the whole chain in sequence order, page by page; names the first broken link. */
export async function verifyAuditChain(db: Database, pageSize = 5000): Promise<ChainVerification> {
  let prev = GENESIS_HASH;
  let lastSeq: bigint | null = null;
  let checked = 0;
  for (;;) {
    const where = lastSeq !== null ? { seq: { gt: lastSeq } } : {};
    const rows: AuditRow[] = await db.prisma.auditEvent.findMany({ where, orderBy: { seq: 'asc' }, take: pageSize });
    if (rows.length === 0) return { ok: true, checked, brokenAt: null };
    const links: ChainLink[] = rows.map((r) => ({
      seq: r.seq, prevHash: r.prevHash, hash: r.hash, eventId: r.eventId, type: r.type, correlationId: r.correlationId, causationId: r.causationId,
      sourceSystem: r.sourceSystem, actorId: r.actorId, reasonCode: r.reasonCode, entityType: r.entityType, entityId: r.entityId,
      attribute: r.attribute, oldValue: r.oldValue, newValue: r.newValue, occurredAt: r.occurredAt.toISOString(),
    }));
    const broken = findBrokenLink(links, prev);
    if (broken) {
      const row = rows.find((r) => String(r.seq) === broken.seq)!;
      return { ok: false, checked: checked + rows.indexOf(row), brokenAt: { seq: broken.seq, eventId: row.eventId, reason: broken.reason } };
    }
    checked += rows.length;
    prev = rows[rows.length - 1].hash;
    lastSeq = rows[rows.length - 1].seq;
  }
}
