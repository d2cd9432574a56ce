// Every mutation runs as one interactive transaction; serialization failures and deadlocks are retried.
import type { Database, Tx } from '../../platform/database';

const RETRYABLE = new Set(['P2034', '40001', '40P01']);

function isRetryable(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string }; meta?: { code?: string } };
  return RETRYABLE.has(e?.code ?? '') || RETRYABLE.has(e?.meta?.code ?? '') || RETRYABLE.has(e?.cause?.code ?? '');
}

export async function inTransaction<T>(db: Database, fn: (tx: Tx) => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.prisma.$transaction((tx) => fn(tx), { isolationLevel: 'ReadCommitted', maxWait: 10_000, timeout: 30_000 });
    } catch (err) {
      if (attempt >= attempts || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 10 * 2 ** attempt + Math.random() * 20));
    }
  }
}
