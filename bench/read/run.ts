// `npm run bench:read`: read latency and throughput of the federated graph on PostgreSQL, side by side:
// (a) person(id) straight to the person subgraph, (b) the same through the gateway, (c') one person with
// employments and their organization (three subgraphs) and (c) one person with employments (organization,
// job) and offers (all five subgraphs) through the gateway. Three topologies, one after the other, on a
// throwaway database seeded with the demo data: the embedded stack (five subgraphs and the gateway in
// this process, one connection pool; the gateway calls the subgraphs without HTTP), the same with the
// gateway calling them over HTTP, and the production one (each subgraph and the gateway a process of
// its own, each with its pool, as in docker-compose.yml). Requests go over HTTP on 127.0.0.1.
import { formatMarkdownTable, runBenchMain } from '../lib/report';
import 'reflect-metadata';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { prepareDatabase, startEmbeddedStack } from '../../cli/stack';
import type { SubgraphName } from '../../platform/config';
import type { Database } from '../../platform/database';
import { signToken } from '../../subgraphs/shared/auth/sign-token';
import { createThrowawayDatabase, type ThrowawayDatabase } from './database';
import { percentile, runLoad, type LoadResult } from './load';
import { startProcessTopology } from './processes';

const USAGE = `Usage: npm run bench:read -- [options]

  --requests N        measured requests per scenario and concurrency (default 2000)
  --warmup N          unmeasured requests before each measurement (default 200)
  --concurrency LIST  comma-separated concurrency levels (default 1,8)
  --time-limit S      stop a measurement after S seconds, reporting what completed (default 60)
  --topology LIST     in-process, in-process-http, processes (default: all three)
  --client C          http (node:http, kept-alive agent; default) or fetch (Node's fetch)

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

/** Where the servers of one topology answer. */
interface Targets {
  gatewayUrl: string;
  subgraphUrls: Record<SubgraphName, string>;
}

type Topology = 'in-process' | 'in-process-http' | 'processes';
const TOPOLOGIES: readonly Topology[] = ['in-process', 'in-process-http', 'processes'];

interface Scenario {
  label: string;
  url: (stack: Targets) => string;
  query: string;
}

const SCENARIOS: Scenario[] = [
  { label: '(a) person(id) -> person subgraph', url: (s) => s.subgraphUrls.person, query: PERSON_BY_ID },
  { label: '(b) person(id) -> gateway', url: (s) => s.gatewayUrl, query: PERSON_BY_ID },
  { label: "(c') person+employments{org} -> gateway, 3 subgraphs", url: (s) => s.gatewayUrl, query: PERSON_THREE_SUBGRAPHS },
  { label: '(c) person+employments{org,job}+offers -> gateway, 5 subgraphs', url: (s) => s.gatewayUrl, query: PERSON_ACROSS_SUBGRAPHS },
];

interface Row {
  topology: Topology;
  scenario: string;
  concurrency: number;
  result: LoadResult;
  /** Null where the statements are sent by other processes. */
  statementsPerRequest: number | null;
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
      topology: { type: 'string' },
      client: { type: 'string' },
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
  const topologies = (values.topology ?? TOPOLOGIES.join(',')).split(',').map((t) => t.trim()) as Topology[];
  for (const t of topologies) if (!TOPOLOGIES.includes(t)) throw new Error(`--topology takes ${TOPOLOGIES.join(', ')}, got "${t}"`);
  const client = values.client ?? 'http';
  if (client !== 'http' && client !== 'fetch') throw new Error(`--client must be http or fetch, got "${client}"`);

  const database = await createThrowawayDatabase();
  let running: { stop(): Promise<void> } | undefined;
  let db: Database | undefined;
  const cleanUp = async () => {
    await running?.stop();
    await db?.close();
    await database.drop();
  };
  process.once('SIGINT', () => {
    process.stderr.write('\ninterrupted, dropping the benchmark database\n');
    cleanUp().finally(() => process.exit(130));
  });
  try {
    const config = benchConfig(database);
    const logger = createLogger(config.logLevel);
    db = await prepareDatabase(config, logger, true);
    // Every request carries a reader's bearer token, signed with the configured (development) secret.
    const headers = { authorization: `Bearer ${await signToken(config.auth, { roles: ['reader'], sub: 'bench-read' })}` };
    const ids = (await db.raw.query<{ id: string }>(`SELECT id FROM "Person" WHERE "mergedIntoId" IS NULL ORDER BY id`)).map((r) => r.id);
    if (ids.length === 0) throw new Error('the demo seed loaded no people');

    const serverVersion = (await db.raw.query<{ server_version: string }>('SHOW server_version'))[0].server_version;
    process.stdout.write(
      `bench:read  PostgreSQL ${serverVersion} (${database.description}), Node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}\n` +
        `            ${ids.length} seeded people, ids rotated per request; ${warmup} warm-up + ${requests} measured requests per row, limit ${timeLimitMs / 1000}s per row; client ${client === 'http' ? 'node:http (kept-alive agent)' : 'fetch'}\n` +
        `            in-process: all five subgraphs and the gateway in this process, sharing one connection pool of ${config.database.kind === 'postgres' ? config.database.poolSize : 1}; the gateway calls the subgraphs without HTTP\n` +
        `            in-process-http: the same, the gateway calling the subgraphs over HTTP on 127.0.0.1 as it calls remote ones\n` +
        `            processes: each subgraph and the gateway a process of its own with its own pool; the load generator alone in this one\n\n`,
    );

    const rows: Row[] = [];
    for (const topology of topologies) {
      let targets: Targets;
      if (topology !== 'processes') {
        const stack = await startEmbeddedStack(config, logger, { ephemeralPorts: true, db, seed: false, localSubgraphCalls: topology === 'in-process' });
        running = stack;
        targets = stack;
      } else {
        const started = await startProcessTopology({ ...process.env, DATABASE_URL: database.url, LOG_LEVEL: config.logLevel });
        running = started;
        targets = started;
      }
      await checkScenarios(targets, ids[0], headers);
      // Every scenario once before any row is measured, so the first row does not pay alone for the
      // compilation of code paths and the opening of connections that later rows find ready.
      for (const scenario of SCENARIOS) {
        const body = (i: number) => ({ query: scenario.query, variables: { id: ids[i % ids.length] } });
        await runLoad({ url: scenario.url(targets), body, headers, requests: warmup, concurrency: Math.max(...concurrencies), timeLimitMs, client });
      }
      for (const concurrency of concurrencies) {
        for (const scenario of SCENARIOS) {
          const url = scenario.url(targets);
          const body = (i: number) => ({ query: scenario.query, variables: { id: ids[i % ids.length] } });
          await runLoad({ url, body, headers, requests: warmup, concurrency, timeLimitMs, client });
          const before = db.statementCount();
          const result = await runLoad({ url, body, headers, requests, concurrency, timeLimitMs, client });
          const statements = db.statementCount() - before;
          const statementsPerRequest = topology !== 'processes' ? statements / Math.max(1, result.completed) : null;
          rows.push({ topology, scenario: scenario.label, concurrency, result, statementsPerRequest });
          process.stderr.write(`  done: ${topology}, ${scenario.label}, concurrency ${concurrency}\n`);
        }
      }
      await running.stop();
      running = undefined;
    }
    process.stdout.write(`\n${formatTable(rows)}\n\n${formatTargets(rows)}`);
    const failures = rows.filter((r) => r.result.failed > 0);
    for (const r of failures) process.stdout.write(`${r.topology} ${r.scenario} @${r.concurrency}: ${r.result.failed} failed, first: ${r.result.firstFailure}\n`);
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
async function checkScenarios(stack: Targets, id: string, headers: Record<string, string>): Promise<void> {
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

const p50 = (r: Row) => percentile([...r.result.latencies].sort((a, b) => a - b), 50);
const perSecond = (r: Row) => r.result.completed / (r.result.elapsedMs / 1000);

/** Issue 10's read targets per topology: (b) p50 ≤ 1.2 × (a) p50 at concurrency 1, (c') ≥ 300 req/s at concurrency 8. */
function formatTargets(rows: Row[]): string {
  const lines: string[] = [];
  for (const topology of new Set(rows.map((r) => r.topology))) {
    const find = (prefix: string, concurrency: number) => rows.find((r) => r.topology === topology && r.concurrency === concurrency && r.scenario.startsWith(prefix));
    const direct = find('(a)', 1);
    const gateway = find('(b)', 1);
    const three = find("(c')", 8);
    if (direct && gateway) {
      const ratio = p50(gateway) / p50(direct);
      lines.push(`${topology}: gateway p50 / direct p50 (person by id, concurrency 1) = ${p50(gateway).toFixed(2)} / ${p50(direct).toFixed(2)} ms = ${ratio.toFixed(2)} (target ≤ 1.2: ${ratio <= 1.2 ? 'met' : 'not met'})`);
    }
    if (three) lines.push(`${topology}: (c') at concurrency 8 = ${perSecond(three).toFixed(0)} req/s (target ≥ 300: ${perSecond(three) >= 300 ? 'met' : 'not met'})`);
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}

function formatTable(rows: Row[]): string {
  const header = ['scenario', 'topology', 'conc', 'requests', 'failed', 'p50 ms', 'p95 ms', 'p99 ms', 'req/s', 'SQL/req'];
  const body = rows.map((r) => {
    const sorted = [...r.result.latencies].sort((a, b) => a - b);
    const rps = r.result.completed / (r.result.elapsedMs / 1000);
    return [
      r.scenario,
      r.topology,
      String(r.concurrency),
      `${r.result.completed}${r.result.timedOut ? ' (time limit)' : ''}`,
      String(r.result.failed),
      percentile(sorted, 50).toFixed(2),
      percentile(sorted, 95).toFixed(2),
      percentile(sorted, 99).toFixed(2),
      rps.toFixed(0),
      r.statementsPerRequest === null ? '–' : r.statementsPerRequest.toFixed(1),
    ];
  });
  return formatMarkdownTable(header, body);
}

runBenchMain(main);
