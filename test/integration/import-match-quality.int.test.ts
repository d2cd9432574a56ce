// A quality floor on a labelled population the project generates itself (no external files): loaded
// through the import path, the clusters must agree with the ground truth.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { systemContext } from '../../subgraphs/shared/system-context';
import { importPeople } from '../../cli/import/import-people';
import { readCsv } from '../../cli/import/read-csv';
import { linkRows } from '../../cli/export/export-identity';
import { writePopulationFiles } from '../../bench/synthetic/write-population';
import { scorePairwise } from '../../bench/lib/score-clusters';
import { createTestDatabase, type TestDatabase } from '../support/database';

let dir: string;
let testDb: TestDatabase;
afterAll(async () => {
  await testDb?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

it('clusters a generated 500-person population with pairwise F1 ≥ 0.9 and precision ≥ 0.98', async () => {
  dir = mkdtempSync(join(tmpdir(), 'pg-quality-'));
  writePopulationFiles({ people: 500, seed: 'quality-floor', outDir: dir });
  testDb = await createTestDatabase();
  const ctx = systemContext({ db: testDb.db, config: { ...loadConfig({ LOG_LEVEL: 'silent' }), database: testDb.config }, logger: createLogger('silent') }, 'quality-test');
  const truth = new Map<string, string>();
  for await (const r of readCsv(join(dir, 'truth.csv'))) if (r.line > 1) truth.set(`${r.fields[0]}:${r.fields[1]}`, r.fields[2]);

  const members = new Map<string, string[]>();
  let autoMerges = 0;
  let wrongAutoMerges = 0;
  for (const f of ['hris.csv', 'ats.csv', 'crm.csv']) {
    await importPeople(ctx, {
      file: join(dir, f), rejectsPath: join(dir, `${f}.rejects`),
      onRow: ({ system, sourceId, result }) => {
        const entity = truth.get(`${system}:${sourceId}`);
        const before = members.get(result.personId) ?? [];
        if (result.decision === 'AUTO_MERGED') {
          autoMerges++;
          if (before.some((e) => e !== entity)) wrongAutoMerges++;
        }
        members.set(result.personId, [...before, entity!]);
      },
    });
  }
  const predicted: string[] = [];
  const labels: string[] = [];
  for await (const link of linkRows(testDb.db)) {
    predicted.push(String(link.person_id));
    labels.push(truth.get(`${link.system}:${link.source_id}`)!);
  }
  expect(predicted.length).toBeGreaterThan(700);
  const score = scorePairwise(predicted, labels);
  // Floors just under what the matcher measures today (F1 0.91, precision 0.99, 3 of 233 automatic
  // merges wrong): a regression fails here; the targets in bench/README.md are higher.
  expect(score.f1).toBeGreaterThanOrEqual(0.9);
  expect(score.precision).toBeGreaterThanOrEqual(0.98);
  expect(autoMerges).toBeGreaterThan(150);
  expect(wrongAutoMerges / autoMerges).toBeLessThanOrEqual(0.02);
}, 300_000);
