// `peoplegraph cdc --source postgresql://… --table [schema.]table --mapping mapping.json [--slot name]`:
// streams a legacy table's changes into the golden records until stopped (SIGINT/SIGTERM), resuming
// from its checkpoint when started again. A failure of the stream ends the process with exit code 1.
import type { Config } from '../../platform/config';
import { openDatabase } from '../../platform/database';
import type { Logger } from '../../platform/logger';
import { applyMigrations } from '../../platform/migrate';
import { readCdcMapping } from './cdc-mapping';
import { CdcStream } from './cdc-stream';

export interface CdcArgs { source?: string; table?: string; mapping?: string; slot?: string }

export async function startCdcCommand(config: Config, logger: Logger, args: CdcArgs): Promise<number | { stop(): Promise<void> }> {
  if (!args.source || !/^postgres(ql)?:\/\//.test(args.source) || !args.table || !args.mapping) {
    process.stderr.write('peoplegraph cdc: --source postgresql://…, --table and --mapping are required (peoplegraph cdc --help)\n');
    return 2;
  }
  const log = logger.child({ component: 'cdc' });
  const mapping = readCdcMapping(args.mapping);
  const db = await openDatabase(config.database);
  let stream: CdcStream;
  try {
    await applyMigrations(db.raw);
    stream = new CdcStream({ source: args.source, table: args.table, mapping, slot: args.slot, db, config, logger: log });
  } catch (err) {
    await db.close();
    throw err;
  }
  process.stdout.write(`cdc: ${args.table} → ${mapping.system} source records (slot ${stream.slot}); Ctrl-C stops, a restart resumes\n`);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await db.close();
  };
  const running = stream.run().then(
    () => close(),
    async (err: unknown) => {
      log.error({ err }, 'cdc: stream failed; the next start resumes from the checkpoint');
      process.exitCode = 1;
      await stream.stop();
      await close();
    },
  );
  return {
    stop: async () => {
      await stream.stop();
      await running;
    },
  };
}
