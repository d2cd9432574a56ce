// `npm run bench:import`: the real `peoplegraph import` command (a child process, as an operator runs it,
// with its heap budget) loading a generated population into an empty throwaway PostgreSQL database,
// beside a plain COPY of the same rows. Prints records/s, the command's peak memory, database bytes per
// source record (and the largest tables' share), the COPY floor and the ratio to it; with several sizes,
// the records/s of each against the smallest (cost should grow with the records, not the population).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { formatMarkdownTable, runBenchMain } from '../lib/report';
import { measureCopyFloor } from '../lib/copy-floor';
import { createThrowawayDatabase } from '../read/database';
import { OUTPUT_FILES, writePopulationFiles } from '../synthetic/write-population';

const USAGE = `Usage: npm run bench:import -- [options]

  --people LIST      comma-separated population sizes (default 62000: about 100,000 source records;
                     620000 gives about a million)
  --batch-size N     passed to the import (default: the command's own)
  --seed S           generator seed (default peoplegraph)

Runs on throwaway databases created on the server in DATABASE_URL (default
postgresql://postgres@127.0.0.1:5432) and dropped at the end.
`;

const CLI = path.join(__dirname, '..', '..', 'cli', 'main.js');

interface Run {
  people: number;
  records: number;
  seconds: number;
  peakMiB: number;
  bytesPerRecord: number;
  byTable: Array<[string, number]>;
  copyRowsPerSecond: number;
  /** records/s over the first and the last tenth of the file (from the command's progress lines). */
  firstTenth: number | null;
  lastTenth: number | null;
}

/** The population as one canonical CSV (CRM, then ATS, then HRIS rows), as an operator would load it. */
function writeCombined(dir: string): { file: string; records: number } {
  const file = path.join(dir, 'all.csv');
  const out = fs.openSync(file, 'w');
  let records = 0;
  for (const [i, name] of [OUTPUT_FILES.CRM, OUTPUT_FILES.ATS, OUTPUT_FILES.HRIS].entries()) {
    const lines = fs.readFileSync(path.join(dir, name), 'utf8').split('\n').filter((l) => l.length > 0);
    const body = i === 0 ? lines : lines.slice(1);
    records += lines.length - 1;
    fs.writeSync(out, `${body.join('\n')}\n`);
  }
  fs.closeSync(out);
  return { file, records };
}

async function sql<T>(url: string, text: string): Promise<T[]> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      process.stderr.write(d);
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
  });
}

/** records/s between the progress lines nearest to two shares of the file. */
function rateBetween(progress: Array<{ rows: number; seconds: number }>, from: number, to: number, total: number): number | null {
  const at = (share: number) => progress.reduce((best, p) => (Math.abs(p.rows - share * total) < Math.abs(best.rows - share * total) ? p : best), { rows: 0, seconds: 0 });
  const a = from === 0 ? { rows: 0, seconds: 0 } : at(from);
  const b = at(to);
  return b.seconds > a.seconds && b.rows > a.rows ? (b.rows - a.rows) / (b.seconds - a.seconds) : null;
}

async function measure(people: number, seed: string, batchSize: string | undefined): Promise<Run> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-import-'));
  const server = await createThrowawayDatabase(undefined, { prefix: 'bench_import' });
  try {
    writePopulationFiles({ people, seed, outDir: dir });
    const { file, records } = writeCombined(dir);
    const env = { DATABASE_URL: server.url, LOG_LEVEL: 'warn' };
    const migrated = await runCli(['migrate'], env);
    if (migrated.code !== 0) throw new Error(`migrate failed: ${migrated.stderr}`);
    const copyRowsPerSecond = await measureCopyFloor({ query: (text) => sql(server.url, text) }, [file]);
    const sizes = async () => new Map((await sql<{ name: string; bytes: string }>(server.url,
      `SELECT c.relname AS name, pg_total_relation_size(c.oid)::text AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r'`))
      .map((r) => [r.name, Number(r.bytes)]));
    const dbSize = async () => Number((await sql<{ b: string }>(server.url, 'SELECT pg_database_size(current_database())::text AS b'))[0].b);
    const [beforeTables, before] = [await sizes(), await dbSize()];
    const result = await runCli(['import', '--file', file, ...(batchSize ? ['--batch-size', batchSize] : [])], env);
    const summary = /Imported (\d+) of (\d+) rows .* in ([\d.]+) s \(\d+ records\/s\), peak memory (\d+) MiB/.exec(result.stdout);
    if (!summary) throw new Error(`import did not finish (exit ${result.code}):\n${result.stdout}\n${result.stderr.slice(-2000)}`);
    const progress = [...result.stderr.matchAll(/(\d+) rows\s+\d+%\s+\d+ records\/s\s+elapsed (\d+):(\d+)/g)]
      .map((m) => ({ rows: Number(m[1]), seconds: Number(m[2]) * 60 + Number(m[3]) }));
    const afterTables = await sizes();
    const grown = (await dbSize()) - before;
    const loaded = Number(summary[1]);
    return {
      people, records, seconds: Number(summary[3]), peakMiB: Number(summary[4]),
      bytesPerRecord: grown / loaded,
      byTable: [...afterTables].map(([name, bytes]): [string, number] => [name, (bytes - (beforeTables.get(name) ?? 0)) / loaded]).sort((a, b) => b[1] - a[1]).slice(0, 6),
      copyRowsPerSecond,
      firstTenth: rateBetween(progress, 0, 0.1, records),
      lastTenth: rateBetween(progress, 0.9, 1, records),
    };
  } finally {
    await server.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { people: { type: 'string' }, 'batch-size': { type: 'string' }, seed: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const sizes = (values.people ?? '62000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    process.stderr.write(USAGE);
    return 2;
  }
  const runs: Run[] = [];
  for (const people of sizes) runs.push(await measure(people, values.seed ?? 'peoplegraph', values['batch-size']));
  const base = runs[0];
  const f0 = (n: number | null) => (n === null ? '—' : n.toFixed(0));
  console.log(`\n${os.cpus().length} cores, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}; peoplegraph import (a child process, its heap budget IMPORT_HEAP_MB) into an empty database\n`);
  console.log(formatMarkdownTable(
    ['people', 'source records', 'seconds', 'records/s', 'records/s first 10 %', 'records/s last 10 %', 'vs first run', 'peak memory MiB', 'DB KiB/record', 'COPY rows/s', 'import/COPY'],
    runs.map((r) => [
      String(r.people), String(r.records), r.seconds.toFixed(1), (r.records / r.seconds).toFixed(0), f0(r.firstTenth), f0(r.lastTenth),
      `${(100 * (r.records / r.seconds) / (base.records / base.seconds)).toFixed(0)} %`, String(r.peakMiB), (r.bytesPerRecord / 1024).toFixed(2),
      r.copyRowsPerSecond.toFixed(0), `${(100 * (r.records / r.seconds) / r.copyRowsPerSecond).toFixed(2)} %`,
    ]),
  ));
  for (const r of runs) {
    console.log(`\n${r.records} records, bytes per source record by table: ${r.byTable.map(([n, b]) => `${n} ${b.toFixed(0)}`).join(', ')}`);
  }
  return 0;
}

runBenchMain(main);
