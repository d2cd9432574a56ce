// Abusive operations are refused at the gateway and at each subgraph before anything runs: deep
// nesting, alias floods, directive floods, token floods, costly selections and huge variable lists.
import request from 'supertest';
import { createLogger } from '../../platform/logger';
import { SUBGRAPHS } from '../../subgraphs';
import { createSubgraphApp } from '../../subgraphs/shared/factory';
import { startTestStack, type GqlResponse, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
});

afterAll(async () => {
  await stack?.stop();
});

/** Deeply nested selection along Organization.parent. */
function deepQuery(levels: number): string {
  return `{ organizations(first: 1) { edges { node { ${'parent { '.repeat(levels)}id${' }'.repeat(levels)} } } } }`;
}

const aliasFlood = `{ people(first: 1) { edges { node { id ${Array.from({ length: 50 }, (_, i) => `a${i}: id`).join(' ')} } } } }`;
const directiveFlood = `{ people(first: 1) { edges { node { id ${'@include(if: true) '.repeat(100)} } } } }`;
const tokenFlood = `{ people(first: 1) { edges { node { ${'id '.repeat(5000)} } } } }`;
// Within the depth, alias and token limits, but the static cost of the selection is over the limit.
const costlySelection = 'people(first: 1) { edges { node { id legalName primaryEmail employments { id title department organization { id name country jobs { id title status offers { id status salary currency startDate person { id legalName givenName familyName primaryEmail birthDate region } } } } } } } }';
const P = 'id legalName givenName familyName primaryEmail birthDate region';
const personOnlyCostly = `people(first: 1) { edges { node { ${P} sourceRecords { id system sourceId person { ${P} sourceRecords { id system sourceId person { ${P} externalIds { system value linkedBy linkedAt } } } } } } } }`;
const costly = `{ ${Array.from({ length: 14 }, (_, i) => `p${i}: ${costlySelection}`).join(' ')} }`;

const ABUSES: Array<[string, string, Record<string, unknown> | undefined, RegExp]> = [
  ['deep nesting', deepQuery(9), undefined, /depth limit/],
  ['an alias flood', aliasFlood, undefined, /Aliases limit/],
  ['a directive flood', directiveFlood, undefined, /Directives limit/],
  ['a token flood', tokenFlood, undefined, /Token limit/],
  ['a costly selection', costly, undefined, /Cost limit/],
  [
    'a huge list in the variables',
    `mutation($inputs: [IngestPersonRecordInput!]!) { ingestPersonRecords(inputs: $inputs) { counts { decision count } } }`,
    { inputs: Array.from({ length: 5000 }, (_, i) => ({ system: 'CRM', sourceId: `X-${i}`, sourceTimestamp: '2026-01-01T00:00:00Z', attributes: { givenName: 'A' } })) },
    /limited to 1000 items/,
  ],
];

function expectRejected(res: GqlResponse, reason: RegExp) {
  expect(res.status).toBeGreaterThanOrEqual(400);
  expect(res.body.data ?? null).toBeNull();
  expect(res.body.errors?.length).toBeGreaterThan(0);
  expect(res.body.errors![0]!.extensions?.code).toMatch(/GRAPHQL_VALIDATION_FAILED|GRAPHQL_PARSE_FAILED|BAD_USER_INPUT/);
  expect(res.body.errors![0]!.message).toMatch(reason);
}

describe('query limits', () => {
  it('accepts an ordinary nested query', async () => {
    const res = await stack.gql(`{ people(first: 5) { edges { node { id employments { id organization { id name parent { id } } } offers { id job { id title } } } } } }`);
    expect(res.body.errors).toBeUndefined();
  });

  it.each(ABUSES.map(([name]) => name))('the gateway refuses %s before any SQL runs', async (name) => {
    const [, query, variables, reason] = ABUSES.find(([n]) => n === name)!;
    const before = stack.testDb.db.statementCount();
    expectRejected(await stack.gql(query, variables), reason);
    expect(stack.testDb.db.statementCount()).toBe(before);
  });

  it.each(ABUSES.map(([name]) => name))('a subgraph called directly refuses %s before any SQL runs', async (name) => {
    const [, query, variables, reason] = ABUSES.find(([n]) => n === name)!;
    const sub = name === 'deep nesting' ? 'organization' : 'person';
    // Fields of other subgraphs do not exist here: use what this subgraph has.
    const local = name === 'a costly selection'
      ? `{ ${Array.from({ length: 14 }, (_, i) => `p${i}: ${personOnlyCostly}`).join(' ')} }`
      : query;
    const before = stack.testDb.db.statementCount();
    expectRejected(await stack.subgraphGql(sub, local, variables), reason);
    expect(stack.testDb.db.statementCount()).toBe(before);
  });

  it('refuses a body over the size limit', async () => {
    const res = await stack.gql(`{ people(first: 1) { edges { node { id } } } }`, { padding: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
  });

  it('keeps CSRF prevention on: a simple request without a preflight header is refused', async () => {
    const u = new URL(stack.gatewayUrl);
    const request = (await import('supertest')).default;
    const res = await request(u.origin).get(`${u.pathname}?query=${encodeURIComponent('{ people(first: 1) { edges { node { id } } } }')}`).set('authorization', (await stack.as('admin')).authorization!);
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/CSRF/i);
  });

  it('in production, answers no introspection and suggests no field names', async () => {
    const config = { ...stack.config, nodeEnv: 'production' as const };
    const { app, server } = await createSubgraphApp(SUBGRAPHS.person, { db: stack.testDb.db, config, logger: createLogger('silent') });
    try {
      const auth = (await stack.as('admin')).authorization!;
      const post = (query: string) => request(app).post('/graphql').set('content-type', 'application/json').set('authorization', auth).send({ query });
      const introspection = await post('{ __schema { types { name } } }');
      expect(introspection.body.data ?? null).toBeNull();
      expect(JSON.stringify(introspection.body.errors)).toMatch(/introspection/i);
      const typo = await post('{ people(first: 1) { edges { node { legalNam } } } }');
      expect(typo.body.errors?.length).toBeGreaterThan(0);
      expect(JSON.stringify(typo.body.errors)).not.toMatch(/Did you mean/);
      expect(JSON.stringify(typo.body.errors)).not.toMatch(/legalName/);
    } finally {
      await server.stop();
    }
  });

  it('outside production, still suggests field names (so the check above is not vacuous)', async () => {
    const res = await stack.subgraphGql('person', '{ people(first: 1) { edges { node { legalNam } } } }');
    expect(JSON.stringify(res.body.errors)).toMatch(/Did you mean/);
  });
});
