// The bulk import path must give what loading the same rows one by one through ingestPersonRecord
// gives: the same clusters, the same decision per row, the same golden records, an intact audit chain.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { verifyAuditChain } from '../../subgraphs/person/audit-log';
import { systemContext } from '../../subgraphs/shared/system-context';
import type { RequestContext } from '../../subgraphs/shared/context';
import { ingestPersonRecord } from '../../subgraphs/person/ingest-record';
import { importPeople } from '../../cli/import/import-people';
import { readCsv } from '../../cli/import/read-csv';
import { createRowMapper, toIngestRequest } from '../../cli/import/map-row';
import { writePopulationFiles } from '../../bench/synthetic/write-population';
import { createTestDatabase, type TestDatabase } from '../support/database';

const FILES = ['crm.csv', 'ats.csv', 'hris.csv'];
let dir: string;
let batchDb: TestDatabase;
let onlineDb: TestDatabase;
let config: Config;
const batchDecisions: string[] = [];
const onlineDecisions: string[] = [];

function contextFor(db: TestDatabase): RequestContext {
  return systemContext({ db: db.db, config: { ...config, database: db.config }, logger: createLogger('silent') }, 'equivalence-test');
}

/** The rows exactly as the importer turns them into requests, for the one-by-one load. */
async function* requests(file: string) {
  let mapper: ReturnType<typeof createRowMapper> | null = null;
  const importedAt = new Date();
  for await (const rec of readCsv(file)) {
    if (!mapper) {
      mapper = createRowMapper(rec.fields, null, null);
      continue;
    }
    const r = toIngestRequest(mapper.toCanonical(rec.fields), null, importedAt);
    if (r.ok) yield r.request;
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pg-equivalence-'));
  // About 1,600 records: households, shared emails and phones, typos, nicknames, duplicates in one system.
  writePopulationFiles({ people: 1000, seed: 'equivalence', outDir: dir, shuffleWindow: 500 });
  config = loadConfig({ LOG_LEVEL: 'silent' });
  [batchDb, onlineDb] = [await createTestDatabase(), await createTestDatabase()];

  const batchCtx = contextFor(batchDb);
  // Small batches so rows match rows of the same batch and of earlier batches.
  for (const f of FILES) {
    await importPeople(batchCtx, { file: join(dir, f), batchSize: 300, rejectsPath: join(dir, `${f}.rejects`), onRow: (r) => batchDecisions.push(`${r.system}:${r.sourceId}:${r.result.decision}`) });
  }
  const onlineCtx = contextFor(onlineDb);
  for (const f of FILES) {
    for await (const req of requests(join(dir, f))) {
      try {
        const r = await ingestPersonRecord(onlineCtx, req);
        onlineDecisions.push(`${req.system}:${req.sourceId}:${r.decision}`);
      } catch {
        // Rows the API refuses are the importer's rejects; both skip them.
      }
    }
  }
}, 900_000);

afterAll(async () => {
  await batchDb?.dispose();
  await onlineDb?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

type LinkRow = { system: string; sourceId: string; personId: string };
async function clusters(db: TestDatabase): Promise<Map<string, string[]>> {
  const rows = await db.db.raw.query<LinkRow>(`SELECT system::text AS system, "sourceId", "personId"::text AS "personId" FROM "SourceRecord"`);
  const byPerson = new Map<string, string[]>();
  for (const r of rows) byPerson.set(r.personId, [...(byPerson.get(r.personId) ?? []), `${r.system}:${r.sourceId}`]);
  // Keyed by the cluster's sorted members, so person ids (random) do not matter.
  return new Map([...byPerson].map(([personId, members]) => [members.sort().join('|'), [personId]]));
}

async function goldenByCluster(db: TestDatabase): Promise<Map<string, unknown>> {
  const people = await db.db.raw.query<Record<string, unknown>>(`
    SELECT p.*, (SELECT string_agg(sr.system::text || ':' || sr."sourceId", '|' ORDER BY sr.system::text || ':' || sr."sourceId") FROM "SourceRecord" sr WHERE sr."personId" = p.id) AS members,
           (SELECT json_object_agg(pv.attribute, json_build_object('value', pv.value, 'sourceId', pv."sourceId", 'rule', pv.rule) ORDER BY pv.attribute) FROM "Provenance" pv WHERE pv."entityId" = p.id) AS provenance
    FROM "Person" p`);
  const drop = new Set(['id', 'createdAt', 'updatedAt', 'lastActivityAt']);
  return new Map(people.map((p) => [String(p.members), JSON.stringify(Object.entries(p).filter(([k]) => !drop.has(k)).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]))]));
}

async function countsByType(db: TestDatabase, table: 'AuditEvent' | 'OutboxEvent'): Promise<Record<string, number>> {
  const rows = await db.db.raw.query<{ type: string; n: number }>(`SELECT type, count(*)::int AS n FROM "${table}" GROUP BY type ORDER BY type`);
  return Object.fromEntries(rows.map((r) => [r.type, r.n]));
}

describe('bulk import = one by one through ingestPersonRecord', () => {
  it('makes the same decision for every row', () => {
    expect(batchDecisions.length).toBeGreaterThan(1500);
    expect(batchDecisions).toEqual(onlineDecisions);
    for (const decision of ['CREATED', 'AUTO_MERGED', 'REVIEW_QUEUED']) expect(batchDecisions.some((d) => d.endsWith(`:${decision}`))).toBe(true);
  });

  it('builds the same clusters (as a partition of source records)', async () => {
    const [a, b] = [await clusters(batchDb), await clusters(onlineDb)];
    expect([...a.keys()].sort()).toEqual([...b.keys()].sort());
    expect([...a.keys()].filter((members) => members.includes('|')).length).toBeGreaterThan(100);
  });

  it('computes the same golden values and provenance per cluster', async () => {
    const [a, b] = [await goldenByCluster(batchDb), await goldenByCluster(onlineDb)];
    expect(a.size).toBe(b.size);
    for (const [members, golden] of a) expect([members, golden]).toEqual([members, b.get(members)]);
  });

  it('writes the same audit and outbox events, on an audit chain that verifies', async () => {
    expect(await countsByType(batchDb, 'AuditEvent')).toEqual(await countsByType(onlineDb, 'AuditEvent'));
    expect(await countsByType(batchDb, 'OutboxEvent')).toEqual(await countsByType(onlineDb, 'OutboxEvent'));
    // Steps of a candidate's flow carry the person id as correlation id, in both.
    const inFlow = (d: TestDatabase) => d.db.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM "AuditEvent" WHERE "correlationId" = "entityId"::text`);
    expect((await inFlow(batchDb))[0].n).toBe((await inFlow(onlineDb))[0].n);
    expect(await verifyAuditChain(batchDb.db)).toMatchObject({ ok: true, brokenAt: null });
    const legalIds = (d: TestDatabase) => d.db.raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM "LegalIdentifier"`);
    expect((await legalIds(batchDb))[0].n).toBe((await legalIds(onlineDb))[0].n);
    expect((await legalIds(batchDb))[0].n).toBeGreaterThan(100);
    const reviews = await Promise.all([batchDb, onlineDb].map((d) => d.db.prisma.matchReview.count({ where: { status: 'PENDING' } })));
    expect(reviews[0]).toBe(reviews[1]);
  });
});
