// The `peoplegraph` command as a real child process, for tests of its command line, its exit codes and
// its signal handling: from the sources (through swc, no build needed) or the built dist/cli/main.js.
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const PROJECT_ROOT = path.join(__dirname, '..', '..');
const SWC_REGISTER = path.join(PROJECT_ROOT, 'test', 'support', 'swc-register.js');
const CLI_SOURCE = path.join(PROJECT_ROOT, 'cli', 'main.ts');
export const CLI_BUILT = path.join(PROJECT_ROOT, 'dist', 'cli', 'main.js');

/** The environment of a child: the tests' own, minus what would point it at shared services. */
export function childEnv(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', LOG_LEVEL: 'warn' };
  for (const k of ['DATABASE_URL', 'NATS_URL', 'PGLITE_DIR', 'JEST_WORKER_ID', 'RETENTION_SCHEDULE_HOURS']) delete env[k];
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

export interface Finished { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Runs the command from its TypeScript sources and waits for it to end. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = childEnv({})): Finished {
  const r = spawnSync(process.execPath, ['-r', SWC_REGISTER, CLI_SOURCE, ...args], { cwd: PROJECT_ROOT, env, encoding: 'utf8', timeout: 120_000 });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr };
}

/** Starts the command from its TypeScript sources without waiting. */
export function spawnCli(args: string[], env: NodeJS.ProcessEnv, options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, ['-r', SWC_REGISTER, CLI_SOURCE, ...args], { cwd: PROJECT_ROOT, env, ...options });
}

export function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

/** Collects a child's output; `waitFor` resolves once it contains the text. */
export function captureOutput(child: ChildProcess) {
  let text = '';
  const waiters: Array<{ needle: string; resolve: () => void }> = [];
  const onData = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    for (const w of waiters.filter((x) => text.includes(x.needle))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve();
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return {
    text: () => text,
    waitFor: (needle: string, timeoutMs = 120_000) => new Promise<void>((resolve, reject) => {
      if (text.includes(needle)) return resolve();
      const timer = setTimeout(() => reject(new Error(`timed out waiting for "${needle}"; output so far:\n${text}`)), timeoutMs);
      child.once('exit', (code, signal) => {
        if (!text.includes(needle)) {
          clearTimeout(timer);
          reject(new Error(`exited (${code ?? signal}) before "${needle}"; output:\n${text}`));
        }
      });
      waiters.push({ needle, resolve: () => { clearTimeout(timer); resolve(); } });
    }),
  };
}

export function tempDataDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** A base port with it and the next five free: the gateway and the five subgraphs of `start`. */
export async function freePortBlock(size = 6): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 20_000);
    let free = true;
    for (let p = base; p < base + size && free; p++) free = await portFree(p);
    if (free) return base;
  }
  throw new Error('no block of free ports found');
}

/** Whether something accepts connections on the port. */
export function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('error', () => resolve(false));
  });
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Runs SQL on an embedded data folder or a PostgreSQL URL from a child process (PGlite's WASM needs a
 * plain node process, not the test runner's VM), migrating it first. Returns the rows of the last statement.
 */
export function sqlOn(target: { pgliteDir: string } | { url: string }, statements: string[], options: { seed?: boolean } = {}): Record<string, unknown>[] {
  const script = `
    require('reflect-metadata');
    const { openDatabase } = require(${JSON.stringify(path.join(PROJECT_ROOT, 'platform', 'database.ts'))});
    const { applyMigrations } = require(${JSON.stringify(path.join(PROJECT_ROOT, 'platform', 'migrate.ts'))});
    (async () => {
      const target = ${JSON.stringify(target)};
      const db = await openDatabase(target.url ? { kind: 'postgres', url: target.url, poolSize: 2 } : { kind: 'pglite', dataDir: target.pgliteDir });
      try {
        await applyMigrations(db.raw);
        if (${JSON.stringify(Boolean(options.seed))}) {
          const { loadConfig } = require(${JSON.stringify(path.join(PROJECT_ROOT, 'platform', 'config.ts'))});
          const { createLogger } = require(${JSON.stringify(path.join(PROJECT_ROOT, 'platform', 'logger.ts'))});
          const { seedDemoDataIfEmpty } = require(${JSON.stringify(path.join(PROJECT_ROOT, 'cli', 'seed', 'seed-demo-data.ts'))});
          await seedDemoDataIfEmpty({ db, config: loadConfig({ NODE_ENV: 'development' }), logger: createLogger('silent') });
        }
        let rows = [];
        for (const sql of ${JSON.stringify(statements)}) rows = await db.raw.query(sql);
        process.stdout.write(JSON.stringify(rows));
      } finally {
        await db.close();
      }
    })().catch((err) => { process.stderr.write(String(err && err.stack || err)); process.exit(1); });`;
  const r = spawnSync(process.execPath, ['-r', SWC_REGISTER, '-e', script], { cwd: PROJECT_ROOT, env: childEnv({}), encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`SQL child failed (${r.status ?? r.signal}): ${r.stderr}`);
  return JSON.parse(r.stdout || '[]') as Record<string, unknown>[];
}
