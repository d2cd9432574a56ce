// Fault test: the database connection is dropped in the middle of a transaction that already wrote its
// change and outbox event. Nothing of it leaks out; every change that did commit reaches the consumer's
// effects exactly once. Runs its own throwaway nats-server; needs PostgreSQL (a backend to terminate).
import type { CloudEvent } from '../../core/events';
import { startConsumer } from '../../events/consumer';
import { OutboxRelay } from '../../events/relay';
import type { Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { createLogger } from '../../platform/logger';
import { connectNats } from '../../platform/nats';
import { appendAudit, enqueueEvents } from '../../subgraphs/shared/change-log';
import { inTransaction } from '../../subgraphs/shared/transaction';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/database';
import { itWithNatsServerBinary, startThrowawayNats, waitFor } from '../support/nats';

const logger = createLogger('silent');
const itFault = itWithNatsServerBinary();
const itPg = usingPostgres() ? itFault : it.skip;
if (!usingPostgres()) process.stdout.write('Skipping database-fault test: it needs DATABASE_URL (PostgreSQL) to terminate a backend mid-transaction\n');

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await t.db.raw.exec(`CREATE TABLE consumer_effect (event_id uuid NOT NULL)`);
});
afterAll(async () => {
  await t?.dispose();
});

function change(tx: Tx, aggregateId: string, label: string) {
  const meta = { actorId: 'db-fault-test', correlationId: newId(), now: new Date() };
  return Promise.all([
    appendAudit(tx, meta, [{ type: 'OrganizationUpdated', entityType: 'Organization', entityId: aggregateId, attribute: 'name', newValue: label }]),
    enqueueEvents(tx, meta, [{
      type: 'OrganizationUpserted', aggregateType: 'Organization', aggregateId,
      payload: { id: aggregateId, system: 'HRIS', externalId: `LE-${label}`, created: false, changedAttributes: ['name'] },
    }]),
  ]).then(([, events]) => events[0]);
}

itPg('a connection dropped mid-transaction leaks nothing; committed changes are delivered exactly once', async () => {
  const nats = await startThrowawayNats();
  const nc = await connectNats(nats.url, logger);
  const db = t.db;
  const relay = new OutboxRelay({ db, nc, logger, batchSize: 10, pollIntervalMs: 50 });
  const consumer = await startConsumer({
    nc, db, logger, name: 'db-fault-effects',
    handle: async (event: CloudEvent, tx: Tx) => { await tx.$executeRawUnsafe(`INSERT INTO consumer_effect VALUES ($1::uuid)`, event.id); },
  });
  try {
    relay.start();
    const aggregate = newId();
    const committed: string[] = [];
    committed.push(await inTransaction(db, (tx) => change(tx, aggregate, 'before')));

    let leaked: string | null = null;
    const dropped = inTransaction(db, async (tx) => {
      leaked = await change(tx, aggregate, 'dropped');
      const [{ pid }] = await tx.$queryRaw<Array<{ pid: number }>>`SELECT pg_backend_pid() AS pid`;
      // Another connection kills this transaction's backend, as a failover or a network cut would.
      await db.raw.query('SELECT pg_terminate_backend($1)', [pid]);
      await tx.$queryRaw`SELECT 1`;
    }, 1);
    await expect(dropped).rejects.toBeTruthy();
    expect(leaked).not.toBeNull();

    committed.push(await inTransaction(db, (tx) => change(tx, aggregate, 'after')));
    expect(await db.prisma.outboxEvent.count({ where: { eventId: leaked! } })).toBe(0);
    expect((await db.prisma.outboxEvent.findMany({ select: { eventId: true } })).map((r) => r.eventId).sort()).toEqual([...committed].sort());

    await waitFor('both committed changes applied', async () => (await db.raw.query(`SELECT 1 FROM consumer_effect`)).length >= 2);
    const applied = (await db.raw.query<{ event_id: string }>(`SELECT event_id::text FROM consumer_effect`)).map((r) => r.event_id).sort();
    expect(applied).toEqual([...committed].sort());
  } finally {
    await relay.stop();
    await consumer.stop();
    await nc.close();
    await nats.dispose();
  }
});
