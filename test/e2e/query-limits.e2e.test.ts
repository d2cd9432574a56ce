// Abusive operations are refused at the gateway and at each subgraph before anything runs: deep
// nesting, alias floods, directive floods, token floods, costly selections and huge variable lists.
import fs from 'node:fs';
import request from 'supertest';
import { getNullableType, isInterfaceType, isListType, isObjectType } from 'graphql';
import { Supergraph } from '@apollo/federation-internals';
import { supergraphFile } from '../../platform/paths';
import { LIST_SIZES } from '../../subgraphs/shared/query-limits';
import { createEmployment, createOrganization, createPerson } from '../support/factories';
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

const ABUSES: Array<[string, string, Record<string, unknown> | undefined, RegExp, string]> = [
  ['deep nesting', deepQuery(9), undefined, /depth limit/, 'QUERY_TOO_DEEP'],
  ['an alias flood', aliasFlood, undefined, /Aliases limit/, 'TOO_MANY_ALIASES'],
  ['a directive flood', directiveFlood, undefined, /Directives limit/, 'TOO_MANY_DIRECTIVES'],
  ['a token flood', tokenFlood, undefined, /Token limit/, 'TOO_MANY_TOKENS'],
  ['a costly selection', costly, undefined, /cost limit/, 'QUERY_TOO_COMPLEX'],
  [
    'a huge list in the variables',
    `mutation($inputs: [IngestPersonRecordInput!]!) { ingestPersonRecords(inputs: $inputs) { counts { decision count } } }`,
    { inputs: Array.from({ length: 5000 }, (_, i) => ({ system: 'CRM', sourceId: `X-${i}`, sourceTimestamp: '2026-01-01T00:00:00Z', attributes: { givenName: 'A' } })) },
    /limited to 1000 items/,
    'BAD_USER_INPUT',
  ],
];

function expectRejected(res: GqlResponse, reason: RegExp, code: string) {
  expect(res.status).toBe(400);
  expect(res.body.data ?? null).toBeNull();
  expect(res.body.errors?.length).toBeGreaterThan(0);
  expect(res.body.errors![0]!.extensions?.code).toBe(code);
  expect(res.body.errors![0]!.message).toMatch(reason);
  expect(res.body.errors![0]!.message).not.toMatch(/Syntax Error/);
}

describe('query limits', () => {
  it('accepts an ordinary nested query', async () => {
    const res = await stack.gql(`{ people(first: 5) { edges { node { id employments { id organization { id name parent { id } } } offers { id job { id title } } } } } }`);
    expect(res.body.errors).toBeUndefined();
  });

  it('accepts a page of 50 people with their ids, employments and offers (cost by what a page can return)', async () => {
    const res = await stack.gql('{ people(first: 50) { edges { node { id externalIds { system } employments { id job { id } organization { id } } offers { id job { id } } } } } }');
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.people.edges).toEqual(expect.any(Array));
  });

  it.each([
    ['nested pages that could return 10^7 values', '{ organizations(first: 100) { edges { node { employees(first: 100) { employments { job { offers(first: 100) { id } } } } } } } }', undefined, 'QUERY_TOO_COMPLEX'],
    ['nested first: 1000 lists', '{ people(first: 1000) { edges { node { employments { organization { employments(first: 1000) { id } } } } } } }', undefined, 'QUERY_TOO_COMPLEX'],
    ['a page size given in a variable', 'query($n: Int) { people(first: $n) { edges { node { id employments { id } } } } }', { n: 1_000_000 }, 'QUERY_TOO_COMPLEX'],
    ['a child list over the page size', '{ organizations(first: 1) { edges { node { employees(first: 101) { id } } } } }', undefined, 'BAD_USER_INPUT'],
  ])('refuses %s before any SQL runs', async (_name, query, variables, code) => {
    const before = stack.testDb.db.statementCount();
    const res = await stack.gql(query, variables);
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.extensions?.code).toBe(code);
    expect(stack.testDb.db.statementCount()).toBe(before);
  });

  it('an organization lists its employees and employments a page at a time (first, default 20)', async () => {
    const ctx = stack.ctx();
    const org = await createOrganization(ctx);
    for (let i = 0; i < 3; i++) await createEmployment(ctx, { personId: await createPerson(ctx, { givenName: `E${i}` }), organizationId: org.id });
    const res = await stack.gql('query($id: ID!) { organization(id: $id) { two: employees(first: 2) { id } all: employees { id } employments(first: 1) { id } } }', { id: org.id });
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.organization.two).toHaveLength(2);
    expect(res.body.data?.organization.all).toHaveLength(3);
    expect(res.body.data?.organization.employments).toHaveLength(1);
  });

  it('every list field of the composed supergraph is bounded: a page argument, a connection, or a listed hard bound', () => {
    const schema = Supergraph.build(fs.readFileSync(supergraphFile(), 'utf8')).apiSchema().toGraphQLJSSchema();
    const unbounded: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type))) continue;
      for (const field of Object.values(type.getFields())) {
        if (!isListType(getNullableType(field.type))) continue;
        const coordinate = `${type.name}.${field.name}`;
        const paged = field.args.some((a) => (a.name === 'first' || a.name === 'last') && typeof a.defaultValue === 'number');
        const connectionEdges = type.name.endsWith('Connection') && field.name === 'edges';
        if (!paged && !connectionEdges && !LIST_SIZES[coordinate]) unbounded.push(coordinate);
      }
    }
    expect(unbounded).toEqual([]);
    // The table names only fields that exist (no stale entries hiding a renamed list).
    const stale = Object.keys(LIST_SIZES).filter((c) => {
      const [t, f] = c.split('.') as [string, string];
      const type = schema.getType(t);
      return t !== 'Query' || f !== '_entities' ? !(type && isObjectType(type) && type.getFields()[f]) : false;
    });
    expect(stale).toEqual([]);
  });

  it.each(ABUSES.map(([name]) => name))('the gateway refuses %s before any SQL runs', async (name) => {
    const [, query, variables, reason, code] = ABUSES.find(([n]) => n === name)!;
    const before = stack.testDb.db.statementCount();
    expectRejected(await stack.gql(query, variables), reason, code);
    expect(stack.testDb.db.statementCount()).toBe(before);
  });

  it.each(ABUSES.map(([name]) => name))('a subgraph called directly refuses %s before any SQL runs', async (name) => {
    const [, query, variables, reason, code] = ABUSES.find(([n]) => n === name)!;
    const sub = name === 'deep nesting' ? 'organization' : 'person';
    // Fields of other subgraphs do not exist here: use what this subgraph has.
    const local = name === 'a costly selection'
      ? `{ ${Array.from({ length: 14 }, (_, i) => `p${i}: ${personOnlyCostly}`).join(' ')} }`
      : query;
    const before = stack.testDb.db.statementCount();
    expectRejected(await stack.subgraphGql(sub, local, variables), reason, code);
    expect(stack.testDb.db.statementCount()).toBe(before);
  });

  it('refuses a body over the size limit', async () => {
    const res = await stack.gql(`{ people(first: 1) { edges { node { id } } } }`, { padding: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(413);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('PAYLOAD_TOO_LARGE');
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
