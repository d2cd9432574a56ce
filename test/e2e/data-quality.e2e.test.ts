// The dataQuality query through the gateway: figures follow what ingestion did (a review queued, a
// duplicate merged), audit readiness drops when a golden value's provenance loses its audit event, and
// every reader role may ask, since it holds counts and rates only.
import { startTestStack, type TestStack } from '../support/stack';
import { unique } from '../support/factories';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const Q = `{ dataQuality { people suspectedDuplicateRate reviewBacklog oldestReviewAgeSeconds medianReviewAgeSeconds goldenValues goldenValuesWithProvenance auditReadiness bySystem { system people sourceRecords } measuredAt } }`;

async function dataQuality(headers?: Record<string, string>) {
  const res = await stack.gql(Q, {}, headers);
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.dataQuality;
}

async function ingest(system: string, attributes: Record<string, unknown>) {
  const res = await stack.gql(`mutation ($i: IngestPersonRecordInput!) { ingestPersonRecord(input: $i) { personId decision } }`, {
    i: { system, sourceId: unique(system), sourceTimestamp: '2026-01-01T00:00:00Z', attributes },
  });
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.ingestPersonRecord as { personId: string; decision: string };
}

function freshPerson(given: string, n: number) {
  const tag = unique('x').replace(/[^a-z0-9]/gi, '').slice(-6).toLowerCase();
  return { givenName: given, familyName: `D${tag}son`, email: `${given.toLowerCase()}.${tag}@mail.example`, phone: `+1 415 555 ${3000 + n}`, birthDate: `19${60 + n}-04-1${n}` };
}

describe('dataQuality', () => {
  it('is empty and fully audit-ready on an empty database', async () => {
    expect(await dataQuality()).toMatchObject({ people: 0, suspectedDuplicateRate: 0, reviewBacklog: 0, oldestReviewAgeSeconds: null, medianReviewAgeSeconds: null, goldenValues: 0, auditReadiness: 1, bySystem: [] });
  });

  it('follows ingestion: duplicates merged, a review queued, counts per system, audit readiness', async () => {
    const ada = freshPerson('Ada', 1);
    const grace = freshPerson('Grace', 2);
    const hrisAda = await ingest('HRIS', ada);
    expect((await ingest('CRM', { ...ada, givenName: 'ada' })).decision).toBe('AUTO_MERGED');
    await ingest('HRIS', grace);
    // Born a generation apart: a namesake father or son, never merged automatically.
    const review = await ingest('ATS', { ...grace, birthDate: '1936-02-03' });
    expect(review.decision).toBe('REVIEW_QUEUED');

    const q = await dataQuality(await stack.as('reader'));
    // Ada (HRIS + CRM), Grace, and the ATS record held apart while a steward decides.
    expect(q.people).toBe(3);
    expect(q.reviewBacklog).toBe(1);
    expect(q.oldestReviewAgeSeconds).toBeGreaterThanOrEqual(0);
    expect(q.medianReviewAgeSeconds).toBe(q.oldestReviewAgeSeconds);
    // Grace and the ATS person are both suspects of the one review: 2 of 3.
    expect(q.suspectedDuplicateRate).toBeCloseTo(2 / 3, 5);
    // In the order of the SourceSystem enum.
    expect(q.bySystem).toEqual([
      { system: 'CRM', people: 1, sourceRecords: 1 },
      { system: 'ATS', people: 1, sourceRecords: 1 },
      { system: 'HRIS', people: 2, sourceRecords: 2 },
    ]);
    expect(q.goldenValues).toBeGreaterThan(0);
    expect(q.goldenValuesWithProvenance).toBe(q.goldenValues);
    expect(q.auditReadiness).toBe(1);

    // A provenance entry whose event the audit log does not hold is incomplete provenance.
    await stack.testDb.db.raw.query(
      `UPDATE "Provenance" SET attributes = jsonb_set(attributes, '{familyName,eventId}', '"00000000-0000-4000-8000-00000000dead"') WHERE "entityType" = 'Person' AND "entityId" = $1`,
      [hrisAda.personId],
    );
    const after = await dataQuality();
    expect(after.goldenValuesWithProvenance).toBe(q.goldenValues - 1);
    expect(after.auditReadiness).toBeCloseTo((q.goldenValues - 1) / q.goldenValues, 5);
  });

  it('answers every reader role and no caller without one', async () => {
    for (const role of ['reader', 'recruiter', 'hr', 'steward', 'auditor', 'crm'] as const) {
      const res = await stack.gql(`{ dataQuality { people auditReadiness } }`, {}, await stack.as(role));
      expect(res.body.errors).toBeUndefined();
    }
    const none = await stack.gql(`{ dataQuality { people } }`, {}, { authorization: `Bearer ${await stack.token({ roles: [] })}` });
    expect(none.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
