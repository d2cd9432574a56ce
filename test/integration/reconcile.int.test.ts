// Reconciliation on the real database: a generated HRIS export with one planted drift of every kind
// against golden records made through the ingest pipeline; --apply fixes through that pipeline, is
// audited, and a second --apply changes nothing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { registry, watchDatabase } from '../../platform/metrics';
import { systemContext } from '../../subgraphs/shared/system-context';
import { ingestPersonRecord } from '../../subgraphs/person/use-cases/ingest-record';
import { reconcileExport } from '../../subgraphs/person/use-cases/reconciliation';
import { formatReport, readExport } from '../../cli/reconcile/reconcile-command';
import { CANONICAL_COLUMNS } from '../../cli/import/map-row';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { unique } from '../support/factories';
import { newId } from '../../platform/ids';

let testDb: TestDatabase;
let config: Config;
const logger = createLogger('silent');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-reconcile-'));

beforeAll(async () => {
  testDb = await createTestDatabase();
  config = { ...loadConfig({ LOG_LEVEL: 'silent' }), database: testDb.config };
});
afterAll(async () => {
  await testDb?.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

const ctx = () => systemContext({ db: testDb.db, config, logger }, 'test:reconcile');
type Person = { givenName: string; familyName: string; email: string; phone: string; birthDate: string };

function person(given: string, n: number): Person {
  const tag = unique('x').replace(/[^a-z0-9]/gi, '').slice(-6).toLowerCase();
  return { givenName: given, familyName: `R${tag}son`, email: `${given.toLowerCase()}.${tag}@mail.example`, phone: `+1 415 555 ${String(2000 + n)}`, birthDate: `19${70 + n}-0${(n % 9) + 1}-1${n % 9}` };
}

async function ingest(system: 'HRIS' | 'CRM', sourceId: string, p: Person) {
  return ingestPersonRecord(ctx(), { system, sourceId, sourceTimestamp: new Date('2026-01-01T00:00:00Z'), attributes: p });
}

function writeExport(rows: Array<{ sourceId: string; p: Person }>): string {
  const file = path.join(dir, `${unique('hris')}.csv`);
  const col = (p: Person, c: string) => ({ given_name: p.givenName, family_name: p.familyName, email: p.email, phone: p.phone, birth_date: p.birthDate } as Record<string, string>)[c] ?? '';
  const lines = [CANONICAL_COLUMNS.join(','), ...rows.map(({ sourceId, p }) => CANONICAL_COLUMNS.map((c) => (c === 'system' ? 'HRIS' : c === 'source_id' ? sourceId : c === 'source_timestamp' ? '2026-02-01T00:00:00Z' : col(p, c))).join(','))];
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

async function countChanges() {
  const prisma = testDb.db.prisma;
  return { audit: await prisma.auditEvent.count(), outbox: await prisma.outboxEvent.count(), people: await prisma.person.count() };
}

describe('reconcile', () => {
  it('reports every kind of drift in an export and applies the fixes once', async () => {
    const ada = person('Ada', 1), grace = person('Grace', 2), alan = person('Alan', 3), kate = person('Katherine', 4), dorothy = person('Dorothy', 5), edsger = person('Edsger', 6);
    const ids = { ada: unique('E'), grace: unique('E'), alan: unique('E'), kate: unique('E'), newcomer: unique('E'), graceAgain: unique('E') };
    const adaP = (await ingest('HRIS', ids.ada, ada)).personId;
    const graceP = (await ingest('HRIS', ids.grace, grace)).personId;
    const alanP = (await ingest('HRIS', ids.alan, alan)).personId;
    const kateP = (await ingest('HRIS', ids.kate, kate)).personId;
    const dorothyP = (await ingest('CRM', unique('C'), dorothy)).personId;

    const file = writeExport([
      { sourceId: ids.ada, p: { ...ada, familyName: `${ada.familyName}-Byron` } }, // DIVERGENT_VALUE (HRIS owns legal names)
      { sourceId: ids.grace, p: { ...grace, email: 'new.address@mail.example' } }, // contact data: not HRIS's to own, no drift
      { sourceId: ids.kate, p: dorothy }, //                                       LINK_DISAGREES_WITH_MATCH (+ divergent names)
      { sourceId: ids.newcomer, p: edsger }, //                                     UNLINKED, no candidate
      { sourceId: ids.graceAgain, p: grace }, //                                    UNLINKED, and with ids.grace: DUPLICATE_ROWS
      // ids.alan is not in the export:                                               MISSING_FROM_EXPORT
    ]);
    const input = await readExport(file, 'HRIS', null, new Date());
    expect(input.unreadable).toEqual([]);

    const first = await reconcileExport(ctx(), { system: 'HRIS', file: 'hris.csv', records: input.records, apply: false });
    const { report } = first;
    expect(report.authoritativeAttributes).toEqual(['givenName', 'middleName', 'familyName', 'birthDate', 'nationality']);
    expect(report.drift).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'DIVERGENT_VALUE', sourceId: ids.ada, personId: adaP, attribute: 'familyName', goldenValue: ada.familyName, exportValue: `${ada.familyName}-Byron` }),
      expect.objectContaining({ kind: 'LINK_DISAGREES_WITH_MATCH', sourceId: ids.kate, linkedPersonId: kateP, candidate: expect.objectContaining({ personId: dorothyP }) }),
      expect.objectContaining({ kind: 'UNLINKED', sourceId: ids.newcomer, candidate: null }),
      expect.objectContaining({ kind: 'UNLINKED', sourceId: ids.graceAgain, candidate: expect.objectContaining({ personId: graceP }) }),
      { kind: 'DUPLICATE_ROWS', personId: graceP, sourceIds: [ids.grace, ids.graceAgain], lines: [3, 6] },
      { kind: 'MISSING_FROM_EXPORT', sourceId: ids.alan, personId: alanP },
    ]));
    expect(report.drift.filter((d) => d.kind === 'DIVERGENT_VALUE' && d.sourceId === ids.grace)).toEqual([]);
    // Ada's family name, and Katherine's row carrying Dorothy's given name, family name and birth date.
    expect(report.counts).toEqual({ UNLINKED: 2, MISSING_FROM_EXPORT: 1, DIVERGENT_VALUE: 4, DUPLICATE_ROWS: 1, LINK_DISAGREES_WITH_MATCH: 1 });
    expect(first.applied).toEqual([]);

    // The readable table names every kind and the divergent values; JSON is the same result.
    const text = formatReport(first, input.unreadable);
    for (const kind of Object.keys(report.counts)) expect(text).toContain(kind);
    expect(text).toContain(`familyName: golden "${ada.familyName}", export "${ada.familyName}-Byron"`);
    expect(JSON.parse(JSON.stringify(first)).report.counts).toEqual(report.counts);

    // --apply: the divergent value and the unlinked newcomer go through ingest; suspected duplicates and the
    // disputed link are left for a steward.
    const before = await countChanges();
    const applied = await reconcileExport(ctx(), { system: 'HRIS', file: 'hris.csv', records: input.records, apply: true });
    expect(applied.failedFixes).toEqual([]);
    expect(applied.applied.map((a) => [a.sourceId, a.decision]).sort()).toEqual([[ids.ada, 'MATCHED'], [ids.newcomer, 'CREATED']].sort());
    const adaNow = await testDb.db.prisma.person.findUniqueOrThrow({ where: { id: adaP } });
    expect(adaNow.familyName).toBe(`${ada.familyName}-Byron`);
    const afterFirstApply = await countChanges();
    expect(afterFirstApply.people).toBe(before.people + 1);
    expect(afterFirstApply.audit).toBeGreaterThan(before.audit);
    const fixAudit = await testDb.db.prisma.auditEvent.findMany({ where: { entityId: adaP, type: 'PersonAttributesChanged' }, orderBy: { seq: 'asc' } });
    expect(fixAudit.at(-1)).toMatchObject({ actorId: 'test:reconcile', sourceSystem: 'HRIS', attribute: null });

    // A second --apply changes nothing, and the drift it still reports is what a steward must decide.
    const again = await reconcileExport(ctx(), { system: 'HRIS', file: 'hris.csv', records: input.records, apply: true });
    expect(again.applied).toEqual([]);
    expect(await countChanges()).toEqual(afterFirstApply);
    expect(again.report.counts).toEqual({ UNLINKED: 1, MISSING_FROM_EXPORT: 1, DIVERGENT_VALUE: 3, DUPLICATE_ROWS: 1, LINK_DISAGREES_WITH_MATCH: 1 });

    // Metrics: the counter of this process and the gauge of the latest run, read from the database.
    const unwatch = watchDatabase(testDb.db);
    const metrics = await registry.metrics();
    unwatch();
    expect(metrics).toMatch(/peoplegraph_reconciliation_divergences_total\{system="HRIS",kind="DIVERGENT_VALUE"\} 11/);
    expect(metrics).toMatch(/peoplegraph_reconciliation_divergence\{system="HRIS",kind="DIVERGENT_VALUE"\} 3/);
    expect(await testDb.db.prisma.reconciliationRun.count()).toBe(3);

    // A steward settles the disputed link (Kate's record is not Dorothy, a cannot-link as a review's
    // DIFFERENT_PEOPLE writes it): the next run no longer reports it.
    const kateRecord = await testDb.db.prisma.sourceRecord.findFirstOrThrow({ where: { system: 'HRIS', sourceId: ids.kate } });
    const dorothyRecords = await testDb.db.prisma.sourceRecord.findMany({ where: { personId: dorothyP } });
    expect(dorothyRecords.length).toBeGreaterThan(0);
    await testDb.db.prisma.matchConstraint.createMany({
      data: dorothyRecords.map((d) => {
        const [a, b] = [kateRecord.id, d.id].sort();
        return { id: newId(), kind: 'CANNOT_LINK' as const, sourceRecordAId: a, sourceRecordBId: b, decidedBy: 'steward-1', reason: 'different people, checked' };
      }),
    });
    const settled = await reconcileExport(ctx(), { system: 'HRIS', file: 'hris.csv', records: input.records, apply: false });
    expect(settled.report.counts.LINK_DISAGREES_WITH_MATCH).toBe(0);
    expect(settled.report.counts.UNLINKED).toBe(again.report.counts.UNLINKED);
  });

  it('leaves out rows the ingest pipeline would refuse, saying why', async () => {
    const file = writeExport([{ sourceId: unique('E'), p: { ...person('Bad', 7), birthDate: '1999-02-30' } }]);
    const input = await readExport(file, 'HRIS', null, new Date());
    const r = await reconcileExport(ctx(), { system: 'HRIS', file: 'bad.csv', records: input.records, apply: true });
    expect(r.invalidRows).toEqual([expect.objectContaining({ line: 2, problems: [expect.stringContaining('attributes.birthDate')] })]);
    expect(r.report.rows).toBe(0);
    expect(r.applied).toEqual([]);
  });
});
