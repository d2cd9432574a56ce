// Starts the real stack for a test file: migrated database, five subgraphs and the gateway on free
// ports, talking HTTP. `gql` posts an operation to the gateway with supertest.
import request from 'supertest';
import { loadConfig, type Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { startEmbeddedStack, type Stack } from '../../cli/stack';
import { systemContext } from '../../subgraphs/shared/system-context';
import type { RequestContext } from '../../subgraphs/shared/context';
import { createTestDatabase, type TestDatabase } from './database';

export interface GqlResponse<T = Record<string, any>> {
  status: number;
  body: { data?: T; errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, any> }> };
  headers: Record<string, string>;
}

export interface TestStack extends Stack {
  config: Config;
  testDb: TestDatabase;
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResponse<T>>;
  /** POST straight to one subgraph, bypassing the gateway. */
  subgraphGql<T = Record<string, any>>(name: keyof Stack['subgraphUrls'], query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GqlResponse<T>>;
  /** A service context for arranging data through the same services the API uses. */
  ctx(actorId?: string): RequestContext;
}

async function post(url: string, query: string, variables: Record<string, unknown> | undefined, headers: Record<string, string>) {
  const u = new URL(url);
  let req = request(u.origin).post(u.pathname).set('content-type', 'application/json').set('apollo-require-preflight', 'true');
  for (const [k, v] of Object.entries(headers)) req = req.set(k, v);
  const res = await req.send({ query, variables });
  return { status: res.status, body: res.body, headers: res.headers as Record<string, string> };
}

export async function startTestStack(options: { seed?: boolean } = {}): Promise<TestStack> {
  const testDb = await createTestDatabase();
  const config: Config = { ...loadConfig({ LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent' }), database: testDb.config };
  const logger = createLogger(config.logLevel);
  const stack = await startEmbeddedStack(config, logger, { ephemeralPorts: true, seed: options.seed ?? false, db: testDb.db });
  return {
    ...stack,
    config,
    testDb,
    gql: (query, variables, headers = {}) => post(stack.gatewayUrl, query, variables, headers),
    subgraphGql: (name, query, variables, headers = {}) => post(stack.subgraphUrls[name], query, variables, headers),
    ctx: (actorId = 'test') => systemContext({ db: testDb.db, config, logger }, actorId),
    stop: async () => {
      await stack.stop();
      await testDb.dispose();
    },
  };
}
