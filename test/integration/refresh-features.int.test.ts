// `peoplegraph refresh-features`: a stored source record whose features and blocking keys were derived by
// older code (or damaged) gets exactly what the ingest pipeline derives today, and a record already
// current is not written again.
import { loadConfig, type Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { systemContext } from '../../subgraphs/shared/system-context';
import { ingestBatch } from '../../subgraphs/person/store/ingest-store';
import { decodeStoredFeatures } from '../../core/identity/stored-features';
import { refreshStoredFeatures } from '../../subgraphs/person/store/refresh-features';
import { createPersonWithSources } from '../../subgraphs/person/use-cases/create-person';
import { changeMeta } from '../../subgraphs/shared/owned-record';
import { inTransaction } from '../../subgraphs/shared/transaction';
import { createTestDatabase, type TestDatabase } from '../support/database';

let testDb: TestDatabase;
let config: Config;

beforeAll(async () => {
  testDb = await createTestDatabase();
  config = { ...loadConfig({ LOG_LEVEL: 'silent' }), database: testDb.config };
});

afterAll(async () => {
  await testDb?.dispose();
});

const at = new Date('2026-11-01T10:00:00Z');
const records = [
  { system: 'HRIS' as const, sourceId: 'E-1', sourceTimestamp: at, attributes: { givenName: 'Ada', familyName: 'Lovelace', email: 'ada@analytical.example', phone: '+44 7700 900123', employer: 'Analytical Engines', jobTitle: 'Programmer', birthDate: '1815-12-10' } },
  { system: 'CRM' as const, sourceId: 'C-1', sourceTimestamp: at, attributes: { givenName: 'Charles', familyName: 'Babbage', email: 'charles@difference.example', city: 'London' } },
  { system: 'ATS' as const, sourceId: 'A-1', sourceTimestamp: at, attributes: { givenName: 'Mary', familyName: 'Somerville', email: 'mary@physical.example', birthDate: '1780-12-26' } },
];

type Stored = { sourceId: string; features: unknown; keys: string[] | string };
const stored = () => testDb.db.raw.query<Stored>(`SELECT "sourceId", features, "blockingKeys"::text[] AS keys FROM "SourceRecord" ORDER BY "sourceId"`);

it('restores what ingest derives, for every record it changed, and leaves current ones alone', async () => {
  const ctx = systemContext({ db: testDb.db, config, logger: createLogger('silent') }, 'refresh-features-test');
  const outcomes = await ingestBatch(ctx, records);
  expect(outcomes.every((o) => o.ok)).toBe(true);
  // A person made from known sources (the demo data, fixtures) derives features as ingestion does: a
  // CRM record's own "verified" flag is no verification (CRM is not a trusted system).
  await inTransaction(testDb.db, (tx) => createPersonWithSources(tx, changeMeta(ctx, null), {
    matching: config.matching,
    sources: [{ system: 'CRM', sourceId: 'C-2', sourceTimestamp: at, attributes: { givenName: 'Grace', familyName: 'Hopper', email: 'grace@navy.example', emailVerified: true } }],
  }));
  expect(config.matching.verifiedEmailTrustedSystems).not.toContain('CRM');
  const asIngested = await stored();
  expect(asIngested).toHaveLength(4);
  expect(decodeStoredFeatures(asIngested.find((r) => r.sourceId === 'C-2')!.features)).toMatchObject({ emailVerified: false });

  // Everything is current: nothing is written.
  expect(await refreshStoredFeatures(testDb.db, config, { batchSize: 2 })).toEqual({ scanned: 4, updated: 0 });

  // Older code: one record's features as named fields (the layout before the array) and without the job
  // title its features now hold; one record with no keys at all.
  const { jobTitle, ...older } = decodeStoredFeatures(asIngested.find((r) => r.sourceId === 'E-1')!.features);
  expect(jobTitle).toBe('programmer');
  await testDb.db.raw.query(`UPDATE "SourceRecord" SET features = $1::jsonb WHERE "sourceId" = 'E-1'`, [JSON.stringify(older)]);
  await testDb.db.raw.exec(`UPDATE "SourceRecord" SET "blockingKeys" = '{}' WHERE "sourceId" = 'C-1'`);
  const damaged = await stored();
  expect(damaged).not.toEqual(asIngested);

  const progress: Array<{ scanned: number; updated: number }> = [];
  expect(await refreshStoredFeatures(testDb.db, config, { batchSize: 3, onBatch: (p) => progress.push(p) })).toEqual({ scanned: 4, updated: 2 });
  expect(progress.map((p) => p.scanned)).toEqual([3, 4]);
  expect(await stored()).toEqual(asIngested);
  expect(await refreshStoredFeatures(testDb.db, config)).toEqual({ scanned: 4, updated: 0 });
});
