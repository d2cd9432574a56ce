// Change-data capture end to end, on a throwaway PostgreSQL server of the test's own (initdb + pg_ctl on
// a free port with wal_level=logical; the machine's shared server is never touched). It holds a legacy
// HRIS table and the PeopleGraph database. `peoplegraph cdc` runs as its own process: it loads a
// snapshot, then streams inserts, updates and deletes; the test SIGKILLs it mid-stream, changes more
// rows while it is down, and starts it again. Every change must reach the golden records exactly once
// and in order per row, and the checkpoint must stand where the stream stopped.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { openDatabase, type Database } from '../../platform/database';
import { applyMigrations } from '../../platform/migrate';
import { projectRoot } from '../../platform/paths';

jest.setTimeout(240_000);

const BIN = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
const asRoot = process.getuid?.() === 0;

let dir: string;
let port: number;
let legacy: Client;
let pg: Database;
let mappingFile: string;
const children: ChildProcess[] = [];

/** Runs a server binary, as the postgres OS user when we are root (initdb refuses root). */
function pgBin(cmd: string, args: string[]) {
  const file = path.join(BIN, cmd);
  return asRoot ? execFileSync('runuser', ['-u', 'postgres', '--', file, ...args], { stdio: 'pipe' }) : execFileSync(file, args, { stdio: 'pipe' });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}

const url = (db: string) => `postgresql://postgres@127.0.0.1:${port}/${db}`;

function startCdc(): ChildProcess {
  const child = spawn(process.execPath, [
    '-r', path.join(projectRoot(), 'test/support/swc-register.js'), path.join(projectRoot(), 'cli/main.ts'),
    'cdc', '--source', url('legacy'), '--table', 'public.employees', '--mapping', mappingFile,
  ], {
    env: { ...process.env, DATABASE_URL: url('peoplegraph'), LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn', NATS_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  child.on('exit', (code, signal) => {
    if (code && code !== 0 && signal === null) process.stderr.write(`cdc exited ${code}: ${err}\n`);
  });
  children.push(child);
  return child;
}

async function checkpoint() {
  const rows = await pg.raw.query<{ snapshotDone: boolean; confirmedLsn: string | null; changes: string }>(
    `SELECT "snapshotDone", "confirmedLsn", "changes"::text AS "changes" FROM "CdcCheckpoint"`,
  );
  return rows[0] ?? null;
}

async function waitFor(check: () => Promise<boolean>, ms = 90_000) {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('timed out waiting');
    const dead = children.find((c) => c.exitCode !== null && c.exitCode !== 0);
    if (dead) throw new Error(`cdc exited with code ${dead.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function killHard(child: ChildProcess) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGKILL');
  await exited;
}

/** One legacy change per transaction, as the legacy application makes them. */
async function change(sql: string, params: unknown[]) {
  await legacy.query(sql, params);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'peoplegraph-cdc-'));
  if (asRoot) execFileSync('chown', ['postgres:postgres', dir]);
  port = await freePort();
  const data = path.join(dir, 'data');
  pgBin('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
  pgBin('pg_ctl', ['-D', data, '-l', path.join(dir, 'server.log'), '-w', '-o',
    `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c wal_level=logical -c max_wal_senders=4 -c max_replication_slots=4 -c fsync=off`, 'start']);
  const admin = new Client({ connectionString: url('postgres') });
  await admin.connect();
  await admin.query('CREATE DATABASE legacy');
  await admin.query('CREATE DATABASE peoplegraph');
  await admin.end();
  legacy = new Client({ connectionString: url('legacy') });
  await legacy.connect();
  await legacy.query(`CREATE TABLE employees (
    emp_no text PRIMARY KEY, first_name text, last_name text, email text, birth_date date, title text, dept text, status char(1) NOT NULL DEFAULT 'A')`);
  pg = await openDatabase({ kind: 'postgres', url: url('peoplegraph'), poolSize: 4 });
  await applyMigrations(pg.raw);
  mappingFile = path.join(dir, 'mapping.json');
  fs.writeFileSync(mappingFile, JSON.stringify({
    system: 'HRIS', key: 'emp_no',
    attributes: { givenName: 'first_name', familyName: 'last_name', email: 'email', birthDate: 'birth_date' },
    employment: {
      organization: { externalId: 'LEGACY-HQ', name: 'Legacy Industries' }, title: 'title', department: 'dept',
      status: { column: 'status', values: { A: 'ACTIVE', L: 'ON_LEAVE', T: 'TERMINATED' } },
    },
    onDelete: 'end-employment',
  }));
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await legacy?.end().catch(() => undefined);
  await pg?.close().catch(() => undefined);
  if (dir) {
    try {
      pgBin('pg_ctl', ['-D', path.join(dir, 'data'), '-m', 'immediate', '-w', 'stop']);
    } catch {
      // already stopped
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

const NAMES = ['Abara', 'Brennan', 'Castellanos', 'Dimitrova', 'Eriksen', 'Fujimoto', 'Gallagher', 'Halvorsen', 'Ibekwe', 'Jankowski', 'Kowalczyk', 'Lindgren'];

it('snapshots, streams, survives a kill mid-stream, and applies every change once, in order per row', async () => {
  // Rows that exist before CDC starts: they arrive through the snapshot.
  for (let i = 0; i < 3; i++) {
    await change(`INSERT INTO employees VALUES ($1, $2, $3, $4, $5, 'Clerk', 'Ops', 'A')`, [`E${i}`, 'Ana', NAMES[i], `e${i}@legacy.example`, `198${i}-02-0${i + 1}`]);
  }
  let cdc = startCdc();
  await waitFor(async () => (await checkpoint())?.snapshotDone === true);
  const snap = await pg.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM "SourceRecord" WHERE "system" = 'HRIS'`);
  expect(snap[0]!.n).toBe(3);

  // The stream: every row goes through titles and statuses in a known order.
  const history = new Map<string, { titles: string[]; statuses: string[] }>();
  const track = (emp: string, title?: string, status?: string) => {
    const h = history.get(emp) ?? { titles: [], statuses: [] };
    if (title) h.titles.push(title);
    if (status) h.statuses.push(status);
    history.set(emp, h);
  };
  for (let i = 0; i < 3; i++) track(`E${i}`, 'Clerk', 'ACTIVE');
  let streamed = 0;
  const insert = async (i: number) => {
    await change(`INSERT INTO employees VALUES ($1, $2, $3, $4, NULL, 'Engineer I', 'R&D', 'A')`, [`E${i}`, 'Ben', NAMES[i % NAMES.length] + i, `e${i}@legacy.example`]);
    track(`E${i}`, 'Engineer I', 'ACTIVE');
    streamed++;
  };
  const promote = async (i: number, title: string) => {
    await change(`UPDATE employees SET title = $2 WHERE emp_no = $1`, [`E${i}`, title]);
    track(`E${i}`, title);
    streamed++;
  };
  const setStatus = async (i: number, code: 'A' | 'L', status: string) => {
    await change(`UPDATE employees SET status = $2 WHERE emp_no = $1`, [`E${i}`, code]);
    track(`E${i}`, undefined, status);
    streamed++;
  };
  const remove = async (i: number) => {
    await change(`DELETE FROM employees WHERE emp_no = $1`, [`E${i}`]);
    track(`E${i}`, undefined, 'TERMINATED');
    streamed++;
  };

  for (let i = 3; i < 15; i++) await insert(i);
  for (let i = 0; i < 15; i++) await promote(i, 'Engineer II');
  for (let i = 0; i < 15; i += 2) await setStatus(i, 'L', 'ON_LEAVE');
  // One transaction with several changes of one row.
  await legacy.query('BEGIN');
  await legacy.query(`UPDATE employees SET title = 'Engineer III' WHERE emp_no = 'E1'`);
  await legacy.query(`UPDATE employees SET title = 'Staff Engineer' WHERE emp_no = 'E1'`);
  await legacy.query(`UPDATE employees SET last_name = 'Brennan-Ode' WHERE emp_no = 'E1'`);
  await legacy.query('COMMIT');
  track('E1', 'Engineer III');
  track('E1', 'Staff Engineer');
  streamed += 3;

  // Kill it while the stream is being worked through.
  await waitFor(async () => Number((await checkpoint())?.changes ?? 0) >= 8);
  await killHard(cdc);
  const atKill = Number((await checkpoint())!.changes);
  expect(atKill).toBeLessThan(streamed);

  // The legacy system goes on while CDC is down.
  for (let i = 0; i < 15; i += 2) await setStatus(i, 'A', 'ACTIVE');
  for (let i = 0; i < 15; i += 3) await promote(i, 'Lead');
  for (const i of [4, 9, 13]) await remove(i);

  cdc = startCdc();
  await waitFor(async () => Number((await checkpoint())?.changes ?? 0) >= streamed);
  await new Promise((r) => setTimeout(r, 1500));
  const cp = (await checkpoint())!;
  expect(Number(cp.changes)).toBe(streamed);

  // Golden records: one person and one employment per legacy row, with the row's last values.
  const employments = await pg.raw.query<{ externalId: string; title: string; status: string; personId: string; department: string }>(
    `SELECT "externalId", "title", "status"::text AS "status", "personId"::text AS "personId", "department" FROM "Employment" ORDER BY "externalId"`,
  );
  expect(employments).toHaveLength(15);
  expect(new Set(employments.map((e) => e.personId)).size).toBe(15);
  const rows = await legacy.query<{ emp_no: string; title: string; status: string }>('SELECT emp_no, title, status FROM employees');
  const live = new Map(rows.rows.map((r) => [r.emp_no, r]));
  for (const e of employments) {
    const h = history.get(e.externalId)!;
    expect(e.title).toBe(h.titles.at(-1));
    expect(e.status).toBe(live.has(e.externalId) ? { A: 'ACTIVE', L: 'ON_LEAVE' }[live.get(e.externalId)!.status as 'A' | 'L'] : 'TERMINATED');
  }
  const e1 = await pg.raw.query<{ familyName: string; employeeStatus: string }>(
    `SELECT p."familyName", p."employeeStatus"::text AS "employeeStatus" FROM "Person" p JOIN "Employment" e ON e."personId" = p.id WHERE e."externalId" = 'E1'`,
  );
  expect(e1[0]).toEqual({ familyName: 'Brennan-Ode', employeeStatus: 'ACTIVE' });

  // Exactly once, in order: each row's status history is the sequence of statuses it went through,
  // with no repeat from a replayed change and no step missing.
  const changes = await pg.raw.query<{ externalId: string; fromStatus: string | null; toStatus: string }>(
    `SELECT e."externalId", c."fromStatus"::text AS "fromStatus", c."toStatus"::text AS "toStatus"
       FROM "EmploymentStatusChange" c JOIN "Employment" e ON e.id = c."employmentId" ORDER BY c."recordedAt", c.id`,
  );
  for (const [emp, h] of history) {
    const seen = changes.filter((c) => c.externalId === emp).map((c) => c.toStatus);
    expect({ emp, statuses: seen }).toEqual({ emp, statuses: h.statuses });
  }
  // Title changes are audited once each, in order.
  const titleAudit = await pg.raw.query<{ externalId: string; newValue: unknown }>(
    `SELECT e."externalId", a."newValue" FROM "AuditEvent" a JOIN "Employment" e ON e.id = a."entityId"
      WHERE a."entityType" = 'Employment' AND a."attribute" = 'title' ORDER BY a."seq"`,
  );
  for (const [emp, h] of history) {
    const seen = titleAudit.filter((a) => a.externalId === emp).map((a) => a.newValue);
    expect({ emp, titles: seen }).toEqual({ emp, titles: h.titles });
  }

  // The slot is confirmed up to where the checkpoint stands: nothing applied is left to replay.
  const slot = await legacy.query<{ confirmed: string }>(`SELECT confirmed_flush_lsn::text AS confirmed FROM pg_replication_slots`);
  const toBig = (l: string) => { const [h, lo] = l.split('/'); return (BigInt(`0x${h}`) << 32n) + BigInt(`0x${lo}`); };
  expect(toBig(slot.rows[0]!.confirmed) >= toBig(cp.confirmedLsn!)).toBe(true);

  // A clean stop exits 0.
  const exited = new Promise<number | null>((r) => cdc.once('exit', (code) => r(code)));
  cdc.kill('SIGTERM');
  expect(await exited).toBe(0);
});
