// A batch of records must give what sending the same records one by one through ingestPersonRecord
// gives: the same clusters, the same decision per row, the same golden records, an intact audit chain —
// on a generated population through the import, and on a scripted batch that meets erasure tombstones,
// a steward's cannot-link and override, re-sends and field-level merges, compared row by row.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, type Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { verifyAuditChain } from '../../subgraphs/person/use-cases/audit-log';
import { systemContext } from '../../subgraphs/shared/system-context';
import type { RequestContext } from '../../subgraphs/shared/context';
import { ingestInputSchema, ingestPersonRecord } from '../../subgraphs/person/use-cases/ingest-record';
import { ingestBatch } from '../../subgraphs/person/store/ingest-store';
import { resolveMatchReview } from '../../subgraphs/person/use-cases/match-reviews';
import { overridePersonAttribute } from '../../subgraphs/person/use-cases/survivorship-policy';
import { erasePersonInTx } from '../../subgraphs/person/use-cases/erase-person';
import { changeMeta } from '../../subgraphs/shared/owned-record';
import { openAuditRows } from '../../subgraphs/shared/person-keys';
import { importPeople } from '../../cli/import/import-people';
import { readCsv } from '../../cli/import/read-csv';
import { createRowMapper, toIngestRequest } from '../../cli/import/map-row';
import { writePopulationFiles } from '../../bench/synthetic/write-population';
import { parseLosslessly } from '../../subgraphs/person/use-cases/quarantine-invalid-attributes';
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
    // Invalid values flagged and taken out, as the importer takes rows in (lossless intake).
    if (r.ok) yield parseLosslessly(ingestInputSchema(config, importedAt), r.request).request;
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
           (SELECT json_object_agg(e.k, json_build_object('value', e.v->'value', 'sourceId', e.v->'sourceId', 'rule', e.v->'rule') ORDER BY e.k) FROM "Provenance" pv, jsonb_each(pv.attributes) AS e(k, v) WHERE pv."entityId" = p.id) AS provenance
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

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

describe('a scripted batch = the same records one by one', () => {
  let a: TestDatabase;
  let b: TestDatabase;
  const decisions: Record<'a' | 'b', string[]> = { a: [], b: [] };
  const t = (day: number) => `2026-06-${String(day).padStart(2, '0')}T09:00:00.000Z`;
  const alice = { givenName: 'Alice', familyName: 'Moreau', email: 'alice.moreau@example.org', phone: '+33 1 70 36 00 00', birthDate: '1985-03-04', city: 'Paris' };
  const bob = { givenName: 'Robert', familyName: 'Stone', email: 'robert.stone@example.org', phone: '+44 20 7946 0018', birthDate: '1979-11-23', city: 'Leeds' };
  const erin = { givenName: 'Erin', familyName: 'Vale', email: 'erin.vale@example.org', birthDate: '1990-07-01', nationalId: 'ZZ 98 76 54 B' };
  // The batch, in order: re-sends of stored records, a steward-overridden person, erased identities
  // returning, and records that meet earlier records of the same batch.
  const batch = [
    { system: 'ATS', sourceId: 'A-1', sourceTimestamp: t(10), attributes: { city: 'Lyon' } },
    { system: 'ATS', sourceId: 'A-2', sourceTimestamp: t(10), attributes: { ...alice, givenName: 'alice' } },
    { system: 'CRM', sourceId: 'C-1', sourceTimestamp: t(10), attributes: { email: 'bob.stone@new.example' } },
    { system: 'CRM', sourceId: 'C-2', sourceTimestamp: t(11), attributes: { ...bob, givenName: 'Bob', email: 'bob.stone@new.example' } },
    { system: 'HRIS', sourceId: 'H-9', sourceTimestamp: t(11), attributes: erin },
    { system: 'ATS', sourceId: 'A-9', sourceTimestamp: t(11), attributes: { fullName: 'E. Someone', nationalId: 'zz987654b' } },
    { system: 'ATS', sourceId: 'A-2', sourceTimestamp: t(12), attributes: { phone: null, city: 'Marseille' } },
    { system: 'ATS', sourceId: 'A-2', sourceTimestamp: t(12), attributes: { phone: null, city: 'Marseille' } },
    { system: 'ATS', sourceId: 'A-2', sourceTimestamp: t(1), attributes: { city: 'Nice' } },
    { system: 'CRM', sourceId: 'C-3', sourceTimestamp: t(12), attributes: { givenName: 'Nadia', familyName: 'Quell', email: 'nadia.quell@example.net' } },
    { system: 'CRM', sourceId: 'C-3', sourceTimestamp: t(13), attributes: { city: 'Gent', givenName: null, fullName: 'Nadia Q. Quell' } },
    { system: 'HRIS', sourceId: 'H-3', sourceTimestamp: t(13), attributes: { givenName: 'Nadia', familyName: 'Quell', email: 'nadia.quell@example.net', emailVerified: true, city: 'Gent' } },
    { system: 'ATS', sourceId: 'A-3', sourceTimestamp: t(14), attributes: { givenName: 'N.', familyName: 'Other', email: 'nadia.quell@example.net' } },
    // A new record and, later in the same batch, its re-send with another national id: one identifier row.
    { system: 'HRIS', sourceId: 'H-7', sourceTimestamp: t(15), attributes: { givenName: 'Ola', familyName: 'Lindqvist', nationalId: 'AB 11 22 33 C' } },
    { system: 'HRIS', sourceId: 'H-7', sourceTimestamp: t(16), attributes: { nationalId: 'AB 11 22 33 D' } },
  ];

  function ctxOf(db: TestDatabase): RequestContext {
    return systemContext({ db: db.db, config: { ...config, database: db.config }, logger: createLogger('silent') }, 'scripted-test', 'scripted');
  }

  /** The same history in both databases, one call at a time: a cannot-link, a steward override, an erasure. */
  async function setUp(db: TestDatabase): Promise<void> {
    const ctx = ctxOf(db);
    const send = (system: string, sourceId: string, day: number, attributes: Record<string, unknown>) => ingestPersonRecord(ctx, { system, sourceId, sourceTimestamp: new Date(t(day)), attributes });
    await send('HRIS', 'H-1', 1, { ...alice, nationalId: 'QQ 12 34 56 A' });
    const review = await send('ATS', 'A-1', 2, { ...alice, birthDate: '1958-08-09' });
    expect(review.decision).toBe('REVIEW_QUEUED');
    await resolveMatchReview(ctx, { reviewId: review.reviewId, decision: 'DIFFERENT_PEOPLE', reason: 'two people of the same name' });
    const bobbed = await send('CRM', 'C-1', 3, bob);
    await overridePersonAttribute(ctx, { personId: bobbed.personId, attribute: 'familyName', value: 'Stone-Steward', reason: 'legal name change on file' });
    const erased = await send('HRIS', 'H-9', 4, erin);
    await db.db.prisma.$transaction((tx) => erasePersonInTx(tx, ctx.config, changeMeta(ctx, null), erased.personId, { reason: 'retention', reasonCode: 'RETENTION:test' }));
  }

  beforeAll(async () => {
    [a, b] = [await createTestDatabase(), await createTestDatabase()];
    await setUp(a);
    await setUp(b);
    const schema = ingestInputSchema(config, new Date());
    const outcomes = await ingestBatch(ctxOf(a), batch.map((r) => schema.parse({ ...r, sourceTimestamp: new Date(r.sourceTimestamp) })));
    decisions.a = outcomes.map((o) => (o.ok ? o.result.decision : 'REJECTED'));
    for (const r of batch) decisions.b.push((await ingestPersonRecord(ctxOf(b), { ...r, sourceTimestamp: new Date(r.sourceTimestamp) })).decision);
  }, 300_000);

  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
  });

  /** Labels for the ids of one database: a source record is system:sourceId, a person its sorted members. */
  async function labels(db: TestDatabase): Promise<(v: unknown) => unknown> {
    const records = await db.db.raw.query<{ id: string; personId: string; label: string; system: string; ts: Date }>(
      `SELECT id::text, "personId"::text AS "personId", system::text || ':' || "sourceId" AS label, system::text AS system, "sourceTimestamp" AS ts FROM "SourceRecord"`);
    const label = new Map<string, string>();
    // A steward's override is timed by the clock of the setup, which differs between the two databases.
    for (const r of records) if (r.system === 'STEWARD') label.set(r.ts.toISOString(), 'steward-time');
    const members = new Map<string, string[]>();
    for (const r of records) {
      label.set(r.id, r.label.replace(UUID, '…'));
      members.set(r.personId, [...(members.get(r.personId) ?? []), r.label.replace(UUID, '…')]);
    }
    for (const [personId, m] of members) label.set(personId, `person(${m.sort().join('|')})`);
    const reviews = await db.db.raw.query<{ id: string; sourceRecordId: string }>(`SELECT id::text, "sourceRecordId"::text AS "sourceRecordId" FROM "MatchReview"`);
    for (const r of reviews) label.set(r.id, `review(${label.get(r.sourceRecordId)})`);
    // Ids generated per database (override and erased record keys, request ids as causation) read as "…".
    const map = (v: unknown): unknown => {
      if (typeof v === 'string') return label.get(v) ?? v.replace(UUID, '…');
      if (v instanceof Date) return map(v.toISOString());
      if (Array.isArray(v)) return v.map(map);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, map(x)]));
      return v;
    };
    return map;
  }

  async function provenanceRows(db: TestDatabase) {
    const map = await labels(db);
    const rows = await db.db.raw.query<Record<string, unknown>>(`SELECT pv."entityType", pv."entityId"::text AS "entityId", e.k AS attribute, e.v->'value' AS value, e.v->>'system' AS system, e.v->>'sourceRecordId' AS "sourceRecordId",
              e.v->>'sourceId' AS "sourceId", e.v->>'sourceTimestamp' AS "sourceTimestamp", e.v->>'rule' AS rule, e.v->'candidates' AS candidates
       FROM "Provenance" pv, jsonb_each(pv.attributes) AS e(k, v)`);
    return rows.map((r) => JSON.stringify(map(r))).sort();
  }

  /** Every audit row the batch wrote, values opened, in the order they were appended. */
  async function auditRows(db: TestDatabase, table: 'AuditEvent' | 'OutboxEvent') {
    const map = await labels(db);
    const ctx = ctxOf(db);
    if (table === 'OutboxEvent') {
      const rows = await db.db.raw.query<Record<string, unknown>>(`SELECT type, "aggregateType", "aggregateId"::text AS "aggregateId", payload, "correlationId", "causationId", "actorId", "sourceSystem"::text AS "sourceSystem" FROM "OutboxEvent" ORDER BY seq`);
      return rows.map((r) => map(r));
    }
    const rows = await db.db.prisma.auditEvent.findMany({ orderBy: { seq: 'asc' } });
    const opened = await openAuditRows(ctx, rows.map((r) => ({ ...r, entityId: r.entityId })));
    return opened.map((r) => map({
      type: r.type, entityType: r.entityType, entityId: r.entityId, attribute: r.attribute, oldValue: r.oldValue, newValue: r.newValue,
      correlationId: r.correlationId, causationId: r.causationId, actorId: r.actorId, sourceSystem: r.sourceSystem, reasonCode: r.reasonCode,
    }));
  }

  it('makes the same decision for every record, including the erased, overridden and re-sent ones', () => {
    expect(decisions.a).toEqual(decisions.b);
    expect(decisions.a).toEqual([
      'MATCHED', 'AUTO_MERGED', 'MATCHED', 'AUTO_MERGED', 'CREATED_FLAGGED', 'CREATED_FLAGGED', 'MATCHED', 'UNCHANGED', 'UNCHANGED', 'CREATED', 'MATCHED', 'AUTO_MERGED', 'MATCHED',
      'CREATED', 'MATCHED',
    ]);
  });

  it('leaves the same provenance rows, whole', async () => {
    const [pa, pb] = [await provenanceRows(a), await provenanceRows(b)];
    expect(pa).toEqual(pb);
    // The steward's value still wins on the person the batch merged a CRM record into.
    expect(pa.find((r) => r.includes('"attribute":"familyName"') && r.includes('person(CRM:C-1|CRM:C-2|STEWARD'))).toMatch(/"value":"Stone-Steward"/);
  });

  it('keeps the same legal identifiers, one per source record and kind', async () => {
    const rows = async (db: TestDatabase) => {
      const map = await labels(db);
      const r = await db.db.raw.query<Record<string, unknown>>(`SELECT "sourceRecordId"::text AS "sourceRecordId", kind::text AS kind, "blindIndex" FROM "LegalIdentifier"`);
      return r.map((x) => JSON.stringify(map(x))).sort();
    };
    const [la, lb] = [await rows(a), await rows(b)];
    expect(la).toEqual(lb);
    expect(la.filter((r) => r.includes('HRIS:H-7'))).toHaveLength(1);
    expect(new Set(la.map((r) => JSON.stringify((JSON.parse(r) as { sourceRecordId: string; kind: string }).sourceRecordId + (JSON.parse(r) as { kind: string }).kind))).size).toBe(la.length);
  });

  it('leaves the same audit and outbox rows, whole and in order', async () => {
    expect(await auditRows(a, 'AuditEvent')).toEqual(await auditRows(b, 'AuditEvent'));
    expect(await auditRows(a, 'OutboxEvent')).toEqual(await auditRows(b, 'OutboxEvent'));
  });
});

describe('a batch meeting a large key bucket = the same records one by one', () => {
  // Twelve stored namesakes share one given-initial + family key ("A. Kowalczyk"): more records than
  // the lone-key rule lets one shared key bring in as candidates, so the ingest view holds only the
  // count of that key's rows and the rows of the people it loads. The batch adds rows to the key,
  // re-keys one of the stored records and meets the namesakes through one and through two keys.
  let a: TestDatabase;
  let b: TestDatabase;
  const results: Record<'a' | 'b', Array<{ decision: string; considered: number }>> = { a: [], b: [] };
  const t = (day: number) => `2026-07-${String(day).padStart(2, '0')}T09:00:00.000Z`;
  const givens = ['Anna', 'Agata', 'Alicja', 'Aleksandra', 'Adam', 'Artur', 'Andrzej', 'Antoni', 'Aniela', 'Adrian', 'Amelia', 'Ada'];
  const cities = ['Gdansk', 'Poznan', 'Lodz', 'Lublin', 'Torun', 'Opole', 'Kielce', 'Radom', 'Rzeszow', 'Olsztyn', 'Bytom', 'Plock'];
  const namesake = (i: number) => ({ givenName: givens[i], familyName: 'Kowalczyk', city: cities[i], birthDate: `${1950 + 3 * i}-0${1 + (i % 9)}-1${i % 10}` });
  const batch = [
    // Anna again, from another system: joins her person (fresh rows under the large key).
    { system: 'ATS', sourceId: 'K-A1', sourceTimestamp: t(5), attributes: { ...namesake(0), email: 'anna.kowalczyk@example.pl' } },
    // A re-send of a stored namesake that moves town: its stored row of the large key stops counting, a fresh one counts.
    { system: 'CRM', sourceId: 'K-4', sourceTimestamp: t(5), attributes: { city: 'Sopot' } },
    // Shares only the large key with everyone: scored against no one.
    { system: 'CRM', sourceId: 'K-N1', sourceTimestamp: t(6), attributes: { givenName: 'Aurelia', familyName: 'Kowalczyk', city: 'Elblag', birthDate: '2001-12-30' } },
    // Shares the large key and the town + family key with Agata: scored against her.
    { system: 'CRM', sourceId: 'K-N2', sourceTimestamp: t(6), attributes: { givenName: 'Agnieszka', familyName: 'Kowalczyk', city: cities[1], birthDate: '1999-05-05' } },
    // Meets the moved namesake in her new town, through a fresh row of this batch.
    { system: 'ATS', sourceId: 'K-N3', sourceTimestamp: t(7), attributes: { givenName: 'Arleta', familyName: 'Kowalczyk', city: 'Sopot', birthDate: '1998-02-02' } },
  ];

  function ctxOf(db: TestDatabase): RequestContext {
    return systemContext({ db: db.db, config: { ...config, database: db.config }, logger: createLogger('silent') }, 'bucket-test', 'bucket');
  }

  beforeAll(async () => {
    [a, b] = [await createTestDatabase(), await createTestDatabase()];
    for (const db of [a, b]) {
      for (let i = 0; i < givens.length; i++) await ingestPersonRecord(ctxOf(db), { system: 'CRM', sourceId: `K-${i}`, sourceTimestamp: new Date(t(1)), attributes: namesake(i) });
    }
    const schema = ingestInputSchema(config, new Date());
    const outcomes = await ingestBatch(ctxOf(a), batch.map((r) => schema.parse({ ...r, sourceTimestamp: new Date(r.sourceTimestamp) })));
    results.a = outcomes.map((o) => (o.ok ? { decision: o.result.decision, considered: o.result.explanation?.candidatesConsidered ?? -1 } : { decision: 'REJECTED', considered: 0 }));
    for (const r of batch) {
      const one = await ingestPersonRecord(ctxOf(b), { ...r, sourceTimestamp: new Date(r.sourceTimestamp) });
      results.b.push({ decision: one.decision, considered: one.explanation?.candidatesConsidered ?? -1 });
    }
  }, 300_000);

  afterAll(async () => {
    await a?.dispose();
    await b?.dispose();
  });

  it('decides alike and scores the same candidates', () => {
    expect(results.a).toEqual(results.b);
    expect(results.a.map((r) => r.decision).slice(0, 3)).toEqual(['AUTO_MERGED', 'MATCHED', 'CREATED']);
    // Aurelia shares one key of thirteen records: nobody is scored. Agnieszka and Arleta each meet one namesake through two keys.
    expect(results.a.map((r) => r.considered).slice(2)).toEqual([0, 1, 1]);
  });

  it('stores the same people', async () => {
    const people = async (db: TestDatabase) => (await db.db.raw.query<{ m: string }>(
      `SELECT string_agg("sourceId", '|' ORDER BY "sourceId") AS m FROM "SourceRecord" GROUP BY "personId" ORDER BY 1`)).map((r) => r.m);
    expect(await people(a)).toEqual(await people(b));
  });
});
