// Records about the same person arriving at the same moment from several systems end as one golden
// person, and concurrent updates of one person lose no golden value. Parallel HTTP clients through
// the gateway; on PostgreSQL these really run in parallel (PGlite serializes them).
import { startTestStack, type TestStack } from '../support/stack';
import { unique } from '../support/factories';
import { usingPostgres } from '../support/database';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
  if (!usingPostgres()) console.log('concurrent-ingest: DATABASE_URL not set, running on PGlite where requests are serialized');
});
afterAll(async () => {
  await stack?.stop();
});

const INGEST = `mutation ($input: IngestPersonRecordInput!) { ingestPersonRecord(input: $input) { personId decision } }`;

function person(i: number) {
  const n = unique('c').replace(/\W/g, '').slice(-6);
  return { givenName: ['Ottilie', 'Wendelin', 'Hyacinth', 'Casimir', 'Leocadia', 'Florian'][i % 6], familyName: `Conc${n}`, email: `c${i}.${n}@mail.example`, phone: `+1 303 555 ${1000 + i * 11}`, birthDate: `1980-0${(i % 9) + 1}-1${i % 9}`, city: 'Denver' };
}

it('creates exactly one golden person when three systems send the same person at once', async () => {
  for (let round = 0; round < 6; round++) {
    const p = person(round);
    const sends = (['CRM', 'ATS', 'HRIS'] as const).flatMap((system) => [0, 1].map((k) =>
      stack.gql(INGEST, { input: { system, sourceId: unique(`${system}${k}`), sourceTimestamp: '2026-05-01T10:00:00.000Z', attributes: p } }),
    ));
    const results = await Promise.all(sends);
    for (const r of results) expect(r.body.errors).toBeUndefined();
    const ids = new Set(results.map((r) => r.body.data!.ingestPersonRecord.personId));
    expect(ids.size).toBe(1);
    const decisions = results.map((r) => r.body.data!.ingestPersonRecord.decision).sort();
    expect(decisions.filter((d) => d === 'CREATED')).toHaveLength(1);
    const golden = await stack.testDb.db.prisma.person.count({ where: { familyName: p.familyName, mergedIntoId: null } });
    expect(golden).toBe(1);
  }
});

it('loses no golden value when records of one person are updated concurrently', async () => {
  const p = person(7);
  const sources = ['CRM', 'ATS', 'HRIS'].map((system) => ({ system, sourceId: unique(system) }));
  let personId = '';
  for (const s of sources) {
    const r = await stack.gql(INGEST, { input: { ...s, sourceTimestamp: '2026-05-01T10:00:00.000Z', attributes: p } });
    personId = r.body.data!.ingestPersonRecord.personId;
  }
  // Each system changes a different attribute at the same moment.
  const updates = [
    { ...sources[0], attributes: { preferredLanguage: 'fr' } },
    { ...sources[1], attributes: { street: '12 Larimer Street' } },
    { ...sources[2], attributes: { nationality: 'CA' } },
  ];
  const results = await Promise.all(updates.map((u) => stack.gql(INGEST, { input: { ...u, sourceTimestamp: '2026-05-02T10:00:00.000Z' } })));
  for (const r of results) expect(r.body.errors).toBeUndefined();
  const after = await stack.gql(`query ($id: ID!) { person(id: $id) { preferredLanguage street nationality sourceRecords { system } } }`, { id: personId });
  expect(after.body.data!.person).toMatchObject({ preferredLanguage: 'fr', street: '12 Larimer Street', nationality: 'CA' });
  expect(after.body.data!.person.sourceRecords).toHaveLength(3);
});
