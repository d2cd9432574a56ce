// The embedded gateway calls the subgraphs of its process without HTTP; a gateway calling the same
// subgraphs over HTTP (as it calls remote ones) must answer exactly the same, for every role, for
// refusals and for errors, and record the same full reads in the access log.
import request from 'supertest';
import { startEmbeddedStack, type Stack } from '../../cli/stack';
import { createLogger } from '../../platform/logger';
import { startTestStack, type TestStack } from '../support/stack';
import { createEmployment, createJob, createOrganization, createPerson } from '../support/factories';
import type { Role } from '../../core/privacy/scopes';

let local: TestStack;
let overHttp: Stack;
let personId: string;

beforeAll(async () => {
  local = await startTestStack();
  overHttp = await startEmbeddedStack(local.config, createLogger('silent'), { ephemeralPorts: true, db: local.testDb.db, seed: false, localSubgraphCalls: false, webhooks: false });
  const ctx = local.ctx();
  const org = await createOrganization(ctx);
  const job = await createJob(ctx, org.id);
  personId = await createPerson(ctx, { givenName: 'Transport', familyName: 'Check', email: 'transport.check@example.com' });
  await createEmployment(ctx, { personId, organizationId: org.id, jobId: job.id });
}, 120_000);
afterAll(async () => {
  await overHttp?.stop();
  await local?.stop();
});

async function both(query: string, variables: Record<string, unknown>, headers: Record<string, string>) {
  const send = async (url: string) => {
    const u = new URL(url);
    let req = request(u.origin).post(u.pathname).set('content-type', 'application/json');
    for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
    const res = await req.send({ query, variables });
    return { status: res.status, body: res.body as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> } };
  };
  return { local: await send(local.gatewayUrl), http: await send(overHttp.gatewayUrl) };
}

const PERSON = `query($id: ID!) { person(id: $id) { id legalName primaryEmail birthDate phones
  employments { title salary employeeNumber organization { name } job { title } } } }`;

it.each<Role>(['reader', 'recruiter', 'hr', 'steward', 'admin'])('answers %s the same with and without HTTP to the subgraphs', async (role) => {
  const r = await both(PERSON, { id: personId }, await local.as(role));
  expect(r.local.status).toBe(200);
  expect(r.local).toEqual(r.http);
  expect((r.local.body.data as { person: { id: string } }).person.id).toBe(personId);
});

it('refuses a missing token, a field the role may not use and a malformed id the same way', async () => {
  const noToken = await both(PERSON, { id: personId }, {});
  expect(noToken.local).toEqual(noToken.http);
  expect(noToken.local.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

  const reader = await local.as('reader');
  const denied = await both(`{ matchReviews(first: 1) { edges { node { id } } } }`, {}, reader);
  expect(denied.local).toEqual(denied.http);
  expect(denied.local.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

  const malformed = await both(PERSON, { id: 'not-a-uuid' }, reader);
  expect(malformed.local).toEqual(malformed.http);
  expect(malformed.local.body.errors?.length).toBeGreaterThan(0);
});

it('records the same full reads in the access log either way', async () => {
  const hr = await local.as('hr', { sub: 'transport-hr' });
  const count = async () => (await local.testDb.db.prisma.accessLog.findMany({ where: { personId, actorId: 'transport-hr' }, select: { field: true } })).map((e) => e.field).sort();
  await request(new URL(local.gatewayUrl).origin).post('/graphql').set('content-type', 'application/json').set(hr).send({ query: PERSON, variables: { id: personId } });
  const afterLocal = await count();
  expect(afterLocal.length).toBeGreaterThan(0);
  await request(new URL(overHttp.gatewayUrl).origin).post('/graphql').set('content-type', 'application/json').set(hr).send({ query: PERSON, variables: { id: personId } });
  const afterHttp = await count();
  // The same fields again, once more each.
  expect(afterHttp).toEqual([...afterLocal, ...afterLocal].sort());
});
