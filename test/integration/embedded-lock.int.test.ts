// The embedded database folder is guarded against a second process: PGlite would be corrupted by two.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseInUseError, openDatabase } from '../../platform/database';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-embedded-lock-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('refuses a folder held by another live process, with a message saying what to do', async () => {
  const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
  try {
    fs.writeFileSync(path.join(dir, '.peoplegraph.lock'), String(other.pid));
    const err = await openDatabase({ kind: 'pglite', dataDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DatabaseInUseError);
    expect((err as Error).message).toMatch(/in use by process \d+.*stop that process first, or point every process at PostgreSQL/);
  } finally {
    other.kill();
  }
});

it('takes over a lock left by a process that is gone, and releases it on close', async () => {
  fs.writeFileSync(path.join(dir, '.peoplegraph.lock'), '999999999');
  const db = await openDatabase({ kind: 'pglite', dataDir: dir });
  expect(fs.readFileSync(path.join(dir, '.peoplegraph.lock'), 'utf8')).toBe(String(process.pid));
  await db.close();
  expect(fs.existsSync(path.join(dir, '.peoplegraph.lock'))).toBe(false);
});
