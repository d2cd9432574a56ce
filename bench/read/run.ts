// `npm run bench:read`: read latency and throughput of the federated graph on PostgreSQL, side by side:
// (a) person(id) straight to the person subgraph, (b) the same through the gateway, (c') one person with
// employments and their organization (three subgraphs) and (c) one person with employments (organization,
// job) and offers (all five subgraphs) through the gateway. The embedded stack (five subgraphs
// and the gateway in this process, one connection pool) runs on a throwaway database seeded with the
// demo data; requests go over HTTP on 127.0.0.1 with Node's fetch.
import { formatMarkdownTable, runBenchMain } from '../lib/report';
import 'reflect-metadata';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { startEmbeddedStack, type Stack } from '../../cli/stack';
import { signToken } from '../../subgraphs/shared/auth/sign-token';
import { createThrowawayDatabase, type ThrowawayDatabase } from './database';
import { percentile, runLoad, type LoadResult } from './load';

const USAGE = `Usage: npm run bench:read -- [options]

  --requests N        measured requests per scenario and concurrency (default 2000)
  --warmup N          unmeasured requests before each measurement (default 200)
  --concurrency LIST  comma-separated concurrency levels (default 1,8)
  --time-limit S      stop a measurement after S seconds, reporting what completed (default 60)

Runs on a throwaway database created on the server in DATABASE_URL (default
postgresql://postgres@127.0.0.1:5432) and dropped at the end.
`;

const PERSON_BY_ID = `query PersonById($id: ID!) { person(id: $id) { id legalName primaryEmail } }`;
/** person → employment → organization: exactly three subgraphs. */
const PERSON_THREE_SUBGRAPHS = `query PersonThreeSubgraphs($id: ID!) { person(id: $id) {
  id legalName
  employments { title organization { name } }
} }`;
/** person, employment, organization, job and offer: all five subgraphs. */
const PERSON_ACROSS_SUBGRAPHS = `query PersonAcrossSubgraphs($id: ID!) { person(id: $id) {
  id legalName
  employments { title organization { name } job { title } }
  offers { status job { title } }
} }`;

interface Scenario {
  label: string;
  url: (stack: Stack) => string;
  query: string;
}

const SCENARIOS: Scenario[] = [
  { label: '(a) person(id) -> person subgraph', url: (s) => s.subgraphUrls.person, query: PERSON_BY_ID },
  { label: '(b) person(id) -> gateway', url: (s) => s.gatewayUrl, query: PERSON_BY_ID },
  { label: "(c') person+employments{org} -> gateway, 3 subgraphs", url: (s) => s.gatewayUrl, query: PERSON_THREE_SUBGRAPHS },
  { label: '(c) person+employments{org,job}+offers -> gateway, 5 subgraphs', url: (s) => s.gatewayUrl, query: PERSON_ACROSS_SUBGRAPHS },
];

interface Row {
  scenario: string;
  concurrency: number;
  result: LoadResult;
  statementsPerRequest: number;
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      requests: { type: 'string' },
      warmup: { type: 'string' },
      concurrency: { type: 'string' },
      'time-limit': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const requests = positiveInt('requests', values.requests, 2000);
  const warmup = positiveInt('warmup', values.warmup, 200);
  const timeLimitMs = positiveInt('time-limit', values['time-limit'], 60) * 1000;
  const concurrencies = (values.concurrency ?? '1,8').split(',').map((c) => positiveInt('concurrency', c.trim(), 1));

  const database = await createThrowawayDatabase();
  let stack: Stack | undefined;
  const cleanUp = async () => {
    await stack?.stop();
    await database.drop();
  };
  process.once('SIGINT', () => {
    process.stderr.write('\ninterrupted, dropping the benchmark database\n');
    cleanUp().finally(() => process.exit(130));
  });
  try {
    const config = benchConfig(database);
    stack = await startEmbeddedStack(config, createLogger(config.logLevel), { ephemeralPorts: true, seed: true });
    // Every request carries a reader's bearer token, signed with the configured (development) secret.
    const headers = { authorization: `Bearer ${await signToken(config.auth, { roles: ['reader'], sub: 'bench-read' })}` };
    const ids = (await stack.db.raw.query<{ id: string }>(`SELECT id FROM "Person" WHERE "mergedIntoId" IS NULL ORDER BY id`)).map((r) => r.id);
    if (ids.length === 0) throw new Error('the demo seed loaded no people');
    await checkScenarios(stack, ids[0], headers);

    const serverVersion = (await stack.db.raw.query<{ server_version: string }>('SHOW server_version'))[0].server_version;
    process.stdout.write(
      `bench:read  PostgreSQL ${serverVersion} (${database.description}), Node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}\n` +
        `            ${ids.length} seeded people, ids rotated per request; ${warmup} warm-up + ${requests} measured requests per row, limit ${timeLimitMs / 1000}s per row\n` +
        `            all five subgraphs and the gateway in this one process, sharing one connection pool\n\n`,
    );

    const rows: Row[] = [];
    for (const concurrency of concurrencies) {
      for (const scenario of SCENARIOS) {
        const url = scenario.url(stack);
        const body = (i: number) => ({ query: scenario.query, variables: { id: ids[i % ids.length] } });
        await runLoad({ url, body, headers, requests: warmup, concurrency, timeLimitMs });
        const before = stack.db.statementCount();
        const result = await runLoad({ url, body, headers, requests, concurrency, timeLimitMs });
        const statements = stack.db.statementCount() - before;
        rows.push({ scenario: scenario.label, concurrency, result, statementsPerRequest: statements / Math.max(1, result.completed) });
        process.stderr.write(`  done: ${scenario.label}, concurrency ${concurrency}\n`);
      }
    }
    process.stdout.write(`\n${formatTable(rows)}\n`);
    const failures = rows.filter((r) => r.result.failed > 0);
    for (const r of failures) process.stdout.write(`${r.scenario} @${r.concurrency}: ${r.result.failed} failed, first: ${r.result.firstFailure}\n`);
    return failures.length ? 1 : 0;
  } finally {
    await cleanUp();
  }
}

function benchConfig(database: ThrowawayDatabase) {
  return loadConfig({
    ...process.env,
    DATABASE_URL: database.url,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
}

/** One request per scenario must return the person asked for, or the numbers would measure errors. */
async function checkScenarios(stack: Stack, id: string, headers: Record<string, string>): Promise<void> {
  for (const s of SCENARIOS) {
    const res = await fetch(s.url(stack), {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ query: s.query, variables: { id } }),
    });
    const json = (await res.json()) as { data?: { person?: { id: string } }; errors?: unknown[] };
    if (res.status !== 200 || json.errors || json.data?.person?.id !== id) {
      throw new Error(`${s.label} does not answer correctly: HTTP ${res.status} ${JSON.stringify(json).slice(0, 300)}`);
    }
  }
}

function formatTable(rows: Row[]): string {
  const header = ['scenario', 'conc', 'requests', 'failed', 'p50 ms', 'p95 ms', 'p99 ms', 'req/s', 'SQL/req'];
  const body = rows.map((r) => {
    const sorted = [...r.result.latencies].sort((a, b) => a - b);
    const rps = r.result.completed / (r.result.elapsedMs / 1000);
    return [
      r.scenario,
      String(r.concurrency),
      `${r.result.completed}${r.result.timedOut ? ' (time limit)' : ''}`,
      String(r.result.failed),
      percentile(sorted, 50).toFixed(2),
      percentile(sorted, 95).toFixed(2),
      percentile(sorted, 99).toFixed(2),
      rps.toFixed(0),
      r.statementsPerRequest.toFixed(1),
    ];
  });
  return formatMarkdownTable(header, body);
}

runBenchMain(main);
