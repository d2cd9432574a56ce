#!/usr/bin/env node
// Runs `npm run build` only when an input of the build changed since the last successful one, so
// `npm start` on an unchanged tree starts at once instead of recompiling.
//
// The inputs are every file of the project outside the folders below: server and console sources,
// tsconfig files, package.json and package-lock.json, the Prisma schema and generated client, the vite
// config. Their fingerprint (path, size and modification time of each) is written to dist/.build-stamp
// after a successful build; a different fingerprint, including a file added, removed or renamed, builds
// again. Counting a file that is not an input only costs an unneeded build, never a stale one.
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');

const ROOT = path.join(__dirname, '..');
const STAMP_FILE = path.join('dist', '.build-stamp');
/** Folders that are outputs, caches or not read by the build (tests and docs are not compiled by it). */
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.data', 'coverage', 'tmp', 'test', 'docs', 'ops', '.ci']);
const SKIP_FILE = /(\.test\.tsx?|\.md|\.log)$/;

function inputFingerprint(root) {
  const lines = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
      } else if (entry.isFile() && !SKIP_FILE.test(entry.name)) {
        const st = fs.statSync(full);
        lines.push(`${path.relative(root, full)}\t${st.size}\t${st.mtimeMs}`);
      }
    }
  };
  walk(root);
  lines.sort();
  return crypto.createHash('sha256').update(lines.join('\n')).digest('hex');
}

function readStamp(root) {
  try {
    return fs.readFileSync(path.join(root, STAMP_FILE), 'utf8').trim();
  } catch {
    return null;
  }
}

/** Builds `root` unless its stamp matches its inputs; returns the exit code and whether it built. */
function buildIfStale(root = ROOT, { force = false } = {}) {
  // Taken before the build: a file edited while it runs makes the next start build again.
  const fingerprint = inputFingerprint(root);
  if (!force && readStamp(root) === fingerprint) return { code: 0, built: false };
  const stamp = path.join(root, STAMP_FILE);
  fs.rmSync(stamp, { force: true });
  const npm = process.env.npm_execpath && /npm-cli\.js$/.test(process.env.npm_execpath)
    ? [process.execPath, [process.env.npm_execpath, 'run', '--silent', 'build']]
    : [process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', '--silent', 'build']];
  const r = spawnSync(npm[0], npm[1], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) return { code: r.status ?? 1, built: false };
  fs.mkdirSync(path.dirname(stamp), { recursive: true });
  fs.writeFileSync(stamp, `${fingerprint}\n`);
  return { code: 0, built: true };
}

module.exports = { buildIfStale, inputFingerprint };

if (require.main === module) process.exitCode = buildIfStale(ROOT, { force: process.argv.includes('--force') }).code;
