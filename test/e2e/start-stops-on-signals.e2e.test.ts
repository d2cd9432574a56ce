// `npm start` and the built `peoplegraph start` stop cleanly on SIGTERM and SIGINT, sent to node, to
// npm, or to the whole process group as Ctrl-C does: servers closed, the embedded database closed and
// its lock released, exit code 0, and the next start on the same folder works. The running service also
// purges expired idempotency keys. Real processes, real signals, an embedded temporary data folder.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { captureOutput, childEnv, CLI_BUILT, exited, freePortBlock, portOpen, processAlive, PROJECT_ROOT, sqlOn, tempDataDir } from '../support/cli-process';

jest.setTimeout(240_000);

const READY = 'PeopleGraph is running';
const dataDir = tempDataDir('pg-start-signals-');
const lockFile = path.join(dataDir, '.peoplegraph.lock');
let env: NodeJS.ProcessEnv;
let gatewayPort: number;
const running: ChildProcess[] = [];

beforeAll(async () => {
  // The server build `start` runs (incremental). Not the whole `npm run build`: its console bundle step
  // empties dist/console/app, which the console's browser tests serve in parallel; the skip-if-unchanged
  // prestart has its own test (build-if-stale.int.test.ts), so npm runs here with --ignore-scripts.
  const build = spawnSync(process.execPath, [path.join(PROJECT_ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: PROJECT_ROOT, encoding: 'utf8', timeout: 220_000 });
  expect({ status: build.status, output: build.status === 0 ? '' : build.stdout }).toEqual({ status: 0, output: '' });
  expect(fs.existsSync(CLI_BUILT)).toBe(true);
  gatewayPort = await freePortBlock();
  env = childEnv({ PGLITE_DIR: dataDir, GATEWAY_PORT: String(gatewayPort), SUBGRAPH_BASE_PORT: String(gatewayPort + 1), LOG_LEVEL: 'info' });
});
afterAll(() => {
  // Only if a test failed half-way: never leave a server behind.
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Starts `how` and waits until it says it is running; returns it with the pid of the node process. */
async function startAndWaitReady(how: 'node' | 'npm') {
  const child = how === 'node'
    ? spawn(process.execPath, [CLI_BUILT, 'start'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
    // Its own process group, as in a terminal: a Ctrl-C reaches npm and node alike.
    : spawn('npm', ['start', '--ignore-scripts'], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  running.push(child);
  const output = captureOutput(child);
  await output.waitFor(READY);
  expect(await portOpen(gatewayPort)).toBe(true);
  const nodePid = Number(fs.readFileSync(lockFile, 'utf8'));
  expect(processAlive(nodePid)).toBe(true);
  return { child, output, nodePid };
}

async function expectStoppedCleanly(child: ChildProcess, nodePid: number, output: { text(): string }) {
  expect(await exited(child)).toEqual({ code: 0, signal: null });
  expect(processAlive(nodePid)).toBe(false);
  expect(await portOpen(gatewayPort)).toBe(false);
  for (let p = gatewayPort + 1; p <= gatewayPort + 5; p++) expect(await portOpen(p)).toBe(false);
  expect(fs.existsSync(lockFile)).toBe(false);
  expect(output.text()).toContain('"msg":"stopped"');
}

const KEY = (key: string, expires: string) =>
  `INSERT INTO "IdempotencyKey" ("scope", "key", "requestHash", "status", "response", "createdAt", "expiresAt")
   VALUES ('signals-test:op', '${key}', 'h', 'COMPLETED', '{}', now(), (now() AT TIME ZONE 'UTC') + interval '${expires}')`;

it('node dist/cli/main.js start stops on SIGTERM: exit 0, ports closed, database closed, lock released; expired keys purged', async () => {
  // A database that already holds an expired and a live idempotency key.
  sqlOn({ pgliteDir: dataDir }, [KEY('expired', '-2 hours'), KEY('live', '20 hours')]);
  const { child, output, nodePid } = await startAndWaitReady('node');
  child.kill('SIGTERM');
  await expectStoppedCleanly(child, nodePid, output);
  const keys = sqlOn({ pgliteDir: dataDir }, [`SELECT "key" FROM "IdempotencyKey" WHERE "scope" = 'signals-test:op' ORDER BY "key"`]);
  expect(keys.map((k) => k.key)).toEqual(['live']);
});

it('starts again on the same folder, keeps its data, and stops on SIGINT', async () => {
  const { child, output, nodePid } = await startAndWaitReady('node');
  expect(output.text()).not.toContain('demo data loaded');
  child.kill('SIGINT');
  await expectStoppedCleanly(child, nodePid, output);
  const [people] = sqlOn({ pgliteDir: dataDir }, [`SELECT COUNT(*)::int AS n FROM "Person"`]);
  expect(Number(people!.n)).toBeGreaterThan(0);
});

it('npm start stops when SIGTERM is sent to npm: npm exits 0 and node is gone', async () => {
  const { child, output, nodePid } = await startAndWaitReady('npm');
  child.kill('SIGTERM');
  await expectStoppedCleanly(child, nodePid, output);
});

it('npm start stops on Ctrl-C (SIGINT to the process group) with exit code 0 after closing the database', async () => {
  const { child, output, nodePid } = await startAndWaitReady('npm');
  process.kill(-child.pid!, 'SIGINT');
  await expectStoppedCleanly(child, nodePid, output);
});
