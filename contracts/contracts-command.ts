// `npm run contracts:write` publishes docs/events/*.schema.json from core/events/contracts.ts;
// `npm run contracts:check` (CI, and test/integration/contracts.int.test.ts) fails when the published
// schemas are stale or when the API schema or an event contract breaks a consumer of the last release
// (contracts/release/) without a CHANGELOG.md entry; `npm run contracts:release` records the current
// contracts as the release baseline (when a version is cut, with the changelog's Unreleased section).
import fs from 'node:fs';
import path from 'node:path';
import { compareEventSchemas, compareSupergraphs, declaredBreakingChanges, undeclaredBreakingChanges, type ContractChange } from './check-contracts';
import { eventJsonSchemas, renderSchema, type JsonSchema } from './event-json-schemas';

export const ROOT = path.resolve(__dirname, '..');
export const PUBLISHED_DIR = path.join(ROOT, 'docs', 'events');
export const RELEASE_DIR = path.join(ROOT, 'contracts', 'release');

function readSchemaDir(dir: string): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  if (!fs.existsSync(dir)) return out;
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.schema.json')).sort()) out.set(f, JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
  return out;
}

function writeSchemaDir(dir: string, schemas: Map<string, JsonSchema>): void {
  fs.mkdirSync(dir, { recursive: true });
  for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.schema.json'))) if (!schemas.has(f)) fs.rmSync(path.join(dir, f));
  for (const [f, s] of schemas) fs.writeFileSync(path.join(dir, f), renderSchema(s));
}

/** Published files that differ from what contracts.ts says (missing, stale or left over). */
export function stalePublishedSchemas(): string[] {
  const want = eventJsonSchemas();
  const have = fs.existsSync(PUBLISHED_DIR) ? fs.readdirSync(PUBLISHED_DIR).filter((n) => n.endsWith('.schema.json')) : [];
  const stale = [...want].filter(([f, s]) => !fs.existsSync(path.join(PUBLISHED_DIR, f)) || fs.readFileSync(path.join(PUBLISHED_DIR, f), 'utf8') !== renderSchema(s)).map(([f]) => f);
  return [...stale, ...have.filter((f) => !want.has(f))];
}

export interface ContractReport {
  releasedVersion: string;
  changes: ContractChange[];
  undeclared: ContractChange[];
}

export async function checkAgainstRelease(supergraphSdl = fs.readFileSync(path.join(ROOT, 'gateway', 'supergraph.graphql'), 'utf8'), changelog = fs.readFileSync(path.join(ROOT, 'CHANGELOG.md'), 'utf8')): Promise<ContractReport> {
  const releasedVersion = fs.readFileSync(path.join(RELEASE_DIR, 'VERSION'), 'utf8').trim();
  const changes = [
    ...(await compareSupergraphs(fs.readFileSync(path.join(RELEASE_DIR, 'supergraph.graphql'), 'utf8'), supergraphSdl)),
    ...compareEventSchemas(readSchemaDir(path.join(RELEASE_DIR, 'events')), eventJsonSchemas()),
  ];
  return { releasedVersion, changes, undeclared: undeclaredBreakingChanges(changes, declaredBreakingChanges(changelog)) };
}

async function main(cmd: string | undefined): Promise<number> {
  if (cmd === 'write') {
    writeSchemaDir(PUBLISHED_DIR, eventJsonSchemas());
    process.stdout.write(`Wrote ${eventJsonSchemas().size} schemas to docs/events/\n`);
    return 0;
  }
  if (cmd === 'release') {
    const version = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version as string;
    writeSchemaDir(path.join(RELEASE_DIR, 'events'), eventJsonSchemas());
    fs.copyFileSync(path.join(ROOT, 'gateway', 'supergraph.graphql'), path.join(RELEASE_DIR, 'supergraph.graphql'));
    fs.writeFileSync(path.join(RELEASE_DIR, 'VERSION'), `${version}\n`);
    process.stdout.write(`Recorded the contracts of ${version} in contracts/release/\n`);
    return 0;
  }
  if (cmd === 'check') {
    const stale = stalePublishedSchemas();
    if (stale.length) process.stderr.write(`docs/events is stale (${stale.join(', ')}): run \`npm run contracts:write\`\n`);
    const report = await checkAgainstRelease();
    for (const c of report.changes) process.stdout.write(`${c.breaking ? 'BREAKING' : 'change  '} ${c.id}: ${c.message}\n`);
    for (const c of report.undeclared) process.stderr.write(`undeclared breaking change against ${report.releasedVersion}: \`${c.id}\` (${c.message}); declare it under "### Breaking" of "## Unreleased" in CHANGELOG.md, or keep the old shape\n`);
    if (!stale.length && !report.undeclared.length) process.stdout.write(`Contracts are compatible with ${report.releasedVersion} (or their breaking changes are declared).\n`);
    return stale.length || report.undeclared.length ? 1 : 0;
  }
  process.stderr.write('Usage: contracts-command.ts write|check|release\n');
  return 2;
}

if (require.main === module) {
  main(process.argv[2]).then((code) => (process.exitCode = code), (err) => {
    process.stderr.write(`${(err as Error).stack}\n`);
    process.exitCode = 1;
  });
}
