// The committed supergraph under Hive Gateway (gateway/hive-gateway.ts) in front of the real subgraphs:
// it routes and forwards the token, and although Hive Gateway checks no token and enforces none of our
// limits, nothing more gets through than through the Apollo gateway, because every subgraph checks
// both itself. Identical concurrent requests are not merged into one subgraph call.
import request from 'supertest';
import { startHiveGateway } from '../../gateway/hive-gateway';
import type { RunningServer } from '../../subgraphs/shared/graphql-http';
import { createEmployment, createOrganization, createPerson } from '../support/factories';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let hive: RunningServer;
let personId: string;

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  hive = await startHiveGateway({ ...stack.config, subgraphUrls: stack.subgraphUrls }, 0);
  const ctx = stack.ctx();
  personId = await createPerson(ctx, { givenName: 'Hilde', familyName: 'Hive', system: 'HRIS' });
  const org = await createOrganization(ctx, 'Hive Works');
  await createEmployment(ctx, { personId, organizationId: org.id });
}, 120_000);

afterAll(async () => {
  await hive?.stop();
  await stack?.stop();
});

async function viaHive(query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const u = new URL(hive.url);
  let req = request(u.origin).post(u.pathname).set('content-type', 'application/json');
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  const res = await req.send({ query, variables });
  return { status: res.status, body: res.body as { data?: Record<string, any> | null; errors?: Array<{ message: string; extensions?: Record<string, any> }> } };
}

const PERSON_ACROSS_SUBGRAPHS = 'query($id: ID!) { person(id: $id) { id legalName employments { status organization { name } } } }';

describe('Hive Gateway over the committed supergraph', () => {
  it('answers a query across subgraphs for a caller with a token', async () => {
    const res = await viaHive(PERSON_ACROSS_SUBGRAPHS, { id: personId }, await stack.as('admin'));
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.person).toEqual({ id: personId, legalName: 'Hilde Hive', employments: [{ status: 'ACTIVE', organization: { name: 'Hive Works' } }] });
  });

  it('refuses a query without a token: the subgraph answers 401 UNAUTHENTICATED and no data', async () => {
    const res = await viaHive(PERSON_ACROSS_SUBGRAPHS, { id: personId });
    expect(res.status).toBe(401);
    expect(res.body.data?.person ?? null).toBeNull();
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('forwards the role of the token: a reader sees the masked name, as through the Apollo gateway', async () => {
    const reader = await stack.as('reader');
    const hiveRes = await viaHive(PERSON_ACROSS_SUBGRAPHS, { id: personId }, reader);
    const apolloRes = await stack.gql(PERSON_ACROSS_SUBGRAPHS, { id: personId }, reader);
    expect(hiveRes.body.data?.person).toEqual(apolloRes.body.data?.person);
    expect(hiveRes.body.data?.person?.legalName).not.toBe('Hilde Hive');
  });

  it('forwards x-correlation-id and idempotency-key: the write is audited under the caller\'s correlation id and replayed, not repeated', async () => {
    const hris = await stack.as('hris', { system: 'HRIS', sub: 'hive-hris' });
    const mutation = 'mutation($i: UpsertOrganizationInput!) { upsertOrganization(input: $i) { created organization { id name } } }';
    const input = { i: { system: 'HRIS', externalId: 'LE-HIVE-1', name: 'Hive Legal Entity', region: 'EU', country: 'DE' } };
    const headers = { ...hris, 'x-correlation-id': 'corr-hive-1', 'idempotency-key': 'hive-idem-1' };
    const first = await viaHive(mutation, input, headers);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data?.upsertOrganization.created).toBe(true);
    // A repeated upsert would answer created: false; the stored response of the key says true again.
    const second = await viaHive(mutation, input, headers);
    expect(second.body.data).toEqual(first.body.data);
    const id = first.body.data?.upsertOrganization.organization.id as string;
    const audited = await stack.testDb.db.prisma.$queryRawUnsafe<Array<{ correlationId: string }>>('SELECT "correlationId" FROM "AuditEvent" WHERE "entityId"::text = $1', id);
    expect(audited.length).toBeGreaterThan(0);
    expect(new Set(audited.map((a) => a.correlationId))).toEqual(new Set(['corr-hive-1']));
  });

  it.each([
    // Within one subgraph: a planned fetch is costed there with the representations it really carries.
    ['an over-cost query', '{ people(first: 100) { edges { node { id sourceRecords { id person { id sourceRecords { id person { id externalIds { system value } } } } } } } } }', 'QUERY_TOO_COMPLEX'],
    ['an over-depth query', `{ organizations(first: 1) { edges { node { ${'parent { '.repeat(10)}id${' }'.repeat(10)} } } } }`, 'QUERY_TOO_DEEP'],
  ])('%s is refused by the subgraph before any SQL, though Hive Gateway enforces no limit', async (_name, query, code) => {
    const before = stack.testDb.db.statementCount();
    const res = await viaHive(query, undefined, await stack.as('admin'));
    expect(res.status).toBe(400);
    expect(res.body.data?.organizations ?? res.body.data?.people ?? null).toBeNull();
    expect(res.body.errors?.map((e) => e.extensions?.code)).toContain(code);
    expect(stack.testDb.db.statementCount()).toBe(before);
  });

  it('sends two identical concurrent requests to the subgraphs twice: each read is in the access log', async () => {
    const auth = await stack.as('admin', { sub: 'hive-dedupe' });
    const query = 'query($id: ID!) { person(id: $id) { legalName } }';
    const rows = () => stack.testDb.db.prisma.accessLog.count({ where: { actorId: 'hive-dedupe', personId } });
    const start = await rows();
    const [a, b] = await Promise.all([viaHive(query, { id: personId }, auth), viaHive(query, { id: personId }, auth)]);
    expect(a.body.data?.person?.legalName).toBe('Hilde Hive');
    expect(b.body.data?.person?.legalName).toBe('Hilde Hive');
    // The access log is written when the response is sent; give the second insert a moment.
    for (let i = 0; i < 50 && (await rows()) < start + 2; i++) await new Promise((r) => setTimeout(r, 20));
    expect((await rows()) - start).toBe(2);
  });
});
