// `npm run bench:doors`: throughput of the doors out and in.
//   Webhooks: N outbox events fanned out to one subscription and delivered by the dispatcher to a
//   receiver on 127.0.0.1 (signed per Standard Webhooks, the first one verified with the
//   `standardwebhooks` library), at several dispatcher concurrencies: deliveries/s.
//   CDC: a legacy table on a throwaway PostgreSQL server (wal_level=logical) streamed by `CdcStream`
//   into a PeopleGraph database on the same server: snapshot rows/s, then inserts and updates
//   committed while it streams, changes/s until the checkpoint holds all of them.
import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { Webhook } from 'standardwebhooks';
import { loadConfig, type Config } from '../../platform/config';
import { openDatabase, type Database } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { applyMigrations } from '../../platform/migrate';
import { WebhookDispatcher } from '../../events/webhooks/dispatcher';
import { createWebhookSubscription } from '../../events/webhooks/subscriptions';
import { CdcStream } from '../../cli/cdc/cdc-stream';
import type { CdcMapping } from '../../cli/cdc/cdc-mapping';
import { createThrowawayDatabase } from '../read/database';
import { formatMarkdownTable, runBenchMain } from '../lib/report';
import { startThrowawayServer } from './throwaway-server';

const USAGE = `Usage: npm run bench:doors -- [--events N] [--concurrency LIST] [--rows N] [--changes N]

  --events N          outbox events delivered per webhook run (default 5000)
  --concurrency LIST  dispatcher concurrencies (default 1,16,64)
  --rows N            legacy rows loaded by the CDC snapshot (default 300)
  --changes N         legacy inserts+updates streamed by CDC (default 600)

Webhooks run on a throwaway database on the server in DATABASE_URL (default
postgresql://postgres@127.0.0.1:5432); CDC starts its own PostgreSQL server (initdb, a free port).
`;

const logger = createLogger('silent');

async function benchWebhooks(config: Config, events: number, concurrency: number): Promise<string[]> {
  const tdb = await createThrowawayDatabase(undefined, { prefix: 'bench_webhooks' });
  const db = await openDatabase({ kind: 'postgres', url: tdb.url, poolSize: 10 });
  let received = 0;
  let verified = false;
  let secret = '';
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!verified) {
        new Webhook(secret).verify(Buffer.concat(chunks).toString('utf8'), req.headers as Record<string, string>);
        verified = true;
      }
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    await applyMigrations(db.raw);
    const port = (server.address() as AddressInfo).port;
    ({ secret } = await db.prisma.$transaction((tx) => createWebhookSubscription(tx, { actorId: 'bench', correlationId: 'bench:doors', now: new Date() }, config.legalIdEncryption, { consumer: 'bench', url: `http://127.0.0.1:${port}/hook`, eventTypes: [] })));
    // Ten events per aggregate, so per-aggregate ordering is part of the work.
    await db.raw.query(
      `INSERT INTO "OutboxEvent" ("eventId", "type", "version", "aggregateType", "aggregateId", "payload", "correlationId", "actorId", "occurredAt")
       SELECT gen_random_uuid(), 'PersonUpdated', 1, 'Person', a.id, jsonb_build_object('id', a.id, 'changedAttributes', jsonb_build_array('familyName')),
              a.id::text, 'bench', now() AT TIME ZONE 'UTC'
         FROM generate_series(1, $1::int) g
         JOIN (SELECT i, gen_random_uuid() AS id FROM generate_series(0, $2::int) i) a ON a.i = g % ($2::int + 1)`,
      [events, Math.max(1, Math.floor(events / 10)) - 1],
    );
    const dispatcher = new WebhookDispatcher({ db, logger, keyRing: config.legalIdEncryption, concurrency, batchSize: 500 });
    const started = process.hrtime.bigint();
    while (received < events) {
      const r = await dispatcher.runBatch();
      if (r.claimed === 0) await new Promise((res) => setTimeout(res, 5));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    return [`webhooks, concurrency ${concurrency}`, String(events), seconds.toFixed(2), (events / seconds).toFixed(0), verified ? 'yes' : 'no'];
  } finally {
    server.closeAllConnections();
    server.close();
    await db.close();
    await tdb.drop();
  }
}

async function benchCdc(config: Config, rows: number, changes: number): Promise<string[][]> {
  const pgServer = await startThrowawayServer();
  let db: Database | null = null;
  let legacy: Client | null = null;
  try {
    const admin = new Client({ connectionString: pgServer.url('postgres') });
    await admin.connect();
    await admin.query('CREATE DATABASE legacy');
    await admin.query('CREATE DATABASE peoplegraph');
    await admin.end();
    legacy = new Client({ connectionString: pgServer.url('legacy') });
    await legacy.connect();
    await legacy.query(`CREATE TABLE employees (emp_no text PRIMARY KEY, first_name text, last_name text, email text, title text)`);
    await legacy.query(
      `INSERT INTO employees SELECT 'S' || g, 'Given' || g, 'Family' || g, 's' || g || '@legacy.example', 'Clerk' FROM generate_series(1, $1::int) g`,
      [rows],
    );
    db = await openDatabase({ kind: 'postgres', url: pgServer.url('peoplegraph'), poolSize: 10 });
    await applyMigrations(db.raw);
    const mapping: CdcMapping = {
      system: 'HRIS', key: 'emp_no', attributes: { givenName: 'first_name', familyName: 'last_name', email: 'email' },
      employment: { organization: { externalId: 'LEGACY', name: 'Legacy Industries' }, title: 'title' }, onDelete: 'end-employment',
    };
    let applied = 0;
    const stream = new CdcStream({ source: pgServer.url('legacy'), table: 'employees', mapping, db, config, logger, onChange: (n) => (applied = n) });
    const snapshotStart = process.hrtime.bigint();
    const running = stream.run();
    running.catch((err) => process.stderr.write(`cdc failed: ${(err as Error).stack}\n`));
    const pg = db;
    for (;;) {
      const cp = await pg.prisma.cdcCheckpoint.findFirst();
      if (cp?.snapshotDone) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const snapshotSeconds = Number(process.hrtime.bigint() - snapshotStart) / 1e9;
    const inserts = Math.floor(changes / 2);
    const streamStart = process.hrtime.bigint();
    for (let i = 0; i < inserts; i++) {
      await legacy.query(`INSERT INTO employees VALUES ($1, $2, $3, $4, 'Engineer')`, [`N${i}`, `New${i}`, `Hire${i}`, `n${i}@legacy.example`]);
    }
    for (let i = 0; i < changes - inserts; i++) await legacy.query(`UPDATE employees SET title = 'Lead' WHERE emp_no = $1`, [`N${i % inserts}`]);
    while (applied < changes) await new Promise((r) => setTimeout(r, 20));
    const streamSeconds = Number(process.hrtime.bigint() - streamStart) / 1e9;
    await stream.stop();
    await running;
    return [
      ['cdc snapshot (rows)', String(rows), snapshotSeconds.toFixed(2), (rows / snapshotSeconds).toFixed(0), '-'],
      ['cdc stream (inserts + updates)', String(changes), streamSeconds.toFixed(2), (changes / streamSeconds).toFixed(0), '-'],
    ];
  } finally {
    await legacy?.end().catch(() => undefined);
    await db?.close().catch(() => undefined);
    pgServer.stop();
  }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, strict: true, options: {
    events: { type: 'string' }, concurrency: { type: 'string' }, rows: { type: 'string' }, changes: { type: 'string' }, help: { type: 'boolean' },
  } });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const events = Number(values.events ?? 5000);
  const levels = (values.concurrency ?? '1,16,64').split(',').map(Number);
  const config = { ...loadConfig({ LOG_LEVEL: 'silent' }) };
  const body: string[][] = [];
  for (const c of levels) body.push(await benchWebhooks(config, events, c));
  body.push(...(await benchCdc(config, Number(values.rows ?? 300), Number(values.changes ?? 600))));
  process.stdout.write(`\n${formatMarkdownTable(['door', 'items', 'seconds', 'per second', 'signature verified'], body)}\n`);
  return 0;
}

runBenchMain(main);
