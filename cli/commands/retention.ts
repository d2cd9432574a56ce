// `peoplegraph retention --dry-run|--apply [--json]`: lists the people whose personal data the retention
// policies (core/privacy/retention-policies.ts) say is due for erasure, and with --apply erases them.
// `start` also runs it every RETENTION_SCHEDULE_HOURS hours when that is set.
import type { Config } from '../../platform/config';
import type { Database } from '../../platform/database';
import { newId } from '../../platform/ids';
import type { Logger } from '../../platform/logger';
import { openDatabase } from '../../platform/database';
import { runRetention } from '../../subgraphs/person/use-cases/retention';

export const RETENTION_USAGE = 'Usage: peoplegraph retention --dry-run | --apply [--json]\n';

export async function retentionCommand(config: Config, options: { dryRun: boolean; apply: boolean; json: boolean }, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  if (options.dryRun === options.apply) {
    err.write(RETENTION_USAGE);
    return 2;
  }
  const db = await openDatabase(config.database);
  try {
    const run = await runRetention(db, config, { apply: options.apply, actorId: 'cli:retention', correlationId: newId() });
    if (options.json) {
      out.write(`${JSON.stringify(run, null, 2)}\n`);
      return 0;
    }
    for (const d of run.due) out.write(`${d.personId}  ${d.policy}  last activity ${d.lastActivityAt.toISOString()}\n`);
    out.write(options.apply
      ? `Erased ${run.erased.length} of ${run.due.length} person(s) due under the retention policies.\n`
      : `${run.due.length} person(s) due for erasure under the retention policies (dry run: nothing changed; --apply erases them).\n`);
    return 0;
  } finally {
    await db.close();
  }
}

/** Runs the retention policies every `hours` hours in this process; returns a stop function. */
export function scheduleRetention(db: Database, config: Config, logger: Logger, hours: number): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const run = await runRetention(db, config, { apply: true, actorId: 'schedule:retention', correlationId: newId() });
      logger.info({ due: run.due.length, erased: run.erased.length }, 'retention policies applied');
    } catch (error) {
      logger.error({ err: error }, 'retention run failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), hours * 60 * 60 * 1000);
  timer.unref();
  return () => clearInterval(timer);
}
