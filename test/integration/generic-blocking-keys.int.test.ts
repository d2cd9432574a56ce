// A blocking key that grows past MAX_BLOCK_RECORDS is marked generic by the batch that takes it there:
// from then on no record reads its rows or finds candidates through it, so a common name costs a record
// the same however large the hub grows. Below the limit the same key still finds candidates.
import { loadConfig, type Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { systemContext } from '../../subgraphs/shared/system-context';
import type { RequestContext } from '../../subgraphs/shared/context';
import { featuresOf, ingestInputSchema, toStoredAttributes, type IngestInput } from '../../subgraphs/person/use-cases/ingest-input';
import { ingestPersonRecord } from '../../subgraphs/person/use-cases/ingest-record';
import { ingestBatch } from '../../subgraphs/person/store/ingest-store';
import { computeBlockingKeys } from '../../core/identity/blocking-keys';
import { MAX_BLOCK_RECORDS } from '../../core/identity/plan-ingest';
import { createTestDatabase, type TestDatabase } from '../support/database';

/** Consonants with a Metaphone code each of their own, so no two people here share a name key. */
const CONSONANTS = ['b', 'f', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't'];

let db: TestDatabase;
let config: Config;
let ctx: RequestContext;
const now = new Date('2026-06-01T00:00:00Z');

/** A J-name of its own for person i: they all share the given initial, the family name and the city. */
const givenName = (i: number) => `Ja${CONSONANTS[i % 10]}e${CONSONANTS[Math.floor(i / 10) % 10]}o${CONSONANTS[Math.floor(i / 100) % 10]}`;
const attributesOf = (i: number, tag: string) => ({ givenName: givenName(i), familyName: 'Okonkwo', city: 'Enugu', email: `${tag}${i}.${givenName(i).toLowerCase()}@mail${i}.example` });

function inputs(from: number, to: number, tag: string): IngestInput[] {
  const schema = ingestInputSchema(config, now);
  return Array.from({ length: to - from }, (_, k) => schema.parse({ system: 'CRM', sourceId: `${tag}-${from + k}`, sourceTimestamp: now, attributes: attributesOf(from + k, tag) }));
}

/** The given-initial + family and city + family keys every record here is stored under. */
function sharedKeys(): string[] {
  const keys = computeBlockingKeys(featuresOf(toStoredAttributes(attributesOf(0, 'x'), config.legalIdHmacKey), 'CRM', config));
  return keys.filter((k) => k.startsWith('fil:') || k.startsWith('ctl:'));
}

async function marked(): Promise<number> {
  const rows = await db.db.raw.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM "GenericBlockingKey" WHERE hash IN (SELECT hashtextextended(k, 0) FROM unnest($1::text[]) AS k)`, [sharedKeys()],
  );
  return rows[0].n;
}

/** Candidates a new J-name probe is scored against: it shares only the two common keys with everyone. */
async function probeCandidates(i: number): Promise<number> {
  const r = await ingestPersonRecord(ctx, { system: 'ATS', sourceId: `probe-${i}`, sourceTimestamp: now, attributes: attributesOf(i, 'probe') });
  return r.explanation?.candidatesConsidered ?? -1;
}

beforeAll(async () => {
  config = loadConfig({ LOG_LEVEL: 'silent' });
  db = await createTestDatabase();
  ctx = systemContext({ db: db.db, config: { ...config, database: db.config }, logger: createLogger('silent') }, 'generic-key-test');
}, 120_000);

afterAll(async () => {
  await db?.dispose();
});

describe('generic blocking keys', () => {
  it('finds candidates through a common key up to the limit, and marks it once a batch takes it past', async () => {
    expect(sharedKeys()).toHaveLength(2);
    const outcomes = await ingestBatch(ctx, inputs(0, MAX_BLOCK_RECORDS - 1, 'crm'));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(await marked()).toBe(0);
    // The probe shares two keys of MAX_BLOCK_RECORDS - 1 records with every stored person: they are candidates.
    expect(await probeCandidates(MAX_BLOCK_RECORDS + 10)).toBeGreaterThan(0);
    expect(await marked()).toBe(0);
    // This batch leaves MAX_BLOCK_RECORDS + 2 records under each key: both are marked with its rows.
    expect((await ingestBatch(ctx, inputs(MAX_BLOCK_RECORDS - 1, MAX_BLOCK_RECORDS + 1, 'crm'))).every((o) => o.ok)).toBe(true);
    expect(await marked()).toBe(2);
  });

  it('reads no row of a generic key: a record sharing only generic keys has no candidate', async () => {
    expect(await probeCandidates(MAX_BLOCK_RECORDS + 20)).toBe(0);
    // The same in a batch, where the earlier records of the batch are under the keys too.
    const batch = await ingestBatch(ctx, inputs(MAX_BLOCK_RECORDS + 30, MAX_BLOCK_RECORDS + 33, 'ats'));
    expect(batch.map((o) => (o.ok ? o.result.explanation?.candidatesConsidered : null))).toEqual([0, 0, 0]);
    expect(await marked()).toBe(2);
  });

  it('keeps the mark when the key shrinks below the limit again', async () => {
    const under = await db.db.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM "SourceRecord" WHERE attributes->>'familyName' = 'Okonkwo'`);
    // Re-sent under a new family name, these records leave both keys: fewer than the limit stay.
    const moved = under[0].n - MAX_BLOCK_RECORDS + 4;
    const schema = ingestInputSchema(config, now);
    const resent = Array.from({ length: moved }, (_, i) => schema.parse({ system: 'CRM', sourceId: `crm-${i}`, sourceTimestamp: now, attributes: { ...attributesOf(i, 'crm'), familyName: 'Adeyemi' } }));
    expect((await ingestBatch(ctx, resent)).every((o) => o.ok && o.result.decision === 'MATCHED' && o.result.matchedKey === 'SOURCE_RECORD')).toBe(true);
    const left = await db.db.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM "SourceRecord" WHERE attributes->>'familyName' = 'Okonkwo'`);
    expect(left[0].n).toBe(MAX_BLOCK_RECORDS - 4);
    // Counted afresh the keys would find candidates again; marked, they stay generic.
    expect(await probeCandidates(MAX_BLOCK_RECORDS + 40)).toBe(0);
  });
});
