// Versioned match models: `peoplegraph match-model train` estimates a model from the hub's records and
// stores it as a version; once active, every decision of the ingest pipeline names it, and activating
// version 0 returns to the built-in model.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { systemContext } from '../../subgraphs/shared/system-context';
import type { RequestContext } from '../../subgraphs/shared/context';
import { importPeople } from '../../cli/import/import-people';
import { ingestBatch } from '../../subgraphs/person/store/ingest-store';
import { listMatchModels } from '../../subgraphs/person/store/match-models';
import { runMatchModelCommand } from '../../cli/commands/match-model';
import { writePopulationFiles } from '../../bench/synthetic/write-population';
import { createTestDatabase, type TestDatabase } from '../support/database';

let dir: string;
let testDb: TestDatabase;
let config: Config;
let ctx: RequestContext;
const versions: string[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pg-match-model-'));
  writePopulationFiles({ people: 300, seed: 'match-model', outDir: dir });
  testDb = await createTestDatabase();
  config = { ...loadConfig({ LOG_LEVEL: 'silent' }), database: testDb.config };
  ctx = systemContext({ db: testDb.db, config, logger: createLogger('silent') }, 'match-model-test');
  for (const f of ['hris.csv', 'crm.csv']) {
    await importPeople(ctx, {
      file: join(dir, f), rejectsPath: join(dir, `${f}.rejects`),
      onRow: ({ result }) => { if (result.explanation?.modelVersion) versions.push(result.explanation.modelVersion); },
    });
  }
}, 300_000);

afterAll(async () => {
  await testDb?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const write = process.stdout.write.bind(process.stdout);
async function run(action: string, positionals: string[] = [], args = {}): Promise<{ code: number; out: string }> {
  let out = '';
  process.stdout.write = ((chunk: string) => { out += chunk; return true; }) as typeof process.stdout.write;
  try {
    return { code: await runMatchModelCommand(config, testDb.db, action, positionals, args), out };
  } finally {
    process.stdout.write = write;
  }
}

const record = (sourceId: string) => ({
  system: 'ATS' as const, sourceId, sourceTimestamp: new Date(),
  attributes: { givenName: 'Oyelaran', familyName: 'Brightwater', email: `${sourceId}@mail.example`, birthDate: '1984-02-11' },
});

it('names the built-in model on decisions made before any version is trained', () => {
  expect(versions.length).toBeGreaterThan(100);
  expect(new Set(versions)).toEqual(new Set(['default']));
});

it('trains a version from the hub records, stores it and decides with it once active', async () => {
  const trained = await run('train', [], { activate: true, note: 'first fit' });
  expect(trained.code).toBe(0);
  expect(trained.out).toMatch(/^stored v1 \(active\): \d+ records/);
  const [row] = await listMatchModels(testDb.db.prisma);
  expect(row).toMatchObject({ version: 1, active: true, note: 'first fit' });
  expect(row.trainedOn).toBeGreaterThan(300);
  // The estimate moved the parameters away from the hand-set start.
  expect(row.parameters.prior).not.toBe(1e-4);

  const [first, second] = await ingestBatch(ctx, [record('mm-1'), { ...record('mm-2'), attributes: { ...record('mm-1').attributes, email: 'mm-1@mail.example' } }]);
  expect(first.ok && second.ok).toBe(true);
  if (!second.ok) return;
  expect(second.result.decision).toBe('AUTO_MERGED');
  expect(second.result.explanation?.modelVersion).toBe('v1');
}, 120_000);

it('shows and compares versions, and returns to the built-in model with version 0', async () => {
  const shown = await run('show', ['v1']);
  expect(shown.out).toMatch(/^model v1: prior /);
  expect(shown.out).toMatch(/birthDate\s+dayMonthSwap/);
  expect(shown.out).toMatch(/v1 \(active\)/);
  const diff = await run('diff', ['0', '1']);
  expect(diff.out).toMatch(/^default → v1\nprior /);
  expect((await run('activate', ['0'])).code).toBe(0);
  const [outcome] = await ingestBatch(ctx, [{ ...record('mm-3'), attributes: { ...record('mm-1').attributes, email: 'mm-1@mail.example' } }]);
  expect(outcome.ok && outcome.result.explanation?.modelVersion).toBe('default');
  expect((await run('activate', ['9'])).code).toBe(1);
}, 120_000);
