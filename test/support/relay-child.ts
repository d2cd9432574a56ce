// The outbox relay as a separate process, for the fault test that SIGKILLs it mid-batch. Configured
// from the environment exactly like `peoplegraph relay`.
import 'reflect-metadata';
import { loadConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { openDatabase } from '../../platform/database';
import { startRelay } from '../../events/start-relay';

async function main() {
  const config = loadConfig();
  const db = await openDatabase(config.database);
  await startRelay(config, db, createLogger(config.logLevel));
  process.stdout.write('relay started\n');
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
