// The `peoplegraph` command line as an operator meets it, run as a real process: help and usage
// mistakes answer with a message and the right exit code (never a stack trace), `export … | head` ends
// quietly, and `purge-idempotency-keys` deletes exactly the expired keys, in batches.
import fs from 'node:fs';
import path from 'node:path';
import { childEnv, exited, runCli, spawnCli, sqlOn, tempDataDir } from '../support/cli-process';
import { createTestDatabase, type TestDatabase } from '../support/database';

const STACK_TRACE = /\n\s+at .+\(.+:\d+:\d+\)/;

describe('help and usage mistakes', () => {
  it('peoplegraph --help prints the usage with every command and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: peoplegraph <command>/);
    for (const c of ['start', 'token', 'export', 'import', 'purge-idempotency-keys', 'dead-letters']) expect(r.stdout).toContain(`\n  ${c}`);
    expect(runCli(['-h']).code).toBe(0);
  });

  it('every command answers --help with its usage, exit 0, without touching a database', () => {
    const commands = [...runCli(['--help']).stdout.matchAll(/^ {2}([a-z][a-z:-]*)/gm)].map((m) => m[1]!);
    expect(commands).toEqual(expect.arrayContaining(['start', 'gateway', 'subgraph', 'token', 'relay', 'export', 'reconcile']));
    // A database URL that cannot be reached: --help must not need it.
    const env = childEnv({ DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none' });
    for (const command of commands) {
      const r = runCli([command, '--help'], env);
      expect({ command, code: r.code, stderr: r.stderr }).toEqual({ command, code: 0, stderr: '' });
      expect(r.stdout).toMatch(new RegExp(`Usage: peoplegraph ${command.replace(/[-:]/g, '\\$&')}`));
    }
  });

  it('peoplegraph token --help shows the roles instead of a stack trace', () => {
    const r = runCli(['token', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Usage: peoplegraph token --role <role>[\s\S]*Roles: .*steward/);
    expect(r.stderr).toBe('');
  });

  it('an unknown command, an unknown option, a missing value or a stray argument exit 2 with a clear message', () => {
    const cases: Array<[string[], RegExp]> = [
      [['frobnicate'], /^Unknown command "frobnicate"\. Run `peoplegraph --help`/],
      [['token', '--role', 'admin', '--bogus'], /^peoplegraph token: Unknown option '--bogus'\.\n\nUsage: peoplegraph token/],
      [['export', 'links', '--format'], /^peoplegraph export: Option '--format <value>' argument missing/],
      [['start', 'now'], /^peoplegraph start: Unexpected argument "now"\./],
      [['token', '--role', 'admin', '--ttl', 'soon'], /^--ttl must be a number of seconds/],
      [[], /^Usage: peoplegraph <command>/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      expect({ args, code: r.code }).toEqual({ args, code: 2 });
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(STACK_TRACE);
      expect(r.stdout).toBe('');
    }
  });

  it('a command missing its configuration says which setting, exit 1, no stack trace', () => {
    const r = runCli(['relay']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/NATS_URL is not set/);
    expect(r.stderr).not.toMatch(STACK_TRACE);
  });

  it('peoplegraph token prints one token and nothing else', () => {
    const r = runCli(['token', '--role', 'steward']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
  });
});

/** A database for child processes: this file's PostgreSQL database, or an embedded folder. */
let pg: TestDatabase | null = null;
let target: { url: string } | { pgliteDir: string };
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  if (process.env.DATABASE_URL) {
    pg = await createTestDatabase();
    target = { url: (pg.config as { url: string }).url };
    env = childEnv({ DATABASE_URL: target.url });
  } else {
    target = { pgliteDir: tempDataDir('pg-cli-') };
    env = childEnv({ PGLITE_DIR: target.pgliteDir });
  }
}, 180_000);
afterAll(async () => {
  await pg?.dispose();
  if ('pgliteDir' in (target ?? {})) fs.rmSync((target as { pgliteDir: string }).pgliteDir, { recursive: true, force: true });
});

describe('export into a reader that stops early', () => {
  // Embedded, whatever the suite runs on: its lock file shows whether the database was closed.
  const dataDir = tempDataDir('pg-cli-export-');
  afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('`export links | head` exits 0 without an EPIPE error and closes the database', async () => {
    // The demo data, each source record copied 60 times: far more than a pipe holds.
    const [count] = sqlOn({ pgliteDir: dataDir }, [
      `DO $$ DECLARE cols text; picks text; BEGIN
         SELECT string_agg(format('%I', column_name), ', ' ORDER BY ordinal_position),
                string_agg(CASE column_name WHEN 'id' THEN 'gen_random_uuid()' WHEN 'sourceId' THEN '"sourceId" || ''-copy-'' || g'
                                            ELSE format('%I', column_name) END, ', ' ORDER BY ordinal_position)
           INTO cols, picks FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'SourceRecord';
         EXECUTE format('INSERT INTO "SourceRecord" (%s) SELECT %s FROM "SourceRecord", generate_series(1, 60) g', cols, picks);
       END $$`,
      `SELECT COUNT(*)::int AS n FROM "SourceRecord"`,
    ], { seed: true });
    expect(Number(count!.n)).toBeGreaterThan(2000);

    const child = spawnCli(['export', 'links'], childEnv({ PGLITE_DIR: dataDir }), { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    // Like `head -1`: read the header line, then close the pipe.
    const firstLine = await new Promise<string>((resolve) => {
      let text = '';
      child.stdout!.on('data', (c: Buffer) => {
        text += c.toString();
        if (text.includes('\n')) {
          child.stdout!.destroy();
          resolve(text.split('\n')[0]!);
        }
      });
    });
    expect(firstLine).toBe('system,source_id,person_id,link_type,score');
    expect(await exited(child)).toEqual({ code: 0, signal: null });
    expect(stderr).toBe('');
    expect(fs.existsSync(path.join(dataDir, '.peoplegraph.lock'))).toBe(false);
  });
});

describe('purge-idempotency-keys', () => {
  it('deletes the expired keys in batches and keeps the live ones', () => {
    const insert = (key: string, expires: string) =>
      `INSERT INTO "IdempotencyKey" ("scope", "key", "requestHash", "status", "response", "createdAt", "expiresAt")
       VALUES ('purge-test:op', '${key}', 'h', 'COMPLETED', '{}', now(), (now() AT TIME ZONE 'UTC') + interval '${expires}')`;
    sqlOn(target, [
      `DELETE FROM "IdempotencyKey" WHERE "scope" = 'purge-test:op'`,
      ...['e1', 'e2', 'e3', 'e4', 'e5'].map((k) => insert(k, '-1 hour')),
      insert('just-expired', '-1 second'),
      insert('live-1', '23 hours'),
      insert('live-2', '1 minute'),
    ]);
    const r = runCli(['purge-idempotency-keys', '--batch-size', '2'], env);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toBe('Purged 6 expired idempotency key(s).\n');
    const left = sqlOn(target, [`SELECT "key" FROM "IdempotencyKey" WHERE "scope" = 'purge-test:op' ORDER BY "key"`]);
    expect(left.map((x) => x.key)).toEqual(['live-1', 'live-2']);
    // Nothing expired is left: a second run purges nothing.
    expect(runCli(['purge-idempotency-keys'], env).stdout).toBe('Purged 0 expired idempotency key(s).\n');
  });

  it('refuses a batch size that is not a positive whole number', () => {
    const r = runCli(['purge-idempotency-keys', '--batch-size', '0'], env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--batch-size must be a whole number/);
  });
});
