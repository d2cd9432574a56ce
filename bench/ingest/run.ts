// `npm run bench:ingest`: single-record ingestion (`ingestPersonRecord`) through the gateway on
// PostgreSQL, side by side with probabilistic matching and with deterministic keys only
// (MATCH_PROBABILISTIC=false), at several concurrency levels. Both modes start from the same database:
// a few thousand synthetic people are preloaded once through the batch mutation, and the database is
// copied (CREATE DATABASE … TEMPLATE) before either mode writes to it. The measured records are later
// records of preloaded people (candidates exist) mixed with first records of new people. Beside the
// probabilistic rows, a plain upsert of the same records through a gateway of the same code (a bench-only
// subgraph, see plain-upsert.ts) is the floor the ingest is compared with.
import { formatMarkdownTable, runBenchMain } from '../lib/report';
import 'reflect-metadata';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadConfig, type Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { startEmbeddedStack, type Stack } from '../../cli/stack';
import { signToken } from '../../subgraphs/shared/auth/sign-token';
import { createThrowawayDatabase, type ThrowawayDatabase } from '../read/database';
import { percentile, runLoad, type LoadResult } from '../read/load';
import { buildWorkload, type IngestInput } from './workload';
import { PLAIN_UPSERT, startPlainUpsertGateway, type PlainUpsertGateway } from './plain-upsert';
import { startProcessTopology } from '../read/processes';

const USAGE = `Usage: npm run bench:ingest -- [options]

  --people N          people preloaded before measuring, one record each (default 1500)
  --requests N        measured records per mode and concurrency (default 200)
  --warmup N          unmeasured records before each measurement (default 20)
  --concurrency LIST  comma-separated concurrency levels (default 1,8)
  --time-limit S      stop a measurement after S seconds, reporting what completed (default 120)
  --seed S            synthetic population seed (default peoplegraph)
  --topology LIST     in-process, processes (default: both). in-process: the embedded stack in this
                      process (what npm start runs); processes: each subgraph and the gateway a process
                      of its own (docker-compose.yml), measured for probabilistic matching on a copy of
                      the preloaded database

Runs on throwaway databases created on the server in DATABASE_URL (default
postgresql://postgres@127.0.0.1:5432) and dropped at the end.
`;

const INGEST_ONE = `mutation Ingest($input: IngestPersonRecordInput!) {
  ingestPersonRecord(input: $input) { personId decision matchedKey explanation { candidatesConsidered } }
}`;
const INGEST_BATCH = `mutation IngestBatch($inputs: [IngestPersonRecordInput!]!) {
  ingestPersonRecords(inputs: $inputs) { counts { decision count } }
}`;
const PRELOAD_BATCH = 100;
/** Issue 10's targets for the probabilistic rows. */
const TARGETS = { p50Ms: 15, p95Ms: 30, scaling: 2, statements: 8, plainRatio: 3 };
const PLAIN_LABEL = 'plain upsert (floor)';
const DECISIONS = ['MATCHED', 'AUTO_MERGED', 'REVIEW_QUEUED', 'CREATED', 'CREATED_FLAGGED', 'UNCHANGED'] as const;

type Topology = 'in-process' | 'processes';
const TOPOLOGIES: readonly Topology[] = ['in-process', 'processes'];

interface Mode {
  label: string;
  probabilistic: boolean;
  topology: Topology;
  database: ThrowawayDatabase;
  /** Also send every slice as a plain upsert (the floor row), right after the ingest row. */
  plain?: boolean;
}

interface Row {
  mode: string;
  topology: Topology;
  concurrency: number;
  /** Null where other processes send the statements. */
  result: LoadResult;
  statements: number | null;
  sqlMs: number | null;
  candidates: number;
  decisions: Map<string, number>;
  matchedKeys: Map<string, number>;
}

function positiveInt(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got "${value}"`);
  return n;
}

function configFor(database: ThrowawayDatabase | undefined, probabilistic: boolean): Config {
  return loadConfig({
    ...process.env,
    ...(database ? { DATABASE_URL: database.url } : {}),
    MATCH_PROBABILISTIC: String(probabilistic),
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: {
      people: { type: 'string' },
      requests: { type: 'string' },
      warmup: { type: 'string' },
      concurrency: { type: 'string' },
      'time-limit': { type: 'string' },
      seed: { type: 'string' },
      topology: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const people = positiveInt('people', values.people, 1500);
  const requests = positiveInt('requests', values.requests, 200);
  const warmup = positiveInt('warmup', values.warmup, 20);
  const timeLimitMs = positiveInt('time-limit', values['time-limit'], 120) * 1000;
  const concurrencies = (values.concurrency ?? '1,8').split(',').map((c) => positiveInt('concurrency', c.trim(), 1));
  const seed = values.seed ?? 'peoplegraph';
  const topologies = (values.topology ?? TOPOLOGIES.join(',')).split(',').map((t) => t.trim());
  const unknown = topologies.filter((t) => !TOPOLOGIES.includes(t as Topology));
  if (unknown.length > 0) throw new Error(`--topology: unknown ${unknown.join(', ')} (one of ${TOPOLOGIES.join(', ')})`);

  // Every concurrency level gets its own slice of the stream; the two modes send the same slices.
  const perRow = warmup + requests;
  const measuredTotal = perRow * concurrencies.length;
  const workload = buildWorkload({ people, newPeople: Math.ceil(measuredTotal / 4) + 100, measured: measuredTotal, seed, config: configFor(undefined, true) });

  const databases: ThrowawayDatabase[] = [];
  let stack: Stack | undefined;
  let processes: Awaited<ReturnType<typeof startProcessTopology>> | undefined;
  const cleanUp = async () => {
    await stack?.stop();
    stack = undefined;
    await processes?.stop();
    processes = undefined;
    for (const d of databases) await d.drop();
  };
  process.once('SIGINT', () => {
    process.stderr.write('\ninterrupted, dropping the benchmark databases\n');
    cleanUp().finally(() => process.exit(130));
  });
  try {
    const base = await createThrowawayDatabase(undefined, { prefix: 'bench_ingest' });
    databases.push(base);

    // Preload once, with the default (probabilistic) configuration, then copy the database for the other mode.
    const preloadStarted = performance.now();
    stack = await startStack(base, true);
    const serverVersion = (await stack.db.raw.query<{ server_version: string }>('SHOW server_version'))[0].server_version;
    const preloadDecisions = await preload(stack, configFor(base, true), workload.preload);
    const [{ people: peopleLoaded }] = await stack.db.raw.query<{ people: number }>(`SELECT count(*)::int AS people FROM "Person" WHERE "mergedIntoId" IS NULL`);
    await stack.stop();
    stack = undefined;
    const preloadSeconds = (performance.now() - preloadStarted) / 1000;
    const copy = await createThrowawayDatabase(undefined, { prefix: 'bench_ingest', template: base });
    databases.push(copy);
    // The process topology sends the same slices again: it gets a copy of its own.
    const processCopy = topologies.includes('processes') ? await createThrowawayDatabase(undefined, { prefix: 'bench_ingest', template: base }) : null;
    if (processCopy) databases.push(processCopy);

    process.stdout.write(
      `bench:ingest  PostgreSQL ${serverVersion} (${base.description} and a copy), Node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}\n` +
        `              preloaded ${workload.preload.length} records of ${people} synthetic people (seed ${seed}) in batches of ${PRELOAD_BATCH} in ${preloadSeconds.toFixed(0)} s -> ${peopleLoaded} golden people (${formatCounts(preloadDecisions)})\n` +
        `              measured stream: ${workload.measuredReturning} of ${measuredTotal} records are later records of preloaded people, the rest first records of new people;\n` +
        `              ${warmup} warm-up + ${requests} measured records per row, each row its own slice, the same slices in both modes; limit ${timeLimitMs / 1000}s per row\n` +
        `              phones: ${workload.phonesRewritten} national numbers rewritten to E.164 with the record's country, ${workload.phonesDropped} invalid ones dropped; ${workload.skipped} records skipped as invalid\n` +
        `              one ingestPersonRecord per request to the gateway, bearer token of the record's system (crm/ats/hris role);\n` +
        `              in-process: all five subgraphs and the gateway in this one process, sharing one connection pool;\n` +
        `              processes: each subgraph and the gateway a process of its own with its own pool, this process only sends\n\n`,
    );

    const modes: Mode[] = [
      ...(topologies.includes('in-process') ? [
        { label: 'probabilistic', probabilistic: true, topology: 'in-process', database: base, plain: true },
        { label: 'deterministic only', probabilistic: false, topology: 'in-process', database: copy },
      ] as Mode[] : []),
      ...(processCopy ? [{ label: 'probabilistic', probabilistic: true, topology: 'processes', database: processCopy } as Mode] : []),
    ];
    const rows: Row[] = [];
    for (const mode of modes) {
      const config = configFor(mode.database, mode.probabilistic);
      processes = mode.topology === 'processes'
        ? await startProcessTopology({ ...process.env, DATABASE_URL: mode.database.url, MATCH_PROBABILISTIC: String(mode.probabilistic), LOG_LEVEL: config.logLevel })
        : undefined;
      stack = processes ? undefined : await startStack(mode.database, mode.probabilistic);
      const gatewayUrl = processes?.gatewayUrl ?? stack!.gatewayUrl;
      // Statements are counted where they are sent: in this process only for the in-process stack.
      const counters = stack ? { statements: () => stack!.db.statementCount(), ms: () => stack!.db.statementMilliseconds() } : null;
      const plain: PlainUpsertGateway | undefined = mode.plain && stack ? await startPlainUpsertGateway(stack, config, createLogger(config.logLevel)) : undefined;
      const tokens = new Map<string, Record<string, string>>();
      for (const system of ['CRM', 'ATS', 'HRIS']) {
        tokens.set(system, { authorization: `Bearer ${await signToken(config.auth, { roles: [system.toLowerCase()] })}` });
      }
      for (const [k, concurrency] of concurrencies.entries()) {
        const slice = workload.measured.slice(k * perRow, (k + 1) * perRow);
        const run = async (records: IngestInput[], row?: Row, url = gatewayUrl, query = INGEST_ONE) =>
          runLoad({
            url,
            body: (i) => ({ query, variables: { input: records[i] } }),
            headers: (i) => tokens.get(records[i].system)!,
            requests: records.length,
            concurrency,
            timeLimitMs,
            onData: (data) => {
              if (query === PLAIN_UPSERT) return (data as { benchPlainUpsert?: { id: string } }).benchPlainUpsert?.id ? undefined : 'no benchPlainUpsert in the response';
              const r = (data as { ingestPersonRecord?: { decision: string; matchedKey: string | null; explanation: { candidatesConsidered: number } | null } }).ingestPersonRecord;
              if (!r) return 'no ingestPersonRecord in the response';
              if (row) {
                increment(row.decisions, r.decision);
                if (r.matchedKey) increment(row.matchedKeys, r.matchedKey);
                row.candidates += r.explanation?.candidatesConsidered ?? 0;
              }
              return undefined;
            },
          });
        const warm = await run(slice.slice(0, warmup));
        if (warm.failed) throw new Error(`${mode.label} @${concurrency}: warm-up failed: ${warm.firstFailure}`);
        const row: Row = { mode: mode.label, topology: mode.topology, concurrency, result: undefined!, statements: null, sqlMs: null, candidates: 0, decisions: new Map(), matchedKeys: new Map() };
        const statementsBefore = counters?.statements() ?? 0;
        const sqlMsBefore = counters?.ms() ?? 0;
        row.result = await run(slice.slice(warmup), row);
        if (counters) {
          row.statements = counters.statements() - statementsBefore;
          row.sqlMs = counters.ms() - sqlMsBefore;
        }
        rows.push(row);
        process.stderr.write(`  done: ${mode.label}, ${mode.topology}, concurrency ${concurrency}\n`);
        if (plain) {
          // The same slice as a plain upsert, through the bench gateway (a table of its own: the ingest's data is untouched).
          const warmPlain = await run(slice.slice(0, warmup), undefined, plain.gatewayUrl, PLAIN_UPSERT);
          if (warmPlain.failed) throw new Error(`plain upsert @${concurrency}: warm-up failed: ${warmPlain.firstFailure}`);
          const plainRow: Row = { mode: PLAIN_LABEL, topology: mode.topology, concurrency, result: undefined!, statements: 0, sqlMs: 0, candidates: 0, decisions: new Map(), matchedKeys: new Map() };
          const plainStatements = counters!.statements();
          const plainSqlMs = counters!.ms();
          plainRow.result = await run(slice.slice(warmup), undefined, plain.gatewayUrl, PLAIN_UPSERT);
          plainRow.statements = counters!.statements() - plainStatements;
          plainRow.sqlMs = counters!.ms() - plainSqlMs;
          rows.push(plainRow);
          process.stderr.write(`  done: ${PLAIN_LABEL}, concurrency ${concurrency}\n`);
        }
      }
      await plain?.stop();
      await stack?.stop();
      await processes?.stop();
      stack = undefined;
      processes = undefined;
    }

    process.stdout.write(`${formatTables(rows)}\n`);
    const failures = rows.filter((r) => r.result.failed > 0);
    for (const r of failures) process.stdout.write(`${r.mode} (${r.topology}) @${r.concurrency}: ${r.result.failed} failed, first: ${r.result.firstFailure}\n`);
    return failures.length ? 1 : 0;
  } finally {
    await cleanUp();
  }
}

async function startStack(database: ThrowawayDatabase, probabilistic: boolean): Promise<Stack> {
  const config = configFor(database, probabilistic);
  return startEmbeddedStack(config, createLogger(config.logLevel), { ephemeralPorts: true, seed: false });
}

/** Sends the preload through `ingestPersonRecords` as an admin; returns the decisions. */
async function preload(stack: Stack, config: Config, records: IngestInput[]): Promise<Map<string, number>> {
  const authorization = `Bearer ${await signToken(config.auth, { roles: ['admin'], sub: 'bench-ingest-preload' })}`;
  const decisions = new Map<string, number>();
  for (let start = 0; start < records.length; start += PRELOAD_BATCH) {
    const res = await fetch(stack.gatewayUrl, {
      method: 'POST',
      headers: { authorization, 'content-type': 'application/json' },
      body: JSON.stringify({ query: INGEST_BATCH, variables: { inputs: records.slice(start, start + PRELOAD_BATCH) } }),
    });
    const json = (await res.json()) as { data?: { ingestPersonRecords: { counts: Array<{ decision: string; count: number }> } }; errors?: Array<{ message: string }> };
    if (res.status !== 200 || json.errors?.length || !json.data) {
      throw new Error(`preload batch at ${start} failed: HTTP ${res.status} ${JSON.stringify(json.errors ?? json).slice(0, 400)}`);
    }
    for (const c of json.data.ingestPersonRecords.counts) increment(decisions, c.decision, c.count);
  }
  return decisions;
}

function increment(map: Map<string, number>, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function formatCounts(counts: Map<string, number>): string {
  return DECISIONS.filter((d) => counts.get(d)).map((d) => `${d} ${counts.get(d)}`).join(', ');
}

const p50Of = (r: Row) => percentile([...r.result.latencies].sort((a, b) => a - b), 50);
const recordsPerSecond = (r: Row) => r.result.completed / (r.result.elapsedMs / 1000);

function formatTables(rows: Row[]): string {
  const plainAt = (concurrency: number) => rows.find((r) => r.mode === PLAIN_LABEL && r.concurrency === concurrency);
  const perRecord = (n: number | null, r: Row) => (n === null ? '–' : (n / Math.max(1, r.result.completed)).toFixed(1));
  const latency = formatMarkdownTable(
    ['mode', 'topology', 'conc', 'records', 'failed', 'p50 ms', 'p95 ms', 'p99 ms', 'p50 / plain p50', 'records/s', 'SQL/rec', 'SQL ms/rec', 'cand/rec'],
    rows.map((r) => {
      const sorted = [...r.result.latencies].sort((a, b) => a - b);
      const ok = r.result.completed - r.result.failed;
      const plain = plainAt(r.concurrency);
      return [
        r.mode,
        r.topology,
        String(r.concurrency),
        `${r.result.completed}${r.result.timedOut ? ' (time limit)' : ''}`,
        String(r.result.failed),
        percentile(sorted, 50).toFixed(1),
        percentile(sorted, 95).toFixed(1),
        percentile(sorted, 99).toFixed(1),
        plain && plain !== r && r.topology === plain.topology ? `${(p50Of(r) / p50Of(plain)).toFixed(2)}x` : '',
        recordsPerSecond(r).toFixed(1),
        perRecord(r.statements, r),
        perRecord(r.sqlMs, r),
        r.mode === PLAIN_LABEL ? '' : (r.candidates / Math.max(1, ok)).toFixed(1),
      ];
    }),
  );
  const ingestRows = rows.filter((r) => r.mode !== PLAIN_LABEL);
  const keys = [...new Set(ingestRows.flatMap((r) => [...r.matchedKeys.keys()]))].sort();
  const outcomes = formatMarkdownTable(
    ['mode', 'topology', 'conc', ...DECISIONS, ...keys.map((k) => `key ${k}`)],
    ingestRows.map((r) => [r.mode, r.topology, String(r.concurrency), ...DECISIONS.map((d) => String(r.decisions.get(d) ?? 0)), ...keys.map((k) => String(r.matchedKeys.get(k) ?? 0))]),
  );
  return [
    latency,
    '',
    formatTargets(rows),
    '',
    'Outcomes of the measured records (decision per record; "key" columns: the deterministic key behind MATCHED):',
    '',
    outcomes,
    '',
    'SQL/rec: statements sent per record (db.statementCount(): Prisma\'s, and those on a transaction\'s own connection); SQL ms/rec: their summed durations (db.statementMilliseconds()) as Prisma',
    'reports them (overlapping when concurrency > 1); cand/rec: candidatesConsidered of the match explanation.',
    `${PLAIN_LABEL}: the same records, one mutation per record through a gateway of the same code over a bench supergraph`,
    '(the five subgraphs plus a bench-only one, bench/ingest/plain-upsert.ts): token verified, caller writes as its own system,',
    'then one INSERT … ON CONFLICT (system, sourceId) DO UPDATE into a bench table, autocommit — no matching, audit,',
    'provenance, outbox, idempotency key or field permissions.',
  ].join('\n');
}

/**
 * Issue 10's targets, checked on the probabilistic rows of each topology: lowest concurrency for
 * latency, highest for scaling; statements and the plain-upsert ratio where they are measured (in-process).
 */
function formatTargets(rows: Row[]): string {
  const check = (ok: boolean) => (ok ? 'met' : 'NOT met');
  const lines: string[] = [];
  for (const topology of TOPOLOGIES) {
    const prob = rows.filter((r) => r.mode === 'probabilistic' && r.topology === topology).sort((a, b) => a.concurrency - b.concurrency);
    if (prob.length === 0) continue;
    const low = prob[0];
    const high = prob[prob.length - 1];
    const sortedLow = [...low.result.latencies].sort((a, b) => a - b);
    const plainLow = rows.find((r) => r.mode === PLAIN_LABEL && r.topology === topology && r.concurrency === low.concurrency);
    const scaling = recordsPerSecond(high) / recordsPerSecond(low);
    lines.push(
      `Targets (probabilistic, ${topology}): p50 at concurrency ${low.concurrency} ${p50Of(low).toFixed(1)} ms (<= ${TARGETS.p50Ms}: ${check(p50Of(low) <= TARGETS.p50Ms)}),`
        + ` p95 ${percentile(sortedLow, 95).toFixed(1)} ms (<= ${TARGETS.p95Ms}: ${check(percentile(sortedLow, 95) <= TARGETS.p95Ms)})`,
      `  records/s at concurrency ${high.concurrency} / at ${low.concurrency}: ${scaling.toFixed(2)}x (>= ${TARGETS.scaling}: ${check(scaling >= TARGETS.scaling)})`,
    );
    if (low.statements !== null) {
      const perRecord = low.statements / Math.max(1, low.result.completed);
      lines.push(`  SQL statements per record: ${perRecord.toFixed(1)} (<= ${TARGETS.statements}: ${check(perRecord <= TARGETS.statements)})`);
    }
    if (plainLow) {
      const ratio = p50Of(low) / p50Of(plainLow);
      lines.push(`  p50 / plain upsert p50 at concurrency ${low.concurrency}: ${ratio.toFixed(2)}x (<= ${TARGETS.plainRatio}: ${check(ratio <= TARGETS.plainRatio)})`);
    }
  }
  return lines.join('\n');
}

runBenchMain(main);
