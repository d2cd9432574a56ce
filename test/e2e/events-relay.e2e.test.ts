// Mutations through the gateway → outbox → relay → the real NATS JetStream: every committed event is on
// the stream exactly once, with msgID = event id, in order per aggregate, and its CloudEvents envelope
// and payload validate against the contracts. The same events read back through the `events` query.
import type { NatsConnection } from 'nats';
import { buildCloudEvent, checkEventData, CloudEventSchema } from '../../core/events';
import { OutboxRelay } from '../../events/relay';
import { connectNats } from '../../platform/nats';
import { createLogger } from '../../platform/logger';
import { startTestStack, type TestStack } from '../support/stack';
import { unique } from '../support/factories';
import { itWithSharedNats, lastStreamSeq, readStream, SHARED_NATS_URL } from '../support/nats';

const itNats = itWithSharedNats();
let stack: TestStack;
let nc: NatsConnection | null = null;

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await nc?.close();
  await stack?.stop();
});

async function gqlOk(query: string, variables: Record<string, unknown>) {
  const res = await stack.gql(query, variables);
  expect(res.body.errors).toBeUndefined();
  return res.body.data!;
}

/** A candidate-to-employee story through the API: ATS ingest, org, job, offer accepted, employment. */
async function runHiringStory() {
  const ingest = await gqlOk(`mutation ($i: IngestPersonRecordInput!) { ingestPersonRecord(input: $i) { personId decision } }`, {
    i: { system: 'ATS', sourceId: unique('cand'), sourceTimestamp: '2026-02-01T00:00:00Z', attributes: { givenName: 'Grace', familyName: unique('Hopper'), email: `${unique('g')}@example.com` } },
  });
  const personId = ingest.ingestPersonRecord.personId as string;
  const org = await gqlOk(`mutation ($i: UpsertOrganizationInput!) { upsertOrganization(input: $i) { organization { id } } }`, {
    i: { system: 'HRIS', externalId: unique('LE'), name: unique('Org'), region: 'EU', country: 'DE' },
  });
  const orgId = org.upsertOrganization.organization.id as string;
  const job = await gqlOk(`mutation ($i: UpsertJobInput!) { upsertJob(input: $i) { job { id } } }`, {
    i: { system: 'ATS', externalId: unique('REQ'), title: 'Analyst', organizationId: orgId },
  });
  const jobId = job.upsertJob.job.id as string;
  const offerExt = unique('OFF');
  for (const status of ['EXTENDED', 'ACCEPTED']) {
    await gqlOk(`mutation ($i: UpsertOfferInput!) { upsertOffer(input: $i) { offer { id } } }`, {
      i: { system: 'ATS', externalId: offerExt, personId, jobId, status, salary: '55000', currency: 'EUR' },
    });
  }
  const empExt = unique('EMP');
  for (const status of ['PENDING', 'ACTIVE']) {
    await gqlOk(`mutation ($i: UpsertEmploymentInput!) { upsertEmployment(input: $i) { employment { id } } }`, {
      i: { system: 'HRIS', externalId: empExt, personId, organizationId: orgId, jobId, status, hireDate: '2026-05-01' },
    });
  }
  return { personId };
}

async function drain(relay: OutboxRelay) {
  for (let i = 0; i < 100; i++) {
    const r = await relay.runBatch();
    expect(r.unavailable).toBe(false);
    expect(r.failed).toBe(0);
    if (r.claimed === 0) return;
  }
  throw new Error('outbox did not drain');
}

describe('outbox relay to NATS JetStream', () => {
  itNats('publishes every committed event exactly once, msgID = event id, in order per aggregate, matching its contract', async () => {
    nc = await connectNats(SHARED_NATS_URL, createLogger('silent'));
    const relay = new OutboxRelay({ db: stack.testDb.db, nc, logger: createLogger('silent'), batchSize: 7 });
    const startSeq = await lastStreamSeq(nc);
    await runHiringStory();

    const rows = await stack.testDb.db.prisma.outboxEvent.findMany({ orderBy: { seq: 'asc' } });
    const types = new Set(rows.map((r) => r.type));
    for (const t of ['PersonCreated', 'OrganizationUpserted', 'JobUpserted', 'OfferUpserted', 'OfferAccepted', 'PersonUpdated', 'EmploymentCreated', 'EmploymentUpdated']) {
      expect(types).toContain(t);
    }
    await drain(relay);
    // With NATS_URL set the stack runs its own relay too: rows it holds while publishing are skipped by
    // this one (SKIP LOCKED). Wait until every row is published, by either, before reading the stream.
    for (const started = Date.now(); Date.now() - started < 30_000;) {
      if ((await stack.testDb.db.prisma.outboxEvent.count({ where: { eventId: { in: rows.map((r) => r.eventId) }, publishedAt: null } })) === 0) break;
      await new Promise((r) => setTimeout(r, 100));
      await drain(relay);
    }

    const ours = new Map(rows.map((r) => [r.eventId, r]));
    const published = (await readStream(nc, startSeq)).filter((m) => ours.has(m.headers?.get('Nats-Msg-Id') ?? ''));
    expect(published).toHaveLength(rows.length);
    const seen = new Set<string>();
    const lastSeqByAggregate = new Map<string, bigint>();
    for (const m of published) {
      const msgId = m.headers!.get('Nats-Msg-Id');
      const body = JSON.parse(new TextDecoder().decode(m.data));
      const row = ours.get(msgId)!;
      expect(seen.has(msgId)).toBe(false);
      seen.add(msgId);
      // The envelope is exactly what the pure builder makes of the row, and it validates.
      expect(body).toEqual(JSON.parse(JSON.stringify(buildCloudEvent(row))));
      expect(CloudEventSchema.safeParse(body).success).toBe(true);
      expect(checkEventData(body.type, body.dataversion, body.data)).toEqual({ ok: true });
      expect(body.id).toBe(msgId);
      expect(m.subject).toBe(`peoplegraph.events.${row.type}`);
      // Stream order within one aggregate follows commit (outbox) order.
      const prev = lastSeqByAggregate.get(row.aggregateId);
      if (prev !== undefined) expect(row.seq > prev).toBe(true);
      lastSeqByAggregate.set(row.aggregateId, row.seq);
    }
    const after = await stack.testDb.db.prisma.outboxEvent.count({ where: { publishedAt: null } });
    expect(after).toBe(0);

    // A relay that crashed before marking rows published sends them again: the server drops the copies.
    const before = await lastStreamSeq(nc);
    await stack.testDb.db.prisma.outboxEvent.updateMany({ data: { publishedAt: null } });
    await drain(relay);
    const again = (await readStream(nc, before)).filter((m) => ours.has(m.headers?.get('Nats-Msg-Id') ?? ''));
    expect(again).toHaveLength(0);
  });

  it('serves the same events through the paginated events query, filterable by type', async () => {
    await runHiringStory();
    const rows = await stack.testDb.db.prisma.outboxEvent.findMany({ orderBy: { seq: 'asc' } });
    const Q = `query ($after: String, $types: [String!], $first: Int) { events(after: $after, types: $types, first: $first) {
      edges { cursor node { id source type specversion time subject datacontenttype dataschema correlationid causationid actor sourcesystem dataversion aggregatetype sequence data } }
      pageInfo { hasNextPage endCursor } } }`;
    const all: Array<Record<string, unknown>> = [];
    let after: string | null = null;
    for (let page = 0; page < 50; page++) {
      const data = await gqlOk(Q, { after, first: 4 });
      all.push(...data.events.edges.map((e: { node: Record<string, unknown> }) => e.node));
      after = data.events.pageInfo.endCursor;
      if (!data.events.pageInfo.hasNextPage) break;
    }
    expect(all.map((e) => e.id)).toEqual(rows.map((r) => r.eventId));
    const first = buildCloudEvent(rows[0]);
    expect(all[0]).toEqual({ ...first, causationid: first.causationid ?? null, sourcesystem: first.sourcesystem ?? null });

    const offers = await gqlOk(Q, { types: ['OfferAccepted'], first: 50 });
    expect(offers.events.edges.map((e: { node: { type: string } }) => e.node.type)).toEqual(rows.filter((r) => r.type === 'OfferAccepted').map(() => 'OfferAccepted'));
    // Reading on from the end returns nothing and keeps the cursor, so a poller can simply repeat.
    const tail = await gqlOk(Q, { after, first: 10 });
    expect(tail.events).toEqual({ edges: [], pageInfo: { hasNextPage: false, endCursor: after } });

    const denied = await stack.gql(`{ events(first: 1) { edges { cursor } } }`, {}, await stack.as('reader'));
    expect(denied.body.errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });

  it('exposes Prometheus metrics on the gateway and every subgraph', async () => {
    await gqlOk(`query PeopleForMetrics { people(first: 1) { edges { node { id } } } }`, {});
    const gateway = await fetch(stack.gatewayUrl.replace(/\/graphql$/, '/metrics')).then((r) => r.text());
    expect(gateway).toMatch(/peoplegraph_graphql_request_duration_seconds_count\{service="gateway",operation="PeopleForMetrics",outcome="ok"\} \d+/);
    expect(gateway).toMatch(/peoplegraph_graphql_request_duration_seconds_count\{service="person",operation="PeopleForMetrics[^"]*",outcome="ok"\} \d+/);
    expect(gateway).toMatch(/^peoplegraph_outbox_lag_seconds \d/m);
    expect(gateway).toMatch(/^peoplegraph_review_queue_depth \d+/m);
    for (const url of Object.values(stack.subgraphUrls)) {
      const res = await fetch(url.replace(/\/graphql$/, '/metrics'));
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('peoplegraph_outbox_unpublished_events');
    }
  });
});
