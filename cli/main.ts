// The `peoplegraph` command: start, gateway, subgraph, migrate, compose, seed, relay, dead-letters, import, export.
import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { loadConfig, SUBGRAPH_NAMES, ConfigError, type SubgraphName } from '../platform/config';
import { createLogger, type Logger } from '../platform/logger';
import { DatabaseInUseError, openDatabase } from '../platform/database';
import { applyMigrations, MigrationError } from '../platform/migrate';
import { startGateway } from '../gateway/server';
import { composeSupergraph, writeSupergraph } from '../gateway/compose';
import { supergraphFile } from '../platform/paths';
import { seedDemoDataIfEmpty } from './seed/seed-demo-data';
import { verifyAuditChain } from '../subgraphs/person/audit-log';
import { startEmbeddedStack, startSingleSubgraph } from './stack';
import { runDeadLettersCommand, runExampleHrisConsumerCommand, runRelayCommand } from './events-commands';
import { runReconcileCommand } from './reconcile/reconcile-command';
import { runExportCommand, runImportCommand } from './import/commands';
import { tokenCommand } from './commands/token';
import { rotateLegalIdKeyCommand } from './commands/rotate-legal-id-key';
import { retentionCommand, scheduleRetention } from './commands/retention';
import fs from 'node:fs';

const USAGE = `Usage: peoplegraph <command> [options]

Commands:
  start                 gateway + five subgraphs in one process (embedded PGlite unless DATABASE_URL is set)
  gateway               the gateway alone, routing to the subgraph URLs from configuration
  subgraph <name>       one subgraph alone (${SUBGRAPH_NAMES.join(', ')})
  migrate               apply pending database migrations
  compose [--check]     write gateway/supergraph.graphql (--check: fail if it is stale)
  seed                  load the demo data set into an empty database
  audit:verify          walk the audit log's hash chain and name the first broken link
  relay [--once]        publish the outbox to NATS JetStream (NATS_URL) until stopped; --once: drain and exit
  dead-letters list|replay [--consumer NAME] [--seq N,… | --all] [--json]
                        events consumers gave up on; replay republishes them
  example-hris-consumer an example HRIS consumer (NATS_URL): on CandidateToEmployee it creates the
                        employment and links the HRIS employee id (docs/events.md)
  reconcile --system CRM|ATS|HRIS --file export.csv [--apply] [--format table|json] [--mapping mapping.json]
                        compare a system's export with the golden records and report drift; --apply
                        sends the fixes through the ingest pipeline
  import --file people.csv [--system CRM|ATS|HRIS] [--mapping mapping.json] [--batch-size N] [--rejects path]
                        load person records from a CSV (canonical header, or mapped), resolved as the API would
  export links|reviews [--format csv|json] [--out file]
                        source record → person links with how each was linked, or the open review tasks
  retention --dry-run|--apply [--json]
                        erase the people the retention policies say are due (core/privacy/retention-policies.ts)
  rotate-legal-id-key   re-encrypt legal identifiers still sealed with an older key of LEGAL_ID_ENCRYPTION_KEYS
                        (after LEGAL_ID_ENCRYPTION_KEY_ID names the new key)
  token --role <role> [--sub ID] [--ttl 8h] [--system CRM|ATS|HRIS] [--purpose P]
                        print a bearer token signed with the configured (development) secret
`;

type Stoppable = { stop(): Promise<void> };

/** Ctrl-C / SIGTERM stop servers and close the database, then the process exits on its own. */
function stopOnSignal(logger: Logger, target: Stoppable): void {
  let stopping = false;
  const handler = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    target.stop().then(
      () => process.exit(0),
      (err) => {
        logger.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => handler('SIGINT'));
  process.once('SIGTERM', () => handler('SIGTERM'));
}

const EXAMPLE_QUERY = `{ people(first: 3) { edges { node { id legalName employments { title organization { name } manager { legalName } } offers { status job { title } } } } } }`;

async function main(argv: string[]): Promise<number> {
  // Parsed strictly by the command itself: its options take values (--role auditor).
  if (argv[0] === 'token') return tokenCommand(loadConfig(), argv.slice(1));
  const { positionals, values } = parseArgs({ args: argv, allowPositionals: true, strict: false, options: { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' }, once: { type: 'boolean' }, all: { type: 'boolean' }, json: { type: 'boolean' }, consumer: { type: 'string' }, seq: { type: 'string' }, apply: { type: 'boolean' }, 'dry-run': { type: 'boolean' }, file: { type: 'string' }, system: { type: 'string' }, mapping: { type: 'string' }, 'batch-size': { type: 'string' }, rejects: { type: 'string' }, format: { type: 'string' }, out: { type: 'string' } } });
  const [command, ...rest] = positionals;
  if (!command || values.help) {
    process.stdout.write(USAGE);
    return command ? 0 : 1;
  }
  const config = loadConfig();
  const logger = createLogger(config.logLevel);

  switch (command) {
    case 'start': {
      const stack = await startEmbeddedStack(config, logger);
      const stopRetention = config.retentionScheduleHours ? scheduleRetention(stack.db, config, logger, config.retentionScheduleHours) : () => {};
      stopOnSignal(logger, { stop: async () => { stopRetention(); await stack.stop(); } });
      const where = config.database.kind === 'pglite' ? `embedded PGlite in ${config.database.dataDir}` : 'PostgreSQL';
      process.stdout.write(
        `\nPeopleGraph is running on ${where}.\n  GraphQL:  ${stack.gatewayUrl}\n  Try:      curl -s ${stack.gatewayUrl} -H 'content-type: application/json' -H "Authorization: Bearer $(npx peoplegraph token --role reader)" -d '${JSON.stringify({ query: EXAMPLE_QUERY })}'\n  Stop:     Ctrl-C\n\n`,
      );
      return -1;
    }
    case 'gateway': {
      const gw = await startGateway({ config, logger });
      stopOnSignal(logger, gw);
      logger.info({ url: gw.url, subgraphs: config.subgraphUrls }, 'gateway listening');
      return -1;
    }
    case 'subgraph': {
      const name = rest[0] as SubgraphName;
      if (!SUBGRAPH_NAMES.includes(name)) {
        process.stderr.write(`Unknown subgraph "${rest[0] ?? ''}". Choose one of: ${SUBGRAPH_NAMES.join(', ')}\n`);
        return 2;
      }
      const s = await startSingleSubgraph(name, config, logger);
      stopOnSignal(logger, s);
      logger.info({ url: s.url, subgraph: name }, 'subgraph listening');
      return -1;
    }
    case 'migrate': {
      const db = await openDatabase(config.database);
      try {
        const r = await applyMigrations(db.raw);
        process.stdout.write(`Applied ${r.applied.length} migration(s)${r.applied.length ? `: ${r.applied.join(', ')}` : ''}; ${r.alreadyApplied.length} already applied.\n`);
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'compose': {
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
    }
    case 'audit:verify': {
      const db = await openDatabase(config.database);
      try {
        const r = await verifyAuditChain(db);
        if (r.ok) {
          process.stdout.write(`Audit chain verified: ${r.checked} event(s), no broken link.\n`);
          return 0;
        }
        process.stderr.write(`Audit chain BROKEN at seq ${r.brokenAt!.seq} (event ${r.brokenAt!.eventId}): ${r.brokenAt!.reason}. ${r.checked} earlier event(s) verified.\n`);
        return 1;
      } finally {
        await db.close();
      }
    }
    case 'seed': {
      const db = await openDatabase(config.database);
      try {
        await applyMigrations(db.raw);
        const r = await seedDemoDataIfEmpty({ db, config, logger });
        process.stdout.write(r ? `Loaded demo data: ${JSON.stringify(r)}\n` : 'Database is not empty; demo data not loaded.\n');
      } finally {
        await db.close();
      }
      return 0;
    }
    case 'relay': {
      const relay = await runRelayCommand(config, logger, Boolean(values.once));
      if (!relay) return 0;
      stopOnSignal(logger, relay);
      return -1;
    }
    case 'reconcile':
      return runReconcileCommand(config, logger, {
        system: values.system as string | undefined, file: values.file as string | undefined, apply: Boolean(values.apply),
        format: values.format as string | undefined, mapping: values.mapping as string | undefined,
      });
    case 'example-hris-consumer': {
      const consumer = await runExampleHrisConsumerCommand(config, logger);
      stopOnSignal(logger, consumer);
      return -1;
    }
    case 'dead-letters':
      return runDeadLettersCommand(config, logger, rest[0], {
        consumer: values.consumer as string | undefined,
        seq: values.seq as string | undefined,
        all: Boolean(values.all),
        json: Boolean(values.json),
      });
    case 'import':
      return runImportCommand(config, logger, {
        file: values.file as string | undefined, system: values.system as string | undefined, mapping: values.mapping as string | undefined,
        batchSize: values['batch-size'] as string | undefined, rejects: values.rejects as string | undefined,
      });
    case 'retention':
      return retentionCommand(config, { dryRun: Boolean(values['dry-run']), apply: Boolean(values.apply), json: Boolean(values.json) });
    case 'rotate-legal-id-key':
      return rotateLegalIdKeyCommand(config);
    case 'export':
      return runExportCommand(config, rest[0], { format: values.format as string | undefined, out: values.out as string | undefined });
    default:
      process.stderr.write(`Unknown command "${command}".\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err) => {
    if (err instanceof ConfigError || err instanceof MigrationError || err instanceof DatabaseInUseError) process.stderr.write(`${err.message}\n`);
    else process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  },
);
