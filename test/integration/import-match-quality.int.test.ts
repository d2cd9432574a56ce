// A quality floor on a labelled population the project generates itself (no external files): loaded
// through the import path, the clusters must agree with the ground truth.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

it('clusters a generated 500-person population with precision ≥ 0.995, F1 ≥ 0.89, no mixed person and no lost row', async () => {
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
  // Floors just under what the matcher measures today (F1 0.8935, precision 1.0, none of 220 automatic
  // merges wrong, 3.8 % of records to review; the in-memory loop gives the same): a regression fails
  // here; the targets in bench/README.md are higher. Precision comes first (a false merge mixes two
  // people's data), then recall.
  expect(score.f1).toBeGreaterThanOrEqual(0.89);
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

it('keeps namesakes apart and lets typos through, on the import path', async () => {
  const header = 'system,source_id,source_timestamp,given_name,middle_name,family_name,full_name,preferred_name,email,phone,birth_date,national_id,street,city,postcode,country,employer,job_title';
  const rows = [
    // Two Thomas Müller in Berlin with different e-mail and phone; two Mehmet Yilmaz in Berlin, name and city only.
    'HRIS,T-1,,Thomas,,Müller,,,thomas.mueller@web.de,+49 30 1234567,,,,Berlin,,DE,,',
    'CRM,T-2,,Thomas,,Müller,,,tmueller@gmx.de,+49 30 7654321,,,,Berlin,,DE,,',
    'CRM,M-1,,Mehmet,,Yilmaz,,,,,,,,Berlin,,DE,,',
    'ATS,M-2,,Mehmet,,Yilmaz,,,,,,,,Berlin,,DE,,',
    // A father and his namesake son at one address and landline, 25 years apart.
    'HRIS,R-1,,Robert,,Hale,,,robert.hale@mail.example,+44 113 496 0000,1955-04-02,,14 Larch Road,Leeds,LS6 2AB,GB,,',
    'ATS,R-2,,Robert,,Hale,,,,+44 113 496 0000,1980-09-14,,14 Larch Road,Leeds,LS6 2AB,GB,,',
    // The father again: a one-digit typo in the birth date, then day and month swapped.
    'CRM,R-3,,Robert,,Hale,,,robert.hale@mail.example,,1955-04-03,,14 Larch Road,Leeds,LS6 2AB,GB,,',
    'CRM,R-4,,Bob,,Hale,,,robert.hale@mail.example,,1955-02-04,,,Leeds,,GB,,',
  ];
  const namesakes = mkdtempSync(join(tmpdir(), 'pg-namesakes-'));
  try {
    const file = join(namesakes, 'namesakes.csv');
    writeFileSync(file, `${[header, ...rows].join('\n')}\n`);
    const db = await createTestDatabase();
    try {
      const ctx = systemContext({ db: db.db, config: { ...loadConfig({ LOG_LEVEL: 'silent' }), database: db.config }, logger: createLogger('silent') }, 'namesake-test');
      const decided = new Map<string, { decision: string; personId: string }>();
      const summary = await importPeople(ctx, { file, rejectsPath: join(namesakes, 'rejects.csv'), onRow: ({ sourceId, result }) => decided.set(sourceId, result) });
      expect(summary.rejected).toBe(0);
      const person = (id: string) => decided.get(id)!.personId;
      expect(person('T-2')).not.toBe(person('T-1'));
      expect(person('M-2')).not.toBe(person('M-1'));
      expect(person('R-2')).not.toBe(person('R-1'));
      expect(decided.get('R-3')).toMatchObject({ decision: 'AUTO_MERGED', personId: person('R-1') });
      expect(decided.get('R-4')).toMatchObject({ decision: 'AUTO_MERGED', personId: person('R-1') });
    } finally {
      await db.dispose();
    }
  } finally {
    rmSync(namesakes, { recursive: true, force: true });
  }
}, 120_000);
