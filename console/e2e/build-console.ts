// Browser tests run against the built console: build it when dist/console/app is missing or older
// than any of its sources. A lock directory keeps parallel test files from building at once.
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { projectRoot } from '../../platform/paths';
import { consoleDistDir } from '../server/mount-console';

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'e2e' && entry.name !== 'server') newest = Math.max(newest, newestSource(full));
    } else newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function isFresh(): boolean {
  const index = path.join(consoleDistDir(), 'index.html');
  if (!fs.existsSync(index)) return false;
  const consoleDir = path.join(projectRoot(), 'console');
  const scopes = fs.statSync(path.join(projectRoot(), 'core', 'privacy', 'scopes.ts')).mtimeMs;
  return fs.statSync(index).mtimeMs >= Math.max(newestSource(consoleDir), scopes);
}

export async function ensureConsoleBuilt(): Promise<void> {
  const lock = path.join(projectRoot(), 'dist', '.console-build.lock');
  fs.mkdirSync(path.dirname(lock), { recursive: true });
  for (let waited = 0; ; waited += 200) {
    if (isFresh()) return;
    try {
      fs.mkdirSync(lock);
      break;
    } catch {
      // Another test file is building; a lock older than two minutes is left over from a killed run.
      const since = fs.statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now();
      if (Date.now() - since > 120_000) fs.rmSync(lock, { recursive: true, force: true });
      if (waited > 180_000) throw new Error(`The console build lock ${lock} was held for three minutes`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    if (!isFresh()) {
      execFileSync(process.execPath, [path.join(projectRoot(), 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'console/vite.config.mts'], {
        cwd: projectRoot(),
        // jest sets NODE_ENV=test, which would make vite bundle React's development build.
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'ignore', 'inherit'],
        timeout: 120_000,
      });
    }
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}
