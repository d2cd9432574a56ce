// `peoplegraph purge-idempotency-keys [--batch-size N]`: deletes idempotency keys past their 24-hour
// retention, and the periodic purge that long-running processes (start, subgraph, relay) schedule.
import type { Config } from '../../platform/config';
import { openDatabase, type Database } from '../../platform/database';
import type { Logger } from '../../platform/logger';
import { IDEMPOTENCY_PURGE_BATCH_SIZE, purgeExpiredIdempotencyKeys } from '../../subgraphs/shared/mutation';

/** Hourly: a key lives 24 hours, so at most 1/24 of a day's keys wait past their expiry. */
export const IDEMPOTENCY_PURGE_INTERVAL_MS = 60 * 60 * 1000;

export function parseBatchSize(value: string | undefined): number | null {
  if (value === undefined) return IDEMPOTENCY_PURGE_BATCH_SIZE;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : null;
}

export async function purgeIdempotencyKeysCommand(
  config: Config,
  options: { batchSize?: string },
  out: NodeJS.WritableStream = process.stdout,
  err: NodeJS.WritableStream = process.stderr,
): Promise<number> {
  const batchSize = parseBatchSize(options.batchSize);
  if (batchSize === null) {
    err.write('--batch-size must be a whole number from 1 to 100000\n');
    return 2;
  }
  const db = await openDatabase(config.database);
  try {
    const purged = await purgeExpiredIdempotencyKeys(db, { batchSize });
    out.write(`Purged ${purged} expired idempotency key(s).\n`);
    return 0;
  } finally {
    await db.close();
  }
}

export interface ScheduledPurge {
  /** Stops the schedule and waits for a purge in progress, so the database can be closed after it. */
  stop(): Promise<void>;
}

/** Purges once right away, then every `intervalMs`; a failed run is logged and retried at the next tick. */
export function scheduleIdempotencyKeyPurge(db: Database, logger: Logger, intervalMs = IDEMPOTENCY_PURGE_INTERVAL_MS): ScheduledPurge {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = purgeExpiredIdempotencyKeys(db)
      .then((purged) => {
        if (purged > 0) logger.info({ purged }, 'expired idempotency keys purged');
      })
      .catch((error: unknown) => logger.warn({ err: error }, 'idempotency key purge failed; retried at the next interval'))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
