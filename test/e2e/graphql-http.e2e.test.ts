// A plain JSON POST with a Content-Length is served without express; the same body sent chunked goes
// through express (body-parser, guard, @as-integrations/express5). Both must answer alike: status,
// content type and body, for good requests and for every kind of refusal.
import http from 'node:http';
import { startTestStack, type TestStack } from '../support/stack';

let stack: TestStack;
let admin: string;
beforeAll(async () => {
  stack = await startTestStack();
  admin = (await stack.as('admin')).authorization;
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

interface Answer { status: number; type: string | undefined; body: string }

/** Posts `body` with a Content-Length, or in two chunks without one. */
function post(url: string, body: string, chunked: boolean): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string | number> = { 'content-type': 'application/json', authorization: admin };
    if (!chunked) headers['content-length'] = Buffer.byteLength(body);
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (chunked && body.length > 1) {
      req.write(body.slice(0, 1));
      req.end(body.slice(1));
    } else req.end(body);
  });
}

const BODIES: Array<[string, string]> = [
  ['a query', JSON.stringify({ query: '{ __typename }' })],
  ['a query after a byte-order mark', `\uFEFF${JSON.stringify({ query: '{ __typename }' })}`],
  ['a query with variables', JSON.stringify({ query: 'query($s: String!) { __type(name: $s) { name } }', variables: { s: 'Query' } })],
  ['malformed JSON', '{"query": '],
  ['null', 'null'],
  ['a batch', JSON.stringify([{ query: '{ __typename }' }])],
  ['no query', '{}'],
  ['a token flood', JSON.stringify({ query: `{ ${'__typename '.repeat(3000)} }` })],
  ['a NUL byte in the query', JSON.stringify({ query: '{ __type(name: "a\\u0000b") { name } }' })],
];

it.each(BODIES)('answers %s the same with and without express, at the gateway and a subgraph', async (_name, body) => {
  for (const url of [stack.gatewayUrl, stack.subgraphUrls.person]) {
    const direct = await post(url, body, false);
    const viaExpress = await post(url, body, true);
    expect(direct).toEqual(viaExpress);
  }
});

it('answers an empty body with a Content-Length of 0 as express does for {}', async () => {
  const direct = await post(stack.subgraphUrls.person, '', false);
  const viaExpress = await post(stack.subgraphUrls.person, '{}', true);
  expect(direct).toEqual(viaExpress);
  expect(direct.status).toBe(400);
});
