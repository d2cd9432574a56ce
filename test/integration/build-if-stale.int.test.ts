// `npm start` builds only when an input of `npm run build` changed (bin/build-if-stale.js): tested on a
// small project of the same shape, whose build script records each run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const { buildIfStale } = require('../../bin/build-if-stale.js') as { buildIfStale(root: string, o?: { force?: boolean }): { code: number; built: boolean } };

let root: string;
const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
  fs.writeFileSync(path.join(root, file), text);
};
const builds = () => (fs.existsSync(path.join(root, 'dist', 'builds.log')) ? fs.readFileSync(path.join(root, 'dist', 'builds.log'), 'utf8').split('\n').filter(Boolean).length : 0);

beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-build-if-stale-'));
  // Like the real build: compiles into dist/ and writes the console bundle there too.
  write('package.json', JSON.stringify({
    name: 'fixture', private: true,
    scripts: { build: `node -e "const fs=require('fs');fs.mkdirSync('dist/console/app',{recursive:true});fs.appendFileSync('dist/builds.log','x\\n');fs.writeFileSync('dist/console/app/index.html',String(Date.now()))"` },
  }));
  write('package-lock.json', '{}');
  write('tsconfig.json', '{}');
  write('core/normalize.ts', 'export const a = 1;\n');
  write('console/src/app.tsx', 'export const App = () => null;\n');
  write('console/vite.config.mts', 'export default {};\n');
  write('test/e2e/some.e2e.test.ts', '');
  write('docs/runbook.md', '# runbook\n');
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** A later modification time, as an edit a second later would leave. */
function touch(file: string) {
  const later = new Date(Date.now() + 5_000);
  fs.utimesSync(path.join(root, file), later, later);
}

it('builds the first time, then not again while nothing changed', () => {
  expect(buildIfStale(root)).toEqual({ code: 0, built: true });
  expect(fs.readFileSync(path.join(root, 'dist', '.build-stamp'), 'utf8')).toMatch(/^[0-9a-f]{64}\n$/);
  expect(buildIfStale(root)).toEqual({ code: 0, built: false });
  expect(buildIfStale(root)).toEqual({ code: 0, built: false });
  expect(builds()).toBe(1);
});

it.each([
  ['a server source', 'core/normalize.ts'],
  ['a console source', 'console/src/app.tsx'],
  ['the vite config', 'console/vite.config.mts'],
  ['tsconfig', 'tsconfig.json'],
  ['the lock file', 'package-lock.json'],
])('builds again when %s changes', (_what, file) => {
  buildIfStale(root);
  touch(file);
  expect(buildIfStale(root).built).toBe(true);
  expect(builds()).toBe(2);
});

it('builds again when a source file is added, removed or renamed (a rename keeps its time)', () => {
  buildIfStale(root);
  write('core/new-file.ts', 'export {};\n');
  expect(buildIfStale(root).built).toBe(true);
  fs.renameSync(path.join(root, 'core/new-file.ts'), path.join(root, 'core/renamed.ts'));
  expect(buildIfStale(root).built).toBe(true);
  fs.rmSync(path.join(root, 'core/renamed.ts'));
  expect(buildIfStale(root).built).toBe(true);
  expect(builds()).toBe(4);
});

it('does not build for what the build does not read: its own output, tests, docs', () => {
  buildIfStale(root);
  write('dist/other.js', '');
  touch('test/e2e/some.e2e.test.ts');
  touch('docs/runbook.md');
  write('core/normalize.test.ts', '');
  expect(buildIfStale(root).built).toBe(false);
});

it('a failed build leaves no stamp, so the next start tries again', () => {
  write('package.json', JSON.stringify({ name: 'fixture', private: true, scripts: { build: 'node -e "process.exit(3)"' } }));
  expect(buildIfStale(root)).toEqual({ code: 3, built: false });
  expect(fs.existsSync(path.join(root, 'dist', '.build-stamp'))).toBe(false);
});
