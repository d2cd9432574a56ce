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

it('clusters a generated 500-person population with precision ≥ 0.995, F1 ≥ 0.87, no mixed person and no lost row', async () => {
  dir = mkdtempSync(join(tmpdir(), 'pg-quality-'));
  writePopulationFiles({ people: 500, seed: 'quality-floor', outDir: dir });
  testDb = await createTestDatabase();
  const ctx = systemContext({ db: testDb.db, config: { ...loadConfig({ LOG_LEVEL: 'silent' }), database: testDb.config }, logger: createLogger('silent') }, 'quality-test');
  const truth = new Map<string, string>();
  for await (const r of readCsv(join(dir, 'truth.csv'))) if (r.line > 1) truth.set(`${r.fields[0]}:${r.fields[1]}`, r.fields[2]);

  const members = new Map<string, string[]>();
  let autoMerges = 0;
  let wrongAutoMerges = 0;
  let rejected = 0;
  let reviews = 0;
  let loaded = 0;
  for (const f of ['hris.csv', 'ats.csv', 'crm.csv']) {
    const summary = await importPeople(ctx, {
      file: join(dir, f), rejectsPath: join(dir, `${f}.rejects`),
      onRow: ({ system, sourceId, result }) => {
        const entity = truth.get(`${system}:${sourceId}`);
        const before = members.get(result.personId) ?? [];
        if (result.decision === 'AUTO_MERGED') {
          autoMerges++;
          if (before.some((e) => e !== entity)) wrongAutoMerges++;
        }
        members.set(result.personId, [...before, entity!]);
        if (result.decision === 'REVIEW_QUEUED') reviews++;
      },
    });
    rejected += summary.rejected;
    loaded += summary.loaded;
  }
  const predicted: string[] = [];
  const labels: string[] = [];
  for await (const link of linkRows(testDb.db)) {
    predicted.push(String(link.person_id));
    labels.push(truth.get(`${link.system}:${link.source_id}`)!);
  }
  expect(predicted.length).toBeGreaterThan(700);
  const score = scorePairwise(predicted, labels);
  // Floors just under what the matcher measures today (F1 0.88, precision 1.0, none of 217 automatic
  // merges wrong, 4 % of records to review): a regression fails here; the targets in bench/README.md
  // are higher. Precision comes first (a false merge mixes two people's data), then recall.
  expect(score.f1).toBeGreaterThanOrEqual(0.87);
  expect(score.precision).toBeGreaterThanOrEqual(0.995);
  expect(autoMerges).toBeGreaterThan(150);
  expect(wrongAutoMerges / autoMerges).toBeLessThanOrEqual(0.005);
  expect(reviews / loaded).toBeLessThanOrEqual(0.05);
  // Households, namesakes (a son with his father's name), nicknames, swapped day and month: no predicted
  // person mixes two real people, and no row that names someone is lost.
  const people = new Map<string, Set<string>>();
  predicted.forEach((p, i) => people.set(p, (people.get(p) ?? new Set()).add(labels[i])));
  expect([...people.values()].filter((entities) => entities.size > 1)).toEqual([]);
  expect(rejected).toBe(0);
}, 300_000);
