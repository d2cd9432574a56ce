// Expired idempotency keys are purged in bounded batches, and never at the expense of a request: a key
// that a running mutation is re-claiming is left alone, and a key past its 24 hours is free for reuse.
import { Client } from 'pg';
import { IDEMPOTENCY_RETENTION_MS, purgeExpiredIdempotencyKeys, runMutation } from '../../subgraphs/shared/mutation';
import { scheduleIdempotencyKeyPurge } from '../../cli/commands/purge-idempotency-keys';
import { createLogger } from '../../platform/logger';
import { usingPostgres, type TestDatabase } from '../support/database';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let testDb: TestDatabase;
const logger = createLogger('silent');

beforeAll(async () => {
  stack = await startTestStack();
  testDb = stack.testDb;
});
afterAll(async () => {
  await stack?.stop();
});

const HOUR = 60 * 60 * 1000;

async function addKey(scope: string, key: string, expiresInMs: number) {
  const now = Date.now();
  await testDb.db.prisma.idempotencyKey.create({
    data: { scope, key, requestHash: 'h', status: 'COMPLETED', response: {}, createdAt: new Date(now), expiresAt: new Date(now + expiresInMs) },
  });
}

async function keysOf(scope: string): Promise<string[]> {
  return (await testDb.db.prisma.idempotencyKey.findMany({ where: { scope }, orderBy: { key: 'asc' } })).map((k) => k.key);
}

it('deletes every expired key, a batch at a time, and keeps the live ones', async () => {
  for (let i = 0; i < 7; i++) await addKey('purge:batches', `old-${i}`, -(i + 1) * HOUR);
  await addKey('purge:batches', 'fresh', 23 * HOUR);
  await addKey('purge:batches', 'about-to-expire', 60_000);
  expect(await purgeExpiredIdempotencyKeys(testDb.db, { batchSize: 3 })).toBe(7);
  expect(await keysOf('purge:batches')).toEqual(['about-to-expire', 'fresh']);
  // Judged against the time it is given: an hour from now the short-lived key is expired too.
  expect(await purgeExpiredIdempotencyKeys(testDb.db, { now: new Date(Date.now() + HOUR) })).toBe(1);
  expect(await keysOf('purge:batches')).toEqual(['fresh']);
});

it('the schedule of a running service purges at once and again at every interval', async () => {
  await addKey('purge:schedule', 'a', -HOUR);
  const purge = scheduleIdempotencyKeyPurge(testDb.db, logger, 200);
  try {
    await waitUntil(async () => (await keysOf('purge:schedule')).length === 0);
    await addKey('purge:schedule', 'b', -HOUR);
    await waitUntil(async () => (await keysOf('purge:schedule')).length === 0);
  } finally {
    await purge.stop();
  }
  // Stopped: nothing purges any more.
  await addKey('purge:schedule', 'c', -HOUR);
  await new Promise((r) => setTimeout(r, 500));
  expect(await keysOf('purge:schedule')).toEqual(['c']);
  await testDb.db.prisma.idempotencyKey.deleteMany({ where: { scope: 'purge:schedule' } });
});

it('a purged key can be used again, for a new request, through the mutation path', async () => {
  const ctx = stack.ctx('purge-reuse');
  const scope = `${ctx.actor.id}:purgeTest`;
  const first = await runMutation(ctx, { operation: 'purgeTest', idempotencyKey: 'k-1', request: { n: 1 } }, async () => ({ n: 1 }));
  expect(first).toEqual({ n: 1 });
  // A day later: the key has expired and is purged; the same key now stands for another request.
  const dayLater = new Date(Date.now() + IDEMPOTENCY_RETENTION_MS + HOUR);
  expect(await purgeExpiredIdempotencyKeys(testDb.db, { now: dayLater })).toBeGreaterThanOrEqual(1);
  expect(await keysOf(scope)).toEqual([]);
  const second = await runMutation(ctx, { operation: 'purgeTest', idempotencyKey: 'k-1', request: { n: 2 } }, async () => ({ n: 2 }));
  expect(second).toEqual({ n: 2 });
  expect(await keysOf(scope)).toEqual(['k-1']);
});

(usingPostgres() ? it : it.skip)('leaves alone, without waiting for it, an expired key that a running request is re-claiming', async () => {
  await addKey('purge:claim', 'reclaimed', -HOUR);
  await addKey('purge:claim', 'abandoned', -HOUR);
  const other = new Client({ connectionString: (testDb.config as { url: string }).url });
  await other.connect();
  try {
    // What runMutation does for an expired key: claim it again, holding the row until its transaction ends.
    await other.query('BEGIN');
    await other.query(`UPDATE "IdempotencyKey" SET "expiresAt" = (now() AT TIME ZONE 'UTC') + interval '24 hours', "status" = 'IN_PROGRESS'
                       WHERE "scope" = 'purge:claim' AND "key" = 'reclaimed'`);
    // Finishes while the claim is still open, and deletes only the key nobody holds.
    expect(await purgeExpiredIdempotencyKeys(testDb.db)).toBe(1);
    await other.query('COMMIT');
  } finally {
    await other.end();
  }
  expect(await keysOf('purge:claim')).toEqual(['reclaimed']);
});

async function waitUntil(probe: () => Promise<boolean>, attempts = 100): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached');
}
