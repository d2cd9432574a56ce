// Starts the real stack for a test file: migrated database, five subgraphs and the gateway on free
// ports, talking HTTP. `gql` posts an operation to the gateway with supertest, as an admin unless the
// headers say otherwise: `stack.as('reader')` for a role's token, `NO_TOKEN` for none.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { loadConfig, type Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { startEmbeddedStack, type Stack } from '../../cli/stack';
import { systemContext } from '../../subgraphs/shared/system-context';
import type { RequestContext } from '../../subgraphs/shared/context';
import { createTestDatabase, type TestDatabase } from './database';
import { signToken, type TokenRequest } from '../../subgraphs/shared/auth/sign-token';
import type { Role } from '../../core/privacy/scopes';

/** Headers that send no authorization at all. */
export const NO_TOKEN: Record<string, string> = Object.freeze({ authorization: '' }) as Record<string, string>;

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
  /** Log lines written so far, when started with `captureLogs` (every level from debug up). */
  logs: string[];
  /** A signed bearer token for the test configuration's key. */
  token(req: TokenRequest): Promise<string>;
  /** Authorization headers of a token for one role (plus any claims of `extra`). */
  as(role: Role, extra?: Omit<TokenRequest, 'roles'>): Promise<Record<string, string>>;
}

async function post(url: string, query: string, variables: Record<string, unknown> | undefined, headers: Record<string, string>, defaultAuth: string) {
  const u = new URL(url);
  let req = request(u.origin).post(u.pathname).set('content-type', 'application/json').set('apollo-require-preflight', 'true');
  // Admin unless the caller sent its own authorization; an empty one (NO_TOKEN) sends none.
  const all = 'authorization' in headers ? headers : { ...headers, authorization: defaultAuth };
  for (const [k, v] of Object.entries(all)) if (!(k === 'authorization' && v === '')) req = req.set(k, v);
  const res = await req.send({ query, variables });
  return { status: res.status, body: res.body, headers: res.headers as Record<string, string> };
}

export async function startTestStack(options: { seed?: boolean; captureLogs?: boolean } = {}): Promise<TestStack> {
  const testDb = await createTestDatabase();
  const logLevel = options.captureLogs ? 'debug' : (process.env.TEST_LOG_LEVEL ?? 'silent');
  const base = loadConfig({ LOG_LEVEL: logLevel });
  // Each test database publishes its audit checkpoints to a file of its own: a shared file would mix chains.
  const checkpointFile = path.join(os.tmpdir(), `peoplegraph-test-checkpoints-${process.pid}-${randomUUID()}.jsonl`);
  const config: Config = { ...base, database: testDb.config, audit: { ...base.audit, checkpointFile } };
  const logs: string[] = [];
  const logger = createLogger(config.logLevel, 'peoplegraph', options.captureLogs ? { write: (line: string) => void logs.push(line) } : undefined);
  const stack = await startEmbeddedStack(config, logger, { ephemeralPorts: true, seed: options.seed ?? false, db: testDb.db });
  const token = (req: TokenRequest) => signToken(config.auth, req);
  const admin = `Bearer ${await token({ roles: ['admin'], sub: 'test-admin' })}`;
  return {
    ...stack,
    config,
    testDb,
    logs,
    gql: (query, variables, headers = {}) => post(stack.gatewayUrl, query, variables, headers, admin),
    subgraphGql: (name, query, variables, headers = {}) => post(stack.subgraphUrls[name], query, variables, headers, admin),
    ctx: (actorId = 'test') => systemContext({ db: testDb.db, config, logger }, actorId),
    token,
    as: async (role, extra = {}) => ({ authorization: `Bearer ${await token({ ...extra, roles: [role] })}` }),
    stop: async () => {
      await stack.stop();
      await testDb.dispose();
      await fs.rm(checkpointFile, { force: true });
    },
  };
}
