// Webhooks end to end: an admin subscribes a receiver on 127.0.0.1 through the API; mutations through
// the gateway leave outbox events; the dispatcher (no NATS) POSTs them signed per Standard Webhooks.
// The receiver verifies with the `standardwebhooks` library, not the project's code. While the receiver
// is down nothing is lost: once it is back every event arrives, once, in order per aggregate. A
// receiver that keeps failing dead-letters its deliveries, and a replay delivers them.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { loadConfig, type Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { startEmbeddedStack, type Stack } from '../../cli/stack';
import { signToken } from '../../subgraphs/shared/auth/sign-token';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { unique } from '../support/factories';

interface Received {
  headers: Record<string, string>;
  body: string;
  event: { id: string; type: string; subject: string; sequence: string; data: Record<string, unknown> };
}

/** A receiver that answers 204 to every request whose signature verifies, and 400 otherwise. */
class Receiver {
  received: Received[] = [];
  rejected = 0;
  failWith: number | null = null;
  private server: http.Server | null = null;
  port = 0;
  secret = '';

  async up(): Promise<void> {
    this.server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, String(v)]));
        if (this.failWith) {
          res.writeHead(this.failWith).end();
          return;
        }
        try {
          const event = new Webhook(this.secret).verify(body, headers) as Received['event'];
          this.received.push({ headers, body, event });
          res.writeHead(204).end();
        } catch {
          this.rejected++;
          res.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async down(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  get url() {
    return `http://127.0.0.1:${this.port}/hooks`;
  }
}

let testDb: TestDatabase;
let stack: Stack;
let config: Config;
let admin: string;
const receiver = new Receiver();

async function gql(query: string, variables: Record<string, unknown> = {}, auth = admin) {
  const res = await fetch(stack.gatewayUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: auth },
    body: JSON.stringify({ query, variables }),
  });
  return (await res.json()) as { data?: any; errors?: Array<{ message: string; extensions?: { code?: string } }> };
}

async function gqlOk(query: string, variables: Record<string, unknown> = {}) {
  const r = await gql(query, variables);
  expect(r.errors).toBeUndefined();
  return r.data;
}

async function waitFor(check: () => boolean | Promise<boolean>, ms = 20_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}

const SUBSCRIBE = `mutation ($i: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $i) { secret subscription { id url eventTypes active } } }`;
const INGEST = `mutation ($i: IngestPersonRecordInput!) { ingestPersonRecord(input: $i) { personId decision } }`;

async function ingest(sourceId: string, familyName: string, at: string) {
  const d = await gqlOk(INGEST, {
    i: { system: 'CRM', sourceId, sourceTimestamp: at, attributes: { givenName: 'Ada', familyName, email: `${sourceId.toLowerCase()}@mail.example` } },
  });
  return d.ingestPersonRecord.personId as string;
}

async function outboxEvents(types: string[]) {
  return testDb.db.raw.query<{ eventId: string; seq: string; aggregateId: string }>(
    `SELECT "eventId", "seq"::text AS "seq", "aggregateId" FROM "OutboxEvent" WHERE "type" = ANY($1::text[]) ORDER BY "seq"`,
    [types],
  );
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  config = { ...loadConfig({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' }), database: testDb.config };
  const logger = createLogger(config.logLevel);
  stack = await startEmbeddedStack(config, logger, {
    ephemeralPorts: true, seed: false, db: testDb.db,
    webhooks: { pollIntervalMs: 50, retryBaseDelayMs: 100, maxRetryDelayMs: 400, maxAttempts: 40, timeoutMs: 2000 },
  });
  admin = `Bearer ${await signToken(config.auth, { roles: ['admin'], sub: 'webhook-admin' })}`;
  await receiver.up();
});

afterAll(async () => {
  await receiver.down();
  await stack?.stop();
  await testDb?.dispose();
});

it('only a holder of webhooks:manage manages subscriptions', async () => {
  const reader = `Bearer ${await signToken(config.auth, { roles: ['reader'], sub: 'r' })}`;
  const r = await gql(SUBSCRIBE, { i: { consumer: 'nope', url: receiver.url } }, reader);
  expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const list = await gql(`{ webhookSubscriptions { id } }`, {}, reader);
  expect(list.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  const bad = await gql(SUBSCRIBE, { i: { consumer: 'x', url: 'ftp://127.0.0.1/x', eventTypes: ['NoSuchEvent'] } });
  expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
});

it('delivers signed events; a receiver that was down gets every event once it is back, in order per person', async () => {
  const created = await gqlOk(SUBSCRIBE, { i: { consumer: 'crm-sync', url: receiver.url, eventTypes: ['PersonCreated', 'PersonUpdated'] } });
  receiver.secret = created.createWebhookSubscription.secret;
  expect(receiver.secret).toMatch(/^whsec_/);
  expect(created.createWebhookSubscription.subscription).toMatchObject({ active: true, eventTypes: ['PersonCreated', 'PersonUpdated'] });
  // The secret is stored sealed: reading the table is not enough to sign.
  const stored = await testDb.db.raw.query<{ secret: string }>(`SELECT "secret" FROM "WebhookSubscription" WHERE "id" = $1::uuid`, [created.createWebhookSubscription.subscription.id]);
  expect(stored[0]!.secret).toMatch(/^sealed:v1:/);
  expect(stored[0]!.secret).not.toContain(receiver.secret.slice('whsec_'.length));
  // The change is audited in its transaction, without the secret.
  const audit = await testDb.db.prisma.auditEvent.findMany({ where: { entityType: 'WebhookSubscription', entityId: created.createWebhookSubscription.subscription.id } });
  expect(audit.map((a) => [a.type, (a.newValue as { url?: string } | null)?.url])).toEqual([['WebhookSubscriptionCreated', receiver.url]]);
  expect(JSON.stringify(audit.map((a) => [a.oldValue, a.newValue]))).not.toContain(receiver.secret.slice('whsec_'.length));

  // Online: one person created, then updated twice.
  const src = unique('C');
  const personId = await ingest(src, 'Lovelace', '2026-01-01T00:00:00Z');
  await ingest(src, 'King', '2026-01-02T00:00:00Z');
  await ingest(src, 'Byron', '2026-01-03T00:00:00Z');
  await waitFor(() => receiver.received.length >= 3);

  // Down: more changes, while every delivery attempt fails.
  await receiver.down();
  const others: string[] = [];
  // Names far apart, so that none of them matches another person.
  for (const name of ['Okonkwo', 'Haraldsen', 'Quispe', 'Zielinski', 'Bhattacharya']) others.push(await ingest(unique('C'), name, '2026-01-04T00:00:00Z'));
  expect(new Set(others).size).toBe(5);
  await ingest(src, 'Lovelace-King', '2026-01-05T00:00:00Z');
  await waitFor(async () => {
    const rows = await testDb.db.raw.query<{ n: number }>(`SELECT count(DISTINCT "deliveryId")::int AS n FROM "WebhookDeliveryAttempt" WHERE "error" IS NOT NULL`);
    return rows[0]!.n >= 6;
  });
  await new Promise((r) => setTimeout(r, 500));
  await receiver.up();

  const expected = await outboxEvents(['PersonCreated', 'PersonUpdated']);
  await waitFor(() => new Set(receiver.received.map((r) => r.headers['webhook-id'])).size >= expected.length);
  await new Promise((r) => setTimeout(r, 300));

  // Every event exactly once, with webhook-id = the event id, and nothing the receiver rejected.
  const ids = receiver.received.map((r) => r.headers['webhook-id']);
  expect(ids.sort()).toEqual(expected.map((e) => e.eventId).sort());
  expect(receiver.rejected).toBe(0);
  for (const r of receiver.received) expect(r.event.id).toBe(r.headers['webhook-id']);
  // In order for the person that changed four times.
  const mine = receiver.received.filter((r) => r.event.subject === personId).map((r) => BigInt(r.event.sequence));
  expect(mine).toHaveLength(4);
  expect([...mine].sort((a, b) => (a < b ? -1 : 1))).toEqual(mine);
  expect(new Set(receiver.received.map((r) => r.event.subject))).toEqual(new Set([personId, ...others]));

  // The delivery log shows the failed attempts before the success.
  const log = await gqlOk(`query ($s: ID!) { webhookDeliveries(subscriptionId: $s, first: 100) { eventId status attempts lastStatusCode log { attempt statusCode error } } }`, {
    s: created.createWebhookSubscription.subscription.id,
  });
  const deliveries = log.webhookDeliveries as Array<{ status: string; attempts: number; log: Array<{ statusCode: number | null; error: string | null }> }>;
  expect(deliveries).toHaveLength(expected.length);
  expect(deliveries.every((d) => d.status === 'DELIVERED')).toBe(true);
  const retried = deliveries.filter((d) => d.attempts > 1);
  expect(retried.length).toBeGreaterThanOrEqual(6);
  for (const d of retried) {
    expect(d.log.at(-1)).toMatchObject({ statusCode: 204, error: null });
    expect(d.log[0]!.error).toBeTruthy();
  }
});

it('a tampered body or a foreign secret fails verification', async () => {
  const sample = receiver.received[0]!;
  const verifier = new Webhook(receiver.secret);
  expect(() => verifier.verify(sample.body, sample.headers)).not.toThrow();
  const tampered = sample.body.replace(sample.event.subject, '00000000-0000-0000-0000-000000000000');
  expect(tampered).not.toBe(sample.body);
  expect(() => verifier.verify(tampered, sample.headers)).toThrow(WebhookVerificationError);
  const other = new Webhook(`whsec_${Buffer.alloc(32, 7).toString('base64')}`);
  expect(() => other.verify(sample.body, sample.headers)).toThrow(WebhookVerificationError);
});

it('dead-letters after the bounded attempts, and a replay delivers the dead letters', async () => {
  const failing = new Receiver();
  failing.failWith = 503;
  await failing.up();
  try {
    const created = await gqlOk(SUBSCRIBE, { i: { consumer: 'flaky', url: failing.url, eventTypes: ['PersonCreated'] } });
    const subId = created.createWebhookSubscription.subscription.id as string;
    failing.secret = created.createWebhookSubscription.secret;
    // Paused, the subscription collects its delivery without sending it; nearly out of attempts, it
    // is dead-lettered quickly once resumed.
    const pause = `mutation ($i: UpdateWebhookSubscriptionInput!) { updateWebhookSubscription(input: $i) { active } }`;
    expect((await gqlOk(pause, { i: { id: subId, active: false } })).updateWebhookSubscription.active).toBe(false);
    const personId = await ingest(unique('C'), 'Dead', '2026-02-01T00:00:00Z');
    await new Promise((r) => setTimeout(r, 300));
    const waiting = await testDb.db.raw.query<{ attempts: number }>(`SELECT "attempts" FROM "WebhookDelivery" WHERE "subscriptionId" = $1::uuid`, [subId]);
    expect(waiting).toEqual([{ attempts: 0 }]);
    await testDb.db.raw.query(`UPDATE "WebhookDelivery" SET "attempts" = 37 WHERE "subscriptionId" = $1::uuid`, [subId]);
    await gqlOk(pause, { i: { id: subId, active: true } });
    const deadQuery = `query ($s: ID!) { webhookDeliveries(subscriptionId: $s, status: DEAD) { eventId attempts lastStatusCode lastError } }`;
    await waitFor(async () => (await gqlOk(deadQuery, { s: subId })).webhookDeliveries.length === 1);
    const dead = (await gqlOk(deadQuery, { s: subId })).webhookDeliveries[0];
    expect(dead).toMatchObject({ attempts: 40, lastStatusCode: 503, lastError: 'receiver answered HTTP 503' });
    expect(failing.received).toHaveLength(0);

    failing.failWith = null;
    const replay = await gqlOk(`mutation ($i: ReplayWebhookDeliveriesInput!) { replayWebhookDeliveries(input: $i) { requeued } }`, { i: { subscriptionId: subId, deadLetters: true } });
    expect(replay.replayWebhookDeliveries.requeued).toBe(1);
    await waitFor(() => failing.received.length === 1);
    expect(failing.received[0]!.event).toMatchObject({ type: 'PersonCreated', subject: personId, id: dead.eventId });

    // Replay from a sequence number re-sends what was already delivered.
    const seq = failing.received[0]!.event.sequence;
    const again = await gqlOk(`mutation ($i: ReplayWebhookDeliveriesInput!) { replayWebhookDeliveries(input: $i) { requeued } }`, { i: { subscriptionId: subId, fromSequence: seq } });
    expect(again.replayWebhookDeliveries.requeued).toBe(1);
    await waitFor(() => failing.received.length === 2);
    expect(failing.received[1]!.headers['webhook-id']).toBe(dead.eventId);
    // The outcomes are counted on /metrics.
    const metrics = await (await fetch(stack.gatewayUrl.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(/peoplegraph_webhook_deliveries_total\{outcome="dead"\} [1-9]/);
    expect(metrics).toMatch(/peoplegraph_webhook_deliveries_total\{outcome="delivered"\} [1-9]/);
  } finally {
    await failing.down();
  }
});

it('pauses a subscription whose receiver answers 410 Gone, and keeps its deliveries for when it is resumed', async () => {
  const gone = new Receiver();
  gone.failWith = 410;
  await gone.up();
  try {
    const created = await gqlOk(SUBSCRIBE, { i: { consumer: 'retired', url: gone.url, eventTypes: ['PersonCreated'] } });
    const subId = created.createWebhookSubscription.subscription.id as string;
    gone.secret = created.createWebhookSubscription.secret;
    await ingest(unique('C'), 'Gone', '2026-03-01T00:00:00Z');
    const active = async () => ((await gqlOk(`{ webhookSubscriptions { id active } }`)).webhookSubscriptions as Array<{ id: string; active: boolean }>).find((s) => s.id === subId)!.active;
    await waitFor(async () => !(await active()));
    const pending = await gqlOk(`query ($s: ID!) { webhookDeliveries(subscriptionId: $s) { status lastStatusCode } }`, { s: subId });
    expect(pending.webhookDeliveries).toEqual([{ status: 'PENDING', lastStatusCode: 410 }]);
    gone.failWith = null;
    await gqlOk(`mutation ($i: UpdateWebhookSubscriptionInput!) { updateWebhookSubscription(input: $i) { active } }`, { i: { id: subId, active: true } });
    await waitFor(() => gone.received.length === 1);
  } finally {
    await gone.down();
  }
});
