// A clumsy or hostile client gets a JSON GraphQL error with a stable code and a 4xx status from the
// gateway and from every subgraph called directly: never an HTML page, a stack trace or a 500, and
// nothing reaches the database.
import request from 'supertest';
import { SUBGRAPH_NAMES } from '../../platform/config';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let auth: string;

beforeAll(async () => {
  stack = await startTestStack({ seed: false });
  auth = (await stack.as('admin')).authorization!;
});

afterAll(async () => {
  await stack?.stop();
});

interface BadRequest {
  name: string;
  /** Raw body text (sent as is) or a value sent as JSON. */
  body: string | Record<string, unknown>;
  contentType?: string;
  status: number;
  code: string;
  /** Only where the target has the fields the request names. */
  only?: 'gateway' | 'subgraphs';
}

const json = (v: unknown) => JSON.stringify(v);
const ENTITIES = 'query($r: [_Any!]!) { _entities(representations: $r) { __typename } }';
const TYPE_BY_NAME = 'query($s: String!) { __type(name: $s) { name } }';
const UUID = '0190a5f0-0000-7000-8000-000000000000';

const CASES: BadRequest[] = [
  { name: 'malformed JSON', body: '{"query": ', status: 400, code: 'BAD_REQUEST' },
  { name: 'a null body', body: 'null', status: 400, code: 'BAD_REQUEST' },
  { name: 'a string body', body: '"{ __typename }"', status: 400, code: 'BAD_REQUEST' },
  { name: 'a number body', body: '42', status: 400, code: 'BAD_REQUEST' },
  { name: 'an array body (a batch)', body: json([{ query: '{ __typename }' }]), status: 400, code: 'BAD_REQUEST' },
  { name: 'a body over 1 MB', body: json({ query: '{ __typename }', variables: { x: 'x'.repeat(1_100_000) } }), status: 413, code: 'PAYLOAD_TOO_LARGE' },
  { name: 'a wrong content-type', body: 'query={__typename}', contentType: 'text/plain', status: 400, code: 'BAD_REQUEST' },
  { name: 'an unknown operationName', body: { query: 'query A { __typename }', operationName: 'B' }, status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'several operations and no operationName', body: { query: 'query A { __typename } query B { __typename }' }, status: 400, code: 'OPERATION_RESOLUTION_FAILURE' },
  { name: 'a syntax error', body: { query: '{ __typename ' }, status: 400, code: 'GRAPHQL_PARSE_FAILED' },
  { name: 'a token flood', body: { query: `{ ${'__typename '.repeat(3000)} }` }, status: 400, code: 'TOO_MANY_TOKENS' },
  { name: 'an alias flood', body: { query: `{ ${Array.from({ length: 30 }, (_, i) => `a${i}: __type(name: "Query") { name }`).join(' ')} }` }, status: 400, code: 'TOO_MANY_ALIASES' },
  { name: 'a directive flood', body: { query: `{ __typename ${'@include(if: true) '.repeat(30)} }` }, status: 400, code: 'TOO_MANY_DIRECTIVES' },
  { name: 'a NUL byte in the variables', body: { query: TYPE_BY_NAME, variables: { s: 'a\u0000b' } }, status: 400, code: 'BAD_USER_INPUT' },
  { name: 'a NUL byte in a variable name', body: { query: TYPE_BY_NAME, variables: { s: 'Query', 'a\u0000': 'x' } }, status: 400, code: 'BAD_USER_INPUT' },
  { name: 'a lone surrogate in the variables', body: json({ query: TYPE_BY_NAME, variables: { s: 'Query' } }).replace('"Query"', '"a\\udc00"'), status: 400, code: 'BAD_USER_INPUT' },
  { name: 'an escaped NUL in a string literal', body: { query: '{ __type(name: "a\\u0000b") { name } }' }, status: 400, code: 'BAD_USER_INPUT' },
  { name: 'a raw lone surrogate in the query text', body: '{"query":"{ __type(name: \\"a\\ud800b\\") { name } }"}', status: 400, code: 'BAD_USER_INPUT' },
  { name: '_entities of a type that is no entity', body: { query: ENTITIES, variables: { r: [{ __typename: 'PageInfo', id: UUID }] } }, status: 400, code: 'BAD_USER_INPUT', only: 'subgraphs' },
  { name: '_entities of an unknown type', body: { query: ENTITIES, variables: { r: [{ __typename: 'Nope', id: UUID }] } }, status: 400, code: 'BAD_USER_INPUT', only: 'subgraphs' },
  { name: '_entities without a __typename', body: { query: ENTITIES, variables: { r: [{ id: UUID }] } }, status: 400, code: 'BAD_USER_INPUT', only: 'subgraphs' },
  { name: '_entities with a non-UUID id', body: { query: ENTITIES, variables: { r: [{ __typename: 'Person', id: "1' OR 1=1" }] } }, status: 400, code: 'BAD_USER_INPUT', only: 'subgraphs' },
  { name: '_entities of a non-entity inside a fragment', body: { query: 'query($r: [_Any!]!) { ...E } fragment E on Query { _entities(representations: $r) { __typename } }', variables: { r: [{ __typename: 'PageInfo', id: UUID }] } }, status: 400, code: 'BAD_USER_INPUT', only: 'subgraphs' },
  { name: '_entities at the gateway', body: { query: ENTITIES, variables: { r: [{ __typename: 'Person', id: UUID }] } }, status: 400, code: 'GRAPHQL_VALIDATION_FAILED', only: 'gateway' },
  {
    name: 'a NUL byte in a search filter',
    body: { query: 'query($f: PersonFilter) { people(first: 1, filter: $f) { edges { node { id } } } }', variables: { f: { name: 'a\u0000b' } } },
    status: 400, code: 'BAD_USER_INPUT', only: 'gateway',
  },
  {
    name: 'a NUL byte in an ingested record',
    body: {
      query: 'mutation($i: IngestPersonRecordInput!) { ingestPersonRecord(input: $i) { personId } }',
      variables: { i: { system: 'CRM', sourceId: 'C-NUL', sourceTimestamp: '2026-01-01T00:00:00Z', attributes: { givenName: 'An\u0000na', familyName: 'Lee' } } },
    },
    status: 400, code: 'BAD_USER_INPUT', only: 'gateway',
  },
];

const TARGETS = ['gateway', ...SUBGRAPH_NAMES] as const;

function urlOf(target: (typeof TARGETS)[number]): string {
  return target === 'gateway' ? stack.gatewayUrl : stack.subgraphUrls[target];
}

async function send(target: (typeof TARGETS)[number], c: BadRequest) {
  const u = new URL(urlOf(target));
  return request(u.origin)
    .post(u.pathname)
    .set('content-type', c.contentType ?? 'application/json')
    .set('apollo-require-preflight', 'true')
    .set('authorization', auth)
    .send(typeof c.body === 'string' ? c.body : json(c.body));
}

const MATRIX = TARGETS.flatMap((target) =>
  CASES.filter((c) => !c.only || (c.only === 'gateway') === (target === 'gateway')).map((c) => [target, c.name] as const),
);

describe('bad requests', () => {
  it.each(MATRIX)('%s answers %s with a coded JSON error, a 4xx and no SQL', async (target, name) => {
    const c = CASES.find((x) => x.name === name)!;
    const before = stack.testDb.db.statementCount();
    const res = await send(target, c);
    expect(res.status).toBe(c.status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.text).not.toMatch(/<html|<!DOCTYPE|\n\s+at /i);
    // Only a real syntax error says so; a limit is not a syntax error.
    if (c.code !== 'GRAPHQL_PARSE_FAILED') expect(res.text).not.toMatch(/Syntax Error/i);
    const body = JSON.parse(res.text) as { data?: unknown; errors?: Array<{ message: string; extensions?: { code?: string } }> };
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.length).toBeGreaterThan(0);
    expect(body.errors![0]!.extensions?.code).toBe(c.code);
    expect(typeof body.errors![0]!.message).toBe('string');
    expect(stack.testDb.db.statementCount()).toBe(before);
  });

  it('the NUL and surrogate checks are not over-eager: paired surrogates (emoji) and ordinary text pass', async () => {
    const res = await stack.gql('query($f: PersonFilter) { people(first: 1, filter: $f) { edges { node { id } } } }', { f: { name: 'Zoë 😀' } });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?.people.edges).toEqual([]);
  });

  it('an _entities call with a valid entity type and an unknown id answers null, not an error', async () => {
    const res = await stack.subgraphGql('person', ENTITIES, { r: [{ __typename: 'Person', id: UUID }] });
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data?._entities).toEqual([null]);
  });
});
