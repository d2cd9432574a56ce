// The `peoplegraph` command: one table of commands, each with its usage, its options and what it runs.
// Modules that cost seconds to load (Apollo, Prisma, PGlite, the subgraphs) are required by the command
// that needs them, so `peoplegraph token` and `--help` answer at once.
import 'reflect-metadata';
import os from 'node:os';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, SUBGRAPH_NAMES, type Config, type SubgraphName } from '../platform/config';
import type { Logger } from '../platform/logger';
import { TOKEN_OPTIONS, TOKEN_USAGE } from './commands/token';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values = Record<string, string | boolean | string[] | undefined>;
type Stoppable = { stop(): Promise<void> };

interface Invocation {
  config: Config;
  logger: Logger;
  values: Values;
  positionals: string[];
  /** The arguments after the command name, for commands that parse their own. */
  argv: string[];
}

interface Command {
  /** What follows `peoplegraph` in the usage line. */
  synopsis: string;
  summary: string;
  /** Full usage of `peoplegraph <command> --help`, when the synopsis and summary are not enough. */
  usage?: string;
  options?: Options;
  positionals?: number;
  /** Runs until stopped (servers, relay, consumers): signals are handled from before it starts. */
  serves?: boolean;
  /** An exit code, or a running process that stops on SIGINT/SIGTERM. */
  run(inv: Invocation): Promise<number | Stoppable>;
}

const EXAMPLE_QUERY = `{ people(first: 3) { edges { node { id legalName employments { title organization { name } manager { legalName } } offers { status job { title } } } } } }`;

const str = (v: Values[string]) => (typeof v === 'string' ? v : undefined);

async function withDatabase<T>(config: Config, fn: (db: import('../platform/database').Database) => Promise<T>): Promise<T> {
  const { openDatabase } = await import('../platform/database');
  const db = await openDatabase(config.database);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const COMMANDS: Record<string, Command> = {
  start: {
    synopsis: 'start',
    serves: true,
    summary: 'gateway + five subgraphs in one process (embedded PGlite unless DATABASE_URL is set)',
    run: async ({ config, logger }) => {
      const { startEmbeddedStack } = await import('./stack');
      const { scheduleRetention } = await import('./commands/retention');
      const { scheduleIdempotencyKeyPurge } = await import('./commands/purge-idempotency-keys');
      const stack = await startEmbeddedStack(config, logger);
      const stopRetention = config.retentionScheduleHours ? scheduleRetention(stack.db, config, logger, config.retentionScheduleHours) : () => {};
      const purge = scheduleIdempotencyKeyPurge(stack.db, logger);
      const where = config.database.kind === 'pglite' ? `embedded PGlite in ${config.database.dataDir}` : 'PostgreSQL';
      process.stdout.write(
        `\nPeopleGraph is running on ${where}.\n  GraphQL:  ${stack.gatewayUrl}\n  Console:  ${stack.gatewayUrl.replace(/\/graphql$/, '/console/')}\n  Try:      curl -s ${stack.gatewayUrl} -H 'content-type: application/json' -H "Authorization: Bearer $(npx peoplegraph token --role reader)" -d '${JSON.stringify({ query: EXAMPLE_QUERY })}'\n  Stop:     Ctrl-C\n\n`,
      );
      return { stop: async () => { stopRetention(); await purge.stop(); await stack.stop(); } };
    },
  },
  gateway: {
    synopsis: 'gateway',
    serves: true,
    summary: 'the gateway alone, routing to the subgraph URLs from configuration',
    run: async ({ config, logger }) => {
      const { startGateway } = await import('../gateway/server');
      const gw = await startGateway({ config, logger });
      logger.info({ url: gw.url, subgraphs: config.subgraphUrls }, 'gateway listening');
      return gw;
    },
  },
  subgraph: {
    synopsis: 'subgraph <name>',
    serves: true,
    summary: `one subgraph alone (${SUBGRAPH_NAMES.join(', ')})`,
    positionals: 1,
    run: async ({ config, logger, positionals }) => {
      const name = positionals[0] as SubgraphName;
      if (!SUBGRAPH_NAMES.includes(name)) {
        process.stderr.write(`Unknown subgraph "${positionals[0] ?? ''}". Choose one of: ${SUBGRAPH_NAMES.join(', ')}\n`);
        return 2;
      }
      const { startSingleSubgraph } = await import('./stack');
      const { scheduleIdempotencyKeyPurge } = await import('./commands/purge-idempotency-keys');
      const s = await startSingleSubgraph(name, config, logger);
      const purge = scheduleIdempotencyKeyPurge(s.db, logger);
      logger.info({ url: s.url, subgraph: name }, 'subgraph listening');
      return { stop: async () => { await purge.stop(); await s.stop(); } };
    },
  },
  migrate: {
    synopsis: 'migrate',
    summary: 'apply pending database migrations',
    run: ({ config }) => withDatabase(config, async (db) => {
      const { applyMigrations } = await import('../platform/migrate');
      const r = await applyMigrations(db.raw);
      process.stdout.write(`Applied ${r.applied.length} migration(s)${r.applied.length ? `: ${r.applied.join(', ')}` : ''}; ${r.alreadyApplied.length} already applied.\n`);
      return 0;
    }),
  },
  compose: {
    synopsis: 'compose [--check]',
    summary: 'write gateway/supergraph.graphql (--check: fail if it is stale)',
    options: { check: { type: 'boolean' } },
    run: async ({ values }) => {
      const fs = await import('node:fs');
      const { composeSupergraph, writeSupergraph } = await import('../gateway/compose');
      const { supergraphFile } = await import('../platform/paths');
      if (values.check) {
        const fresh = await composeSupergraph();
        const committed = fs.existsSync(supergraphFile()) ? fs.readFileSync(supergraphFile(), 'utf8') : '';
        if (fresh !== committed) {
          process.stderr.write('gateway/supergraph.graphql is stale: run `npm run compose` and commit the result.\n');
          return 1;
        }
        process.stdout.write('gateway/supergraph.graphql is up to date.\n');
        return 0;
      }
      process.stdout.write(`Wrote ${await writeSupergraph()}\n`);
      return 0;
    },
  },
  seed: {
    synopsis: 'seed',
    summary: 'load the demo data set into an empty database',
    run: ({ config, logger }) => withDatabase(config, async (db) => {
      const { applyMigrations } = await import('../platform/migrate');
      const { seedDemoDataIfEmpty } = await import('./seed/seed-demo-data');
      await applyMigrations(db.raw);
      const r = await seedDemoDataIfEmpty({ db, config, logger });
      process.stdout.write(r ? `Loaded demo data: ${JSON.stringify(r)}\n` : 'Database is not empty; demo data not loaded.\n');
      return 0;
    }),
  },
  'audit:verify': {
    synopsis: 'audit:verify',
    summary: 'check every audit entry, seal block and published keyed checkpoint; name the first break',
    run: ({ config }) => withDatabase(config, async (db) => (await import('./commands/audit')).auditVerifyCommand(config, db)),
  },
  'audit:checkpoint': {
    synopsis: 'audit:checkpoint',
    summary: 'seal the audit log and publish a keyed checkpoint of its head to AUDIT_CHECKPOINT_FILE now',
    run: ({ config }) => withDatabase(config, async (db) => (await import('./commands/audit')).auditCheckpointCommand(config, db)),
  },
  relay: {
    synopsis: 'relay [--once]',
    serves: true,
    summary: 'publish the outbox to NATS JetStream (NATS_URL) until stopped; --once: drain and exit',
    options: { once: { type: 'boolean' } },
    run: async ({ config, logger, values }) => {
      const { runRelayCommand } = await import('./events-commands');
      return (await runRelayCommand(config, logger, Boolean(values.once))) ?? 0;
    },
  },
  'dead-letters': {
    synopsis: 'dead-letters list|replay [--consumer NAME] [--seq N,… | --all] [--json]',
    summary: 'events consumers gave up on; replay republishes them',
    options: { consumer: { type: 'string' }, seq: { type: 'string' }, all: { type: 'boolean' }, json: { type: 'boolean' } },
    positionals: 1,
    run: async ({ config, logger, values, positionals }) => {
      const { runDeadLettersCommand } = await import('./events-commands');
      return runDeadLettersCommand(config, logger, positionals[0], {
        consumer: str(values.consumer), seq: str(values.seq), all: Boolean(values.all), json: Boolean(values.json),
      });
    },
  },
  'example-hris-consumer': {
    synopsis: 'example-hris-consumer',
    serves: true,
    summary: 'an example HRIS consumer (NATS_URL): on CandidateToEmployee it creates the employment and links the HRIS employee id (docs/events.md)',
    run: async ({ config, logger }) => {
      const { runExampleHrisConsumerCommand } = await import('./events-commands');
      return runExampleHrisConsumerCommand(config, logger);
    },
  },
  reconcile: {
    synopsis: 'reconcile --system CRM|ATS|HRIS --file export.csv [--apply] [--format table|json] [--mapping mapping.json]',
    summary: "compare a system's export with the golden records and report drift; --apply sends the fixes through the ingest pipeline",
    options: { system: { type: 'string' }, file: { type: 'string' }, apply: { type: 'boolean' }, format: { type: 'string' }, mapping: { type: 'string' } },
    run: async ({ config, logger, values }) => {
      const { runReconcileCommand } = await import('./reconcile/reconcile-command');
      return runReconcileCommand(config, logger, {
        system: str(values.system), file: str(values.file), apply: Boolean(values.apply), format: str(values.format), mapping: str(values.mapping),
      });
    },
  },
  import: {
    synopsis: 'import --file people.csv [--system CRM|ATS|HRIS] [--mapping mapping.json] [--batch-size N] [--rejects path]',
    summary: 'load person records from a CSV (canonical header, or mapped), resolved as the API would',
    options: { file: { type: 'string' }, system: { type: 'string' }, mapping: { type: 'string' }, 'batch-size': { type: 'string' }, rejects: { type: 'string' } },
    run: async ({ config, logger, values }) => {
      const { runImportCommand, runWithHeapBudget } = await import('./import/commands');
      const bounded = values.file ? await runWithHeapBudget(config.importHeapMb) : null;
      if (bounded !== null) return bounded;
      return runImportCommand(config, logger, {
        file: str(values.file), system: str(values.system), mapping: str(values.mapping), batchSize: str(values['batch-size']), rejects: str(values.rejects),
      });
    },
  },
  export: {
    synopsis: 'export links|reviews [--format csv|json] [--out file]',
    summary: 'source record → person links with how each was linked, or the open review tasks',
    options: { format: { type: 'string' }, out: { type: 'string' } },
    positionals: 1,
    run: async ({ config, values, positionals }) => {
      const { runExportCommand } = await import('./import/commands');
      return runExportCommand(config, positionals[0], { format: str(values.format), out: str(values.out) });
    },
  },
  'match-model': {
    synopsis: 'match-model train|show|diff|activate [VERSION…] [--file people.csv] [--activate] [--note text]',
    summary: "fit the match model's m, u and prior to the deployment's records (EM), store it as a version, inspect, compare or activate one",
    options: { file: { type: 'string' }, mapping: { type: 'string' }, system: { type: 'string' }, activate: { type: 'boolean' }, note: { type: 'string' } },
    positionals: 3,
    run: async ({ config, values, positionals }) => withDatabase(config, async (db) => (await import('./commands/match-model')).runMatchModelCommand(config, db, positionals[0], positionals.slice(1), {
      file: str(values.file), mapping: str(values.mapping), system: str(values.system), activate: Boolean(values.activate), note: str(values.note),
    })),
  },
  retention: {
    synopsis: 'retention --dry-run|--apply [--json]',
    summary: 'erase the people the retention policies say are due (core/privacy/retention-policies.ts)',
    options: { 'dry-run': { type: 'boolean' }, apply: { type: 'boolean' }, json: { type: 'boolean' } },
    run: async ({ config, values }) => {
      const { retentionCommand } = await import('./commands/retention');
      return retentionCommand(config, { dryRun: Boolean(values['dry-run']), apply: Boolean(values.apply), json: Boolean(values.json) });
    },
  },
  'rotate-legal-id-key': {
    synopsis: 'rotate-legal-id-key',
    summary: 're-encrypt legal identifiers still sealed with an older key of LEGAL_ID_ENCRYPTION_KEYS (after LEGAL_ID_ENCRYPTION_KEY_ID names the new key)',
    run: async ({ config }) => {
      const { rotateLegalIdKeyCommand } = await import('./commands/rotate-legal-id-key');
      return rotateLegalIdKeyCommand(config);
    },
  },
  'refresh-features': {
    synopsis: 'refresh-features [--batch-size N]',
    summary: "re-derive every stored source record's matching features and blocking keys from its attributes, as the ingest pipeline derives them today (after an upgrade changed them); safe to re-run",
    options: { 'batch-size': { type: 'string' } },
    run: async ({ config, values }) => withDatabase(config, async (db) => {
      const { refreshStoredFeatures } = await import('../subgraphs/person/store/refresh-features');
      const size = str(values['batch-size']);
      const batchSize = size === undefined ? undefined : Number(size);
      if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
        process.stderr.write('--batch-size must be a positive integer\n');
        return 2;
      }
      const started = Date.now();
      const summary = await refreshStoredFeatures(db, config, {
        batchSize,
        onBatch: (p) => process.stderr.write(`${p.scanned} records read, ${p.updated} updated\n`),
      });
      process.stdout.write(`Refreshed features of ${summary.scanned} source records in ${((Date.now() - started) / 1000).toFixed(1)} s: ${summary.updated} changed, ${summary.scanned - summary.updated} already current.\n`);
      return 0;
    }),
  },
  'purge-idempotency-keys': {
    synopsis: 'purge-idempotency-keys [--batch-size N]',
    summary: 'delete idempotency keys past their 24-hour retention, N at a time (start and subgraph do it hourly)',
    options: { 'batch-size': { type: 'string' } },
    run: async ({ config, values }) => {
      const { purgeIdempotencyKeysCommand } = await import('./commands/purge-idempotency-keys');
      return purgeIdempotencyKeysCommand(config, { batchSize: str(values['batch-size']) });
    },
  },
  cdc: {
    synopsis: 'cdc --source postgresql://… --table [schema.]table --mapping mapping.json [--slot name]',
    serves: true,
    summary: "stream a legacy PostgreSQL table's changes (logical replication) into the golden records as source records of the mapped system; a restart resumes from the checkpoint",
    options: { source: { type: 'string' }, table: { type: 'string' }, mapping: { type: 'string' }, slot: { type: 'string' } },
    run: async ({ config, logger, values }) => {
      const { startCdcCommand } = await import('./cdc/cdc-command');
      return startCdcCommand(config, logger, { source: str(values.source), table: str(values.table), mapping: str(values.mapping), slot: str(values.slot) });
    },
  },
  token: {
    synopsis: 'token --role <role> [--sub ID] [--ttl 8h] [--system CRM|ATS|HRIS] [--purpose P]',
    summary: 'print a bearer token signed with the configured (development) secret',
    usage: TOKEN_USAGE,
    options: TOKEN_OPTIONS,
    run: async ({ config, argv }) => {
      const { tokenCommand } = await import('./commands/token');
      return tokenCommand(config, argv);
    },
  },
};

function usage(): string {
  const lines = Object.values(COMMANDS).map((c) => {
    const head = `  ${c.synopsis}`;
    return head.length < 24 ? `${head.padEnd(24)}${c.summary}` : `${head}\n${' '.repeat(24)}${c.summary}`;
  });
  return `Usage: peoplegraph <command> [options]\n       peoplegraph <command> --help\n\nCommands:\n${lines.join('\n')}\n`;
}

function commandUsage(c: Command): string {
  return c.usage ?? `Usage: peoplegraph ${c.synopsis}\n\n${c.summary}\n`;
}

/** A mistake in the command line (not a failure of the command): exit code 2 and the usage. */
class UsageError extends Error {}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * SIGINT, SIGTERM and SIGHUP stop the running servers and close the database, then the process exits 0.
 * Installed before a serving command starts, so a signal that arrives while it starts, or right after it
 * says it is ready, is not lost to node's default (die with the database open): it stops once it is up.
 */
function stopOnSignals(logger: Logger) {
  let target: Stoppable | null = null;
  let received: NodeJS.Signals | null = null;
  let stopping = false;
  const stop = () => {
    if (stopping || !target) return;
    stopping = true;
    const deadline = setTimeout(() => {
      logger.error('shutdown did not finish within 30 s; exiting');
      process.exit(1);
    }, 30_000);
    deadline.unref();
    target.stop().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  const handler = (signal: NodeJS.Signals) => {
    if (received) {
      // A second Ctrl-C must not kill the process while the embedded database is being closed.
      logger.warn({ signal }, 'already shutting down; waiting for the database to close');
      return;
    }
    received = signal;
    logger.info({ signal }, target ? 'shutting down' : 'shutting down as soon as started');
    stop();
  };
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  return {
    /** The command is up: stop it on a signal (at once if one came while it started). */
    attach(t: Stoppable) {
      target = t;
      if (received) stop();
    },
    /** The command ended on its own; if a signal interrupted it, the exit code says so (128 + signal). */
    release() {
      for (const signal of STOP_SIGNALS) process.off(signal, handler);
      if (received) process.exitCode = 128 + os.constants.signals[received];
    },
  };
}

function isBrokenPipe(err: unknown): boolean {
  return (err as NodeJS.ErrnoException | null)?.code === 'EPIPE';
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined) {
    process.stderr.write(usage());
    return 2;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? args[0] : undefined;
    if (topic && COMMANDS[topic]) process.stdout.write(commandUsage(COMMANDS[topic]));
    else process.stdout.write(usage());
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    process.stderr.write(`Unknown command "${name}". Run \`peoplegraph --help\` for the list of commands.\n`);
    return 2;
  }
  let values: Values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args,
      strict: true,
      allowPositionals: true,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
    }) as { values: Values; positionals: string[] });
    if (positionals.length > (command.positionals ?? 0)) throw new UsageError(`Unexpected argument "${positionals[command.positionals ?? 0]}".`);
  } catch (err) {
    if (!(err instanceof UsageError) && !String((err as NodeJS.ErrnoException).code ?? '').startsWith('ERR_PARSE_ARGS_')) throw err;
    // Node's hint about `--` for values that start with a dash is noise for these options.
    const message = (err as Error).message.replace(/ To specify a positional argument starting with a '-'.*$/s, '');
    process.stderr.write(`peoplegraph ${name}: ${message}\n\n${commandUsage(command)}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(commandUsage(command));
    return 0;
  }
  const config = loadConfig();
  // Created on first use: pino is not loaded for commands that never log (token).
  let logger: Logger | undefined;
  const getLogger = () => (logger ??= (require('../platform/logger') as typeof import('../platform/logger')).createLogger(config.logLevel));
  const signals = command.serves ? stopOnSignals(getLogger()) : null;
  const result = await command.run({ config, get logger() { return getLogger(); }, values, positionals, argv: args });
  if (typeof result === 'number') {
    signals?.release();
    return process.exitCode ? Number(process.exitCode) : result;
  }
  (signals ?? stopOnSignals(getLogger())).attach(result);
  return -1;
}

// `peoplegraph export … | head`: the reader went away; stop writing, finish (closing the database) quietly.
process.stdout.on('error', (err) => {
  if (!isBrokenPipe(err)) throw err;
});

// Errors whose message is meant for the operator; anything else is a bug and shows its stack.
const OPERATOR_ERRORS = new Set(['ConfigError', 'MigrationError', 'DatabaseInUseError']);

main(process.argv.slice(2)).then(
  (code) => {
    // -1: a server runs until a signal stops it.
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    if (isBrokenPipe(err)) {
      process.exitCode = 0;
      return;
    }
    const e = err as Error;
    process.stderr.write(`${OPERATOR_ERRORS.has(e?.name) ? e.message : (e?.stack ?? String(err))}\n`);
    process.exitCode = 1;
  },
);
