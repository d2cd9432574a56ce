// Runs a mutation as one transaction with its idempotency key (IETF Idempotency-Key semantics):
// the key is claimed through a unique constraint in the same transaction as the effect, so an effect
// and its stored response commit together or not at all.
import { createHash } from 'node:crypto';
import type { Prisma } from '../../generated/prisma/client';
import { canonicalJson } from '../../core/audit/hash-audit-event';
import { DomainError, ErrorCode } from '../../core/errors/domain-error';
import type { Database, Tx } from '../../platform/database';
import type { RequestContext } from './context';
import { inTransaction } from './transaction';

export const IDEMPOTENCY_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface MutationOptions {
  /** Operation name; keys are scoped per caller and operation. */
  operation: string;
  idempotencyKey?: string | null;
  /** The request the key stands for: the same key with a different request is refused. */
  request: unknown;
}

function requestHash(operation: string, request: unknown): string {
  return createHash('sha256').update(operation).update('\n').update(canonicalJson(request)).digest('hex');
}

/** The response as stored and replayed: plain JSON, so a replay is byte-for-byte the first answer. */
function toJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export async function runMutation<T>(ctx: RequestContext, opts: MutationOptions, work: (tx: Tx) => Promise<T>): Promise<T> {
  const key = opts.idempotencyKey ?? null;
  if (key !== null && (key.length < 1 || key.length > 255)) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'idempotencyKey must be 1 to 255 characters', { field: 'idempotencyKey' });
  }
  if (key === null) return inTransaction(ctx.db, work);
  const scope = `${ctx.actor.id}:${opts.operation}`;
  const hash = requestHash(opts.operation, opts.request);
  return inTransaction(ctx.db, async (tx) => {
    const now = new Date();
    // A retry that arrives while the first attempt is still running finds the key's row locked by the
    // other transaction; instead of waiting for it, answer IDEMPOTENCY_IN_PROGRESS at once.
    if (ctx.db.kind === 'postgres') await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = '200ms'`);
    let claimed: number;
    try {
      claimed = await tx.$executeRaw`
        INSERT INTO "IdempotencyKey" ("scope", "key", "requestHash", "status", "createdAt", "expiresAt")
        VALUES (${scope}, ${key}, ${hash}, 'IN_PROGRESS', ${now}, ${new Date(now.getTime() + IDEMPOTENCY_RETENTION_MS)})
        ON CONFLICT ("scope", "key") DO UPDATE SET "requestHash" = EXCLUDED."requestHash", "status" = 'IN_PROGRESS',
          "response" = NULL, "createdAt" = EXCLUDED."createdAt", "expiresAt" = EXCLUDED."expiresAt"
        WHERE "IdempotencyKey"."expiresAt" < ${now}`;
    } catch (err) {
      if (isLockTimeout(err)) throw new DomainError(ErrorCode.IDEMPOTENCY_IN_PROGRESS, 'A request with this idempotency key is still being processed; retry later', { idempotencyKey: key });
      throw err;
    }
    if (ctx.db.kind === 'postgres') await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = 0`);
    if (claimed === 0) {
      const existing = await tx.idempotencyKey.findUniqueOrThrow({ where: { scope_key: { scope, key } } });
      if (existing.requestHash !== hash) {
        throw new DomainError(ErrorCode.IDEMPOTENCY_KEY_REUSED, 'This idempotency key was already used for a different request', { idempotencyKey: key });
      }
      if (existing.status !== 'COMPLETED') {
        throw new DomainError(ErrorCode.IDEMPOTENCY_IN_PROGRESS, 'A request with this idempotency key is still being processed; retry later', { idempotencyKey: key });
      }
      return existing.response as T;
    }
    const result = toJson(await work(tx));
    await tx.idempotencyKey.update({
      where: { scope_key: { scope, key } },
      data: { status: 'COMPLETED', response: result as unknown as Prisma.InputJsonValue },
    });
    return result;
  });
}

function isLockTimeout(err: unknown): boolean {
  const text = `${(err as { code?: string })?.code ?? ''} ${(err as Error)?.message ?? ''}`;
  return text.includes('55P03') || /lock timeout/i.test(text);
}

export const IDEMPOTENCY_PURGE_BATCH_SIZE = 1000;

/**
 * Deletes keys past their retention in batches of `batchSize`, each its own short statement, so a large
 * backlog never holds many row locks at once. A key a running mutation is re-claiming right now is
 * skipped (SKIP LOCKED) and re-checked after the lock (`expiresAt` again), so a claim is never lost.
 * Run by `peoplegraph purge-idempotency-keys` and hourly by the `start` and `subgraph` processes.
 */
export async function purgeExpiredIdempotencyKeys(db: Pick<Database, 'raw'>, options: { now?: Date; batchSize?: number } = {}): Promise<number> {
  const now = (options.now ?? new Date()).toISOString();
  const batchSize = options.batchSize ?? IDEMPOTENCY_PURGE_BATCH_SIZE;
  let total = 0;
  for (;;) {
    // expiresAt is a UTC timestamp without time zone (Prisma's DateTime): compare in UTC.
    const [row] = await db.raw.query<{ n: number }>(
      `WITH expired AS (
         SELECT "scope", "key" FROM "IdempotencyKey"
         WHERE "expiresAt" < ($1::timestamptz AT TIME ZONE 'UTC') ORDER BY "expiresAt" LIMIT $2 FOR UPDATE SKIP LOCKED
       ), deleted AS (
         DELETE FROM "IdempotencyKey" k USING expired e
         WHERE k."scope" = e."scope" AND k."key" = e."key" AND k."expiresAt" < ($1::timestamptz AT TIME ZONE 'UTC')
         RETURNING 1
       )
       SELECT COUNT(*)::int AS n FROM deleted`,
      [now, batchSize],
    );
    const n = Number(row?.n ?? 0);
    total += n;
    if (n < batchSize) return total;
  }
}
