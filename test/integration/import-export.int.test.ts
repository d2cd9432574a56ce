// The import and export commands against the real database: round trip, rejects with line numbers,
// idempotent re-import, column mapping, review export. Each test loads its own people.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { loadConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { systemContext } from '../../subgraphs/shared/system-context';
import { changeMeta } from '../../subgraphs/shared/owned-record';
import { erasePersonInTx } from '../../subgraphs/person/use-cases/erase-person';
import type { RequestContext } from '../../subgraphs/shared/context';
import { getDataQuality } from '../../subgraphs/person/use-cases/data-quality';
import { importPeople } from '../../cli/import/import-people';
import { mappingSchema } from '../../cli/import/map-row';
import { readCsv } from '../../cli/import/read-csv';
import { LINK_COLUMNS, REVIEW_COLUMNS, linkRows, reviewRows, writeExport } from '../../cli/export/export-identity';
import { createTestDatabase, type TestDatabase } from '../support/database';

const HEADER = 'system,source_id,source_timestamp,given_name,middle_name,family_name,full_name,preferred_name,email,phone,birth_date,national_id,street,city,postcode,country,employer,job_title';

let dir: string;
let testDb: TestDatabase;
let ctx: RequestContext;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'pg-import-'));
  testDb = await createTestDatabase();
  ctx = systemContext({ db: testDb.db, config: { ...loadConfig({ LOG_LEVEL: 'silent' }), database: testDb.config }, logger: createLogger('silent') }, 'import-test');
});
afterAll(async () => {
  await testDb?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, lines: string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function exportRows(kind: 'links' | 'reviews', format: 'csv' | 'json' = 'csv'): Promise<string> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  if (kind === 'links') await writeExport(linkRows(testDb.db), LINK_COLUMNS, format, out);
  else await writeExport(reviewRows(testDb.db), REVIEW_COLUMNS, format, out);
  return Buffer.concat(chunks).toString('utf8');
}

async function parseCsvFile(path: string): Promise<Array<Record<string, string>>> {
  const out: Array<Record<string, string>> = [];
  let header: string[] | null = null;
  for await (const r of readCsv(path)) {
    if (!header) header = r.fields;
    else out.push(Object.fromEntries(header.map((h, i) => [h, r.fields[i]])));
  }
  return out;
}

async function linksBySource(): Promise<Map<string, Record<string, string>>> {
  const path = join(dir, `links-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(path, await exportRows('links'));
  return new Map((await parseCsvFile(path)).map((r) => [`${r.system}:${r.source_id}`, r]));
}

describe('import → export links', () => {
  it('loads a CSV (quoted fields, a row without system) and exports one link per source record', async () => {
    const path = file('people.csv', [
      HEADER,
      'HRIS,E-100,2026-01-10T09:00:00Z,Marguerite,,Oyelaran,,,marguerite.oyelaran@example.org,+1 415 555 0142,1984-03-07,123-45-6789,"12 Main Street, Apt 3",San Francisco,94105,US,Acme,Engineer',
      'CRM,C-100,2026-02-01T09:00:00Z,Maggie,,Oyelaran,,,marguerite.oyelaran@example.org,+14155550142,,,,San Francisco,,US,"Acme, Inc.",',
      ',A-100,2026-03-01T09:00:00Z,Marguerite,,Oyelaran,,,m.oyelaran@mail.example,,1984-03-07,123-45-6789,,,,US,,',
      'CRM,C-200,,Bartholomew,,Quenneville,,,bart.q@example.net,,,,,,,,,',
    ]);
    const seen: string[] = [];
    const summary = await importPeople(ctx, { file: path, system: 'ATS', onRow: (r) => seen.push(`${r.system}:${r.sourceId}:${r.result.decision}`) });
    expect(summary).toMatchObject({ rows: 4, loaded: 4, rejected: 0, rejectsPath: null });
    expect(seen).toEqual(['HRIS:E-100:CREATED', 'CRM:C-100:AUTO_MERGED', 'ATS:A-100:MATCHED', 'CRM:C-200:CREATED']);

    const links = await linksBySource();
    const person = links.get('HRIS:E-100')!.person_id;
    expect(links.get('HRIS:E-100')).toMatchObject({ link_type: 'new', score: '' });
    expect(links.get('CRM:C-100')).toMatchObject({ person_id: person, link_type: 'automatic_match' });
    expect(Number(links.get('CRM:C-100')!.score)).toBeGreaterThanOrEqual(0.9);
    expect(links.get('ATS:A-100')).toMatchObject({ person_id: person, link_type: 'deterministic_key' });
    expect(links.get('CRM:C-200')!.person_id).not.toBe(person);

    const golden = await testDb.db.prisma.person.findUniqueOrThrow({ where: { id: person } });
    expect(golden).toMatchObject({ legalName: 'Marguerite Oyelaran', street: '12 Main Street, Apt 3', candidateStatus: 'APPLICANT', customerStatus: 'CONTACT' });

    const json = JSON.parse(await exportRows('links', 'json')) as Array<Record<string, unknown>>;
    expect(json.find((r) => r.source_id === 'C-100')).toMatchObject({ system: 'CRM', person_id: person, link_type: 'automatic_match' });
  });

  it('reports an identical second load as UNCHANGED and writes nothing', async () => {
    const path = file('twice.csv', [
      HEADER,
      'ATS,T-1,2026-01-01T00:00:00Z,Cornelius,,Vandersloot,,,cornelius.v@example.org,,1979-11-23,,,,,,,',
      'ATS,T-2,2026-01-01T00:00:00Z,Philippa,,Ashdown-Wray,,,philippa.aw@example.org,,,,,,,,,',
      'ATS,T-1,2026-01-02T00:00:00Z,Cornelius,,Vandersloot,,,cornelius.v@example.org,,1979-11-23,,,Leeds,,,,',
    ]);
    const first = await importPeople(ctx, { file: path });
    expect(first.outcomes).toEqual({ CREATED: 2, MATCHED: 1 });
    const audit = await testDb.db.prisma.auditEvent.count();
    const outbox = await testDb.db.prisma.outboxEvent.count();
    const second = await importPeople(ctx, { file: path });
    expect(second.outcomes).toEqual({ UNCHANGED: 3 });
    expect(await testDb.db.prisma.auditEvent.count()).toBe(audit);
    expect(await testDb.db.prisma.outboxEvent.count()).toBe(outbox);
  });

  it('writes bad rows with line number and reason to the rejects file while good rows load, and loads rows whose only problem is a value, flagged', async () => {
    const path = file('bad.csv', [
      HEADER,
      'CRM,R-1,,Leopold,,Fairweather,,,leopold.f@example.org,,,,,,,,,',
      'CRM,R-2,,Ignatius,,Blackwood,,,,,1985-02-30,,,,,,,',
      'CRM,,,Rosalind,,Thistlewood,,,,,,,,,,,,',
      'XYZ,R-4,,Percival,,Oakenshield,,,,,,,,,,,,',
      'CRM,R-5,,,,,,,,,,,,Springfield,,US,,',
      'CRM,R-6,yesterday,Octavia,,Pemberton,,,,,,,,,,,,',
      '"CRM","R-7",,"Wilhelmina",,"Crabtree-Ashby",,,"wil@example.org",,,,"1 ""Old"" Lane"',
      'CRM,R-8,,Evangeline,,Moorcroft,,,not-an-email,,,,,,,,,',
    ]);
    const rejectsPath = join(dir, 'bad.rejects.csv');
    const summary = await importPeople(ctx, { file: path, rejectsPath, batchSize: 2 });
    expect(summary).toMatchObject({ rows: 8, loaded: 4, rejected: 4, flagged: 2, rejectsPath });
    const rejects = await parseCsvFile(rejectsPath);
    // In line order (a row the planner refuses is written when its batch is decided).
    expect(rejects.map((r) => [r.line, r.reason]).sort((a, b) => Number(a[0]) - Number(b[0]))).toEqual([
      ['3', 'loaded, flagged (kept raw, not used for matching): birth_date: must be a calendar date'],
      ['4', 'source_id: must not be empty'],
      ['5', expect.stringMatching(/^system: must be CRM, ATS or HRIS/)],
      ['6', 'attributes: must carry at least a name, an e-mail, a phone or a legal identifier'],
      ['7', expect.stringMatching(/^source_timestamp: must be an ISO 8601 date-time/)],
      ['9', 'loaded, flagged (kept raw, not used for matching): email: must be an e-mail address'],
    ]);
    // The original cells come back, so a fixed rejects file can be loaded again.
    expect(rejects[0]).toMatchObject({ system: 'CRM', source_id: 'R-2', given_name: 'Ignatius', birth_date: '1985-02-30' });
    const links = await linksBySource();
    expect(links.has('CRM:R-1')).toBe(true);
    expect(links.has('CRM:R-7')).toBe(true);
    for (const id of ['R-2', 'R-8']) expect(links.has(`CRM:${id}`)).toBe(true);
    for (const id of ['R-5', 'R-6']) expect(links.has(`CRM:${id}`)).toBe(false);
    // The invalid value stays on the source record, raw and with its reason, and nowhere else.
    const flagged = await testDb.db.prisma.sourceRecord.findUniqueOrThrow({ where: { system_sourceId: { system: 'CRM', sourceId: 'R-2' } } });
    const attrs = flagged.attributes as Record<string, unknown>;
    expect(attrs.invalid).toEqual({ birthDate: { value: '1985-02-30', reason: 'must be a calendar date' } });
    expect(attrs.birthDate).toBeUndefined();
    expect((await testDb.db.prisma.person.findUniqueOrThrow({ where: { id: flagged.personId } })).birthDate).toBeNull();
    // Counted for stewards among the data-quality figures of the system.
    expect((await getDataQuality(ctx)).bySystem.find((s) => s.system === 'CRM')?.flaggedValues).toBe(2);
    const street = await testDb.db.prisma.sourceRecord.findUniqueOrThrow({ where: { system_sourceId: { system: 'CRM', sourceId: 'R-7' } } });
    expect((street.attributes as Record<string, unknown>).street).toBe('1 "Old" Lane');
  });

  it('maps other headers and date formats with a mapping file', async () => {
    const path = file('febrl-like.csv', [
      'rec_id, given_name, surname, street_number, address_1, suburb, postcode, state, date_of_birth, soc_sec_id',
      'rec-1-org, theodora, winterbourne, 7, wallaby place, cleveland, 2119, sa, 19560409, 1804974',
      'rec-1-dup-0, theodora, winterbourne, 7, wallaby pl, cleveland, 2119, sa, 19560409, 1804974',
    ]);
    const mapping = mappingSchema.parse({
      columns: { source_id: 'rec_id', given_name: 'given_name', family_name: 'surname', street: ['street_number', 'address_1'], city: 'suburb', postcode: 'postcode', birth_date: 'date_of_birth', national_id: 'soc_sec_id' },
      dateFormats: { birth_date: 'YYYYMMDD' },
      constants: { country: 'au' },
      uppercase: ['country'],
    });
    const decisions: string[] = [];
    const summary = await importPeople(ctx, { file: path, system: 'HRIS', mapping, onRow: (r) => decisions.push(r.result.decision) });
    expect(summary.rejected).toBe(0);
    expect(decisions).toEqual(['CREATED', 'MATCHED']);
    const record = await testDb.db.prisma.sourceRecord.findUniqueOrThrow({ where: { system_sourceId: { system: 'HRIS', sourceId: 'rec-1-org' } } });
    expect(record.attributes).toMatchObject({ givenName: 'theodora', street: '7 wallaby place', birthDate: '1956-04-09', country: 'AU' });
  });

  it('exports the open review tasks', async () => {
    // Same name and place, another e-mail, no personal identifier that agrees: a probable match a steward has to decide.
    const path = file('review.csv', [
      HEADER,
      'HRIS,V-1,,Evangeline,,Ravenscroft-Hale,,,evangeline.rh@example.org,+1 312 555 0199,1990-06-15,,,Chicago,60601,US,,',
      'ATS,V-2,,Evangeline,,Ravenscroft-Hale,,,e.ravenscroft@mail.example,,,,,Chicago,60601,US,,',
    ]);
    const results: Array<{ decision: string; reviewId: string | null; personId: string; suggestedPersonId: string | null }> = [];
    await importPeople(ctx, { file: path, onRow: (r) => results.push(r.result) });
    expect(results[1].decision).toBe('REVIEW_QUEUED');
    const out = join(dir, 'reviews.csv');
    writeFileSync(out, await exportRows('reviews'));
    const reviews = await parseCsvFile(out);
    expect(reviews).toContainEqual(expect.objectContaining({
      review_id: results[1].reviewId, system: 'ATS', source_id: 'V-2', person_id: results[1].personId, candidate_person_id: results[0].personId,
    }));
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe(REVIEW_COLUMNS.join(','));
  });
});

describe('import follows the rules of ingestPersonRecord', () => {
  it('does not bring an erased person back: a returning record or legal identifier is created flagged', async () => {
    const path = file('erased.csv', [
      HEADER,
      'HRIS,X-1,2026-01-01T00:00:00Z,Wilhelmina,,Thistlewood,,,w.thistlewood@example.org,,1971-05-30,QQ 12 34 56 D,,York,,GB,,',
    ]);
    const first: Array<{ personId: string }> = [];
    await importPeople(ctx, { file: path, onRow: (r) => first.push(r.result) });
    await testDb.db.prisma.$transaction((tx) => erasePersonInTx(tx, ctx.config, changeMeta(ctx, null), first[0].personId, { reason: 'retention', reasonCode: 'RETENTION:test' }));
    // The nightly file still carries the row; another system sends the same legal identifier.
    const again = file('erased-again.csv', [
      HEADER,
      'HRIS,X-1,2026-01-01T00:00:00Z,Wilhelmina,,Thistlewood,,,w.thistlewood@example.org,,1971-05-30,QQ 12 34 56 D,,York,,GB,,',
      'ATS,X-2,2026-01-02T00:00:00Z,Mina,,Someone,,,mina.s@example.net,,,qq123456d,,,,,,',
    ]);
    const results: Array<{ decision: string; personId: string; explanation: { reason: string } | null }> = [];
    await importPeople(ctx, { file: again, onRow: (r) => results.push(r.result) });
    expect(results.map((r) => r.decision)).toEqual(['CREATED_FLAGGED', 'CREATED_FLAGGED']);
    expect(results[0].explanation!.reason).toMatch(/erasure tombstone/);
    expect(results.map((r) => r.personId)).not.toContain(first[0].personId);
  });

  it('treats a verified e-mail as a deterministic key only from a trusted system (HRIS by default)', async () => {
    const header = `${HEADER},email_verified`;
    const path = file('verified.csv', [
      header,
      'CRM,Y-1,2026-01-01T00:00:00Z,Octavius,,Pemberton-Lyle,,,octavius.pl@example.org,,,,,,,,,,true',
      'ATS,Y-2,2026-01-02T00:00:00Z,Rosalind,,Featherstone,,,octavius.pl@example.org,,,,,,,,,,',
      'HRIS,Y-3,2026-01-03T00:00:00Z,Ignatius,,Blackwood-Ferris,,,ignatius.bf@example.org,,,,,,,,,,true',
      'ATS,Y-4,2026-01-04T00:00:00Z,Leopold,,Marchbanks,,,ignatius.bf@example.org,,,,,,,,,,',
    ]);
    const results: Array<{ decision: string; matchedKey: string | null }> = [];
    await importPeople(ctx, { file: path, onRow: (r) => results.push(r.result) });
    expect(results[1].matchedKey).not.toBe('VERIFIED_EMAIL');
    expect(results[1].decision).not.toBe('MATCHED');
    expect(results[3]).toMatchObject({ decision: 'MATCHED', matchedKey: 'VERIFIED_EMAIL' });
  });

  it("reads a national phone number in the row's country", async () => {
    const path = file('phone.csv', [HEADER, 'CRM,Z-1,2026-01-01T00:00:00Z,Percival,,Ormsby,,,,07780 285087,,,,Leeds,,GB,,']);
    const summary = await importPeople(ctx, { file: path });
    expect(summary.rejected).toBe(0);
    const record = await testDb.db.prisma.sourceRecord.findUniqueOrThrow({ where: { system_sourceId: { system: 'CRM', sourceId: 'Z-1' } } });
    expect(record.attributes).toMatchObject({ phone: '+447780285087' });
  });
});
