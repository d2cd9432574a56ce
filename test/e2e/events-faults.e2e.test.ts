// Fault tests on real services, each against its own throwaway `nats-server -js` (never the shared one):
// NATS stopped during a burst of changes, the relay process SIGKILLed mid-batch, and a consumer that
// keeps failing. Afterwards every committed change has exactly one effect in the consumer's database.
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { NatsConnection } from 'nats';
import type { CloudEvent } from '../../core/events';
import { startConsumer, type RunningConsumer } from '../../events/consumer';
import { listDeadLetters, replayDeadLetters } from '../../events/dead-letters';
import { OutboxRelay } from '../../events/relay';
import { EVENT_STREAM } from '../../events/streams';
import type { Database, Tx } from '../../platform/database';
import { createLogger } from '../../platform/logger';
import { connectNats } from '../../platform/nats';
import { newId } from '../../platform/ids';
import { projectRoot } from '../../platform/paths';
import { enqueueEvents } from '../../subgraphs/shared/change-log';
import { inTransaction } from '../../subgraphs/shared/transaction';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/database';
import { unique } from '../support/factories';
import { itWithNatsServerBinary, lastStreamSeq, readStream, startThrowawayNats, waitFor, type ThrowawayNats } from '../support/nats';
import { startTestStack, type TestStack } from '../support/stack';

const itFault = itWithNatsServerBinary();
const logger = createLogger('silent');
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

/** The consumer's own table: no unique constraint, so a double-applied event would show as two rows. */
async function createEffectTable(db: Database) {
  await db.raw.exec(`CREATE TABLE IF NOT EXISTS consumer_effect (consumer text NOT NULL, event_id uuid NOT NULL, type text NOT NULL, subject uuid NOT NULL)`);
}

function recordEffect(consumer: string) {
  return async (event: CloudEvent, tx: Tx) => {
    await tx.$executeRawUnsafe(`INSERT INTO consumer_effect VALUES ($1, $2::uuid, $3, $4::uuid)`, consumer, event.id, event.type, event.subject);
  };
}

async function effects(db: Database, consumer: string): Promise<string[]> {
  const rows = await db.raw.query<{ event_id: string }>(`SELECT event_id FROM consumer_effect WHERE consumer = $1`, [consumer]);
  return rows.map((r) => r.event_id).sort();
}

async function outboxIds(db: Database): Promise<string[]> {
  return (await db.prisma.outboxEvent.findMany({ select: { eventId: true } })).map((r) => r.eventId).sort();
}

async function consumerIdle(nc: NatsConnection, name: string): Promise<boolean> {
  const info = await (await nc.jetstreamManager()).consumers.info(EVENT_STREAM, name);
  return info.num_pending === 0 && info.num_ack_pending === 0;
}

async function throwaway(): Promise<ThrowawayNats> {
  const nats = await startThrowawayNats();
  cleanups.push(() => nats.dispose());
  return nats;
}

async function connect(url: string): Promise<NatsConnection> {
  const nc = await connectNats(url, logger);
  cleanups.push(() => nc.close());
  return nc;
}

async function consume(options: Parameters<typeof startConsumer>[0]): Promise<RunningConsumer> {
  const c = await startConsumer(options);
  cleanups.push(() => c.stop());
  return c;
}

/** Outbox events written through the real enqueueEvents: `perAggregate` ordered events on each of `aggregates`. */
async function writeEvents(db: Database, aggregates: number, perAggregate: number): Promise<void> {
  const ids = Array.from({ length: aggregates }, () => newId());
  for (let round = 0; round < perAggregate; round++) {
    await inTransaction(db, (tx) =>
      enqueueEvents(tx, { actorId: 'fault-test', correlationId: newId(), now: new Date() }, ids.map((id) => ({
        type: 'OrganizationUpserted',
        aggregateType: 'Organization',
        aggregateId: id,
        payload: { id, system: 'HRIS', externalId: `LE-${id}`, created: round === 0, changedAttributes: [`round${round}`] },
      }))),
    );
  }
}

describe('event delivery under faults', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack();
    await createEffectTable(stack.testDb.db);
  });
  afterAll(async () => {
    await stack?.stop();
  });

  itFault('NATS stopped during a burst of changes: once back, every committed change is applied exactly once', async () => {
    const nats = await throwaway();
    const db = stack.testDb.db;
    const relay = new OutboxRelay({ db, nc: await connect(nats.url), logger, batchSize: 20, pollIntervalMs: 50, publishTimeoutMs: 500 });
    relay.start();
    cleanups.push(() => relay.stop());
    await consume({ nc: await connect(nats.url), db, logger, name: 'burst-effects', handle: recordEffect('burst-effects') });

    const upsertOrg = (name: string) => stack.gql(`mutation ($i: UpsertOrganizationInput!) { upsertOrganization(input: $i) { organization { id } } }`, {
      i: { system: 'HRIS', externalId: unique('LE'), name, region: 'EU', country: 'DE' },
    });
    for (let i = 0; i < 10; i++) expect((await upsertOrg(`before ${i}`)).body.errors).toBeUndefined();
    await waitFor('first burst applied', async () => (await effects(db, 'burst-effects')).length === (await outboxIds(db)).length);

    await nats.stop();
    for (let i = 0; i < 15; i++) expect((await upsertOrg(`during ${i}`)).body.errors).toBeUndefined();
    // A rolled-back change must not leak an event: a job for an organization that does not exist.
    const failed = await stack.gql(`mutation ($i: UpsertJobInput!) { upsertJob(input: $i) { job { id } } }`, {
      i: { system: 'ATS', externalId: unique('REQ'), title: 'Ghost', organizationId: newId() },
    });
    expect(failed.body.errors?.[0].extensions?.code).toBe('REFERENCE_NOT_FOUND');
    await waitFor('the relay to notice NATS is down', async () => (await db.prisma.outboxEvent.count({ where: { publishedAt: null, attempts: { gt: 0 } } })) > 0);
    expect(await db.prisma.outboxEvent.count({ where: { publishedAt: null } })).toBeGreaterThan(0);

    await nats.start();
    for (let i = 0; i < 5; i++) expect((await upsertOrg(`after ${i}`)).body.errors).toBeUndefined();
    const committed = await outboxIds(db);
    expect(committed).toHaveLength(30);
    await waitFor('every committed event applied', async () => (await effects(db, 'burst-effects')).length >= committed.length, { attempts: 1200 });
    await waitFor('outbox drained', async () => (await db.prisma.outboxEvent.count({ where: { publishedAt: null } })) === 0);
    expect(await effects(db, 'burst-effects')).toEqual(committed);
  });

  itFault('a consumer that keeps failing dead-letters the event with its error; replay applies it once, and nowhere twice', async () => {
    const nats = await throwaway();
    const db = stack.testDb.db;
    const nc = await connect(nats.url);
    const relay = new OutboxRelay({ db, nc, logger, batchSize: 50, pollIntervalMs: 50 });
    relay.start();
    cleanups.push(() => relay.stop());
    const start = await outboxIds(db);
    // The poison event is known by its external id before it exists, so no delivery can race the set-up.
    const poisonExternalId = unique('LE-POISON');
    let fixed = false;
    const flaky = recordEffect('dlq-flaky');
    await consume({
      nc, db, logger, name: 'dlq-flaky', maxDeliver: 2,
      handle: async (event, tx) => {
        if ((event.data as { externalId?: string }).externalId === poisonExternalId && !fixed) throw new Error('HRIS rejected the employment: cost centre missing');
        await flaky(event, tx);
      },
    });
    await consume({ nc, db, logger, name: 'dlq-bystander', handle: recordEffect('dlq-bystander') });

    const org = await stack.gql(`mutation ($i: UpsertOrganizationInput!) { upsertOrganization(input: $i) { organization { id } } }`, {
      i: { system: 'HRIS', externalId: poisonExternalId, name: 'Poison Ltd', region: 'EU', country: 'DE' },
    });
    expect(org.body.errors).toBeUndefined();
    await writeEvents(db, 3, 1);
    const ours = (await outboxIds(db)).filter((id) => !start.includes(id));

    const [letter] = await waitFor('a dead letter', async () => {
      const l = await listDeadLetters(nc, { consumer: 'dlq-flaky' });
      return l.length > 0 ? l : null;
    });
    expect(letter).toMatchObject({ consumer: 'dlq-flaky', deliveries: 2, type: 'OrganizationUpserted', error: 'HRIS rejected the employment: cost centre missing' });
    await waitFor('bystander applied everything', async () => (await effects(db, 'dlq-bystander')).filter((id) => ours.includes(id)).length === ours.length);
    await waitFor('flaky consumer idle', () => consumerIdle(nc, 'dlq-flaky'));
    expect((await effects(db, 'dlq-flaky')).filter((id) => ours.includes(id))).toHaveLength(ours.length - 1);

    fixed = true;
    const replayed = await replayDeadLetters(nc, { consumer: 'dlq-flaky', seqs: [letter.seq] });
    expect(replayed.map((d) => d.eventId)).toEqual([letter.eventId]);
    await waitFor('replayed event applied', async () => (await effects(db, 'dlq-flaky')).includes(letter.eventId!));
    await waitFor('bystander saw the replay', () => consumerIdle(nc, 'dlq-bystander'));
    expect((await effects(db, 'dlq-flaky')).filter((id) => ours.includes(id)).sort()).toEqual([...ours].sort());
    // The bystander had applied the event already: the replayed copy hit its inbox and changed nothing.
    expect((await effects(db, 'dlq-bystander')).filter((id) => id === letter.eventId)).toHaveLength(1);
    expect(await listDeadLetters(nc, { consumer: 'dlq-flaky' })).toEqual([]);
  });
});

describe('relay process killed mid-batch', () => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await createTestDatabase();
    await createEffectTable(testDb.db);
  });
  afterAll(async () => {
    await testDb?.dispose();
  });

  // A second process needs a database it can share: PostgreSQL (PGlite in memory is one process's).
  const itPg = usingPostgres() ? itFault : it.skip;
  if (!usingPostgres()) process.stdout.write('Skipping relay-kill fault test: it needs DATABASE_URL (PostgreSQL) to share the outbox with a child process\n');

  itPg('loses nothing, and the redelivered batch is harmless', async () => {
    const nats = await throwaway();
    const db = testDb.db;
    const nc = await connect(nats.url);
    const aggregates = 100;
    const perAggregate = 10;
    await writeEvents(db, aggregates, perAggregate);
    const total = aggregates * perAggregate;

    const child = spawn(process.execPath, ['-r', path.join(projectRoot(), 'test/support/swc-register.js'), path.join(projectRoot(), 'test/support/relay-child.ts')], {
      env: { ...process.env, DATABASE_URL: (testDb.config as { url: string }).url, NATS_URL: nats.url, RELAY_BATCH_SIZE: '100', RELAY_POLL_INTERVAL_MS: '50', LOG_LEVEL: 'silent', NODE_ENV: 'development' },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    cleanups.push(async () => { child.kill('SIGKILL'); await exited; });
    await waitFor('the child relay to publish', async () => (await lastStreamSeq(nc)) > 0, { attempts: 1200 });
    child.kill('SIGKILL');
    await exited;

    const unpublished = await db.prisma.outboxEvent.count({ where: { publishedAt: null } });
    const onStream = await lastStreamSeq(nc);
    expect(unpublished).toBeGreaterThan(0);

    await consume({ nc, db, logger, name: 'kill-effects', handle: recordEffect('kill-effects') });
    const relay = new OutboxRelay({ db, nc, logger, batchSize: 200 });
    const started = process.hrtime.bigint();
    for (;;) {
      const r = await relay.runBatch();
      if (r.claimed === 0) break;
      expect(r.failed).toBe(0);
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    process.stdout.write(`relay drained ${unpublished} events in ${seconds.toFixed(2)} s (${Math.round(unpublished / seconds)} events/s); at the kill ${onStream} were on the stream and ${total - unpublished} marked published\n`);

    const committed = await outboxIds(db);
    await waitFor('every event applied', async () => (await effects(db, 'kill-effects')).length >= total, { attempts: 2400 });
    await waitFor('consumer idle', () => consumerIdle(nc, 'kill-effects'));
    expect(await effects(db, 'kill-effects')).toEqual(committed);

    // Exactly one copy of each event on the stream (server-side dedup by msgID), in order per aggregate.
    const messages = await readStream(nc, 0);
    const ids = messages.map((m) => m.headers!.get('Nats-Msg-Id'));
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(committed);
    const rank = new Map((await db.prisma.outboxEvent.findMany({ select: { eventId: true, seq: true } })).map((r) => [r.eventId, r.seq]));
    const lastByAggregate = new Map<string, bigint>();
    for (const m of messages) {
      const subject = JSON.parse(new TextDecoder().decode(m.data)).subject as string;
      const seq = rank.get(m.headers!.get('Nats-Msg-Id'))!;
      expect(seq > (lastByAggregate.get(subject) ?? -1n)).toBe(true);
      lastByAggregate.set(subject, seq);
    }

    // A redelivery beyond the dedup window (simulated: same events, fresh message ids) changes nothing.
    const js = nc.jetstream();
    for (const m of messages.slice(0, 25)) await js.publish(m.subject, m.data, { msgID: `again-${m.headers!.get('Nats-Msg-Id')}` });
    await waitFor('consumer idle after redelivery', () => consumerIdle(nc, 'kill-effects'));
    expect(await effects(db, 'kill-effects')).toEqual(committed);
  });
});
