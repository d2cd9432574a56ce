// Reading the audit log (per entity or per correlation id, oldest first, cursor on the entry sequence) and verifying it:
// entries, seal blocks and published checkpoints (the construction is explained in shared/change-log.ts).
import { DomainError, ErrorCode } from '../../../core/errors/domain-error';
import { verifyAuditLog, type AuditBreak, type AuditLogVerification } from '../../../core/audit/verify-audit-log';
import type { Database } from '../../../platform/database';
import { isUuid } from '../../../platform/ids';
import type { RequestContext } from '../../shared/context';
import { readPublishedCheckpoints, sealAuditLog, type CheckpointTarget } from '../../shared/change-log-sealer';
import { openAuditRows } from '../../shared/person-keys';
import { auditEntries, findAuditPage, sealBlocks } from '../store/audit-log';

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
  const rows = await findAuditPage(ctx.db, { entityId, correlationId }, afterSeq, n + 1);
  // Sealed personal values are opened with the person's key; an erased person's stay null.
  const opened = await openAuditRows(ctx, rows.slice(0, n));
  const edges = opened.map((node) => ({ node, cursor: encode(node.seq) }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > n, hasPreviousPage: afterSeq !== null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

export interface VerifyOptions {
  /** Published checkpoints to check the chain against (the CLI passes the configured file and key). */
  checkpoints?: CheckpointTarget | null;
  /** Seal what has committed before verifying (default true), so recent entries are covered too. */
  seal?: boolean;
  pageSize?: number;
}

export interface ChainVerification extends Omit<AuditLogVerification, 'brokenAt'> {
  brokenAt: AuditBreak | null;
}

/**
 * Verifies the audit log: every entry against its hash, every seal block against its entries and the
 * block before it, and the chain against the published keyed checkpoints; names the first break.
 */
export async function verifyAuditChain(db: Database, options: VerifyOptions = {}): Promise<ChainVerification> {
  if (options.seal ?? true) await sealAuditLog(db, { wait: true });
  const pageSize = options.pageSize ?? 5000;
  const target = options.checkpoints ?? null;
  const published = target?.file ? await readPublishedCheckpoints(target.file) : null;
  return verifyAuditLog({
    blocks: sealBlocks(db, 1000),
    entries: auditEntries(db, pageSize),
    checkpoints: target ? { list: published?.checkpoints ?? [], malformedLines: published?.malformed ?? [], key: target.key } : null,
  });
}
