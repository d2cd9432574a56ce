// Erasure end to end: a person known to two systems, with a legal identifier, consent, a steward
// override and audited changes, is erased by a privacy officer. Afterwards no personal value of theirs is
// left in any column of any table, reads show the tombstone state, audit values are unreadable while the
// hash chain verifies, and the same identity arriving again is flagged instead of merged back.
import { EVENT_CONTRACTS } from '../../core/events/contracts';
import { verifyAuditChain } from '../../subgraphs/person/use-cases/audit-log';
import { startTestStack, type TestStack } from '../support/stack';

jest.setTimeout(120_000);

const PERSONAL = { givenName: 'Wilhelmina', familyName: 'Quartermaine', email: 'wilhelmina.q@erasure-test.example', phone: '+4915112345678', nationalId: 'ZT-9981-7731-QQ', street: 'Lindenallee 77' };
const ATS_ID = 'A-ERASE-1';
const CRM_ID = 'C-ERASE-1';
const INGEST = `mutation ($i: IngestPersonRecordInput!) { ingestPersonRecord(input: $i) { personId decision suggestedPersonId reviewId explanation { reason } } }`;
const ERASE = `mutation ($i: ErasePersonInput!) { erasePerson(input: $i) { personId sourceRecords alreadyErased } }`;

let stack: TestStack;
let personId: string;

async function ingest(system: 'ATS' | 'CRM', sourceId: string, attributes: Record<string, unknown>, at = '2026-01-10T10:00:00Z') {
  const res = await stack.gql(INGEST, { i: { system, sourceId, sourceTimestamp: at, attributes } }, await stack.as(system === 'ATS' ? 'ats' : 'crm'));
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.ingestPersonRecord;
}

/** Columns of any table whose text form contains one of the values. */
async function columnsContaining(values: string[]): Promise<string[]> {
  const raw = stack.testDb.db.raw;
  const columns = await raw.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  const hits: string[] = [];
  for (const { table_name: t, column_name: c } of columns) {
    const rows = await raw.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${t}" WHERE "${c}"::text ILIKE ANY (SELECT '%' || x || '%' FROM unnest($1::text[]) AS x)`, [values]);
    if (rows[0]!.n > 0) hits.push(`${t}.${c}`);
  }
  return hits;
}

beforeAll(async () => {
  stack = await startTestStack();
  personId = (await ingest('ATS', ATS_ID, PERSONAL)).personId;
  const crm = await ingest('CRM', CRM_ID, { givenName: PERSONAL.givenName, familyName: PERSONAL.familyName, email: PERSONAL.email, emailVerified: true, city: 'Hamburg' }, '2026-01-11T10:00:00Z');
  expect(crm.personId).toBe(personId);
  await ingest('ATS', ATS_ID, { ...PERSONAL, familyName: `${PERSONAL.familyName}-Lind` }, '2026-01-12T10:00:00Z');
  await stack.gql(`mutation ($i: UpdateConsentInput!) { updateConsent(input: $i) { changed } }`, {
    i: { personId, purpose: 'MARKETING', status: 'GRANTED', legalBasis: 'CONSENT', source: 'webform', capturedAt: '2026-01-10T00:00:00Z' },
  });
});

afterAll(async () => {
  await stack?.stop();
});

it('keeps personal audit values sealed at rest and readable through the API before erasure', async () => {
  const raw = await stack.testDb.db.prisma.auditEvent.findMany({ where: { entityId: personId, type: 'PersonAttributesChanged' } });
  expect(raw.length).toBeGreaterThan(1);
  for (const r of raw) expect(JSON.stringify(r.newValue)).not.toContain(PERSONAL.familyName);
  const res = await stack.gql(`query ($id: ID!) { person(id: $id) { provenance(attribute: FAMILY_NAME) { history { newValue } } } }`, { id: personId });
  expect(res.body.data!.person.provenance.history.map((h: { newValue: unknown }) => h.newValue)).toEqual([PERSONAL.familyName, `${PERSONAL.familyName}-Lind`]);
  expect(await columnsContaining([PERSONAL.familyName])).not.toEqual([]);
});

it('is for privacy officers only', async () => {
  for (const role of ['reader', 'steward', 'auditor', 'crm'] as const) {
    const r = await stack.gql(ERASE, { i: { personId, reason: 'case 42' } }, await stack.as(role));
    expect({ role, code: r.body.errors?.[0]?.extensions?.code }).toEqual({ role, code: 'FORBIDDEN' });
  }
});

it('erases every personal value of the person from every table', async () => {
  const res = await stack.gql(ERASE, { i: { personId, reason: 'erasure request case 42' } }, await stack.as('privacy_officer'));
  expect(res.body.errors).toBeUndefined();
  expect(res.body.data!.erasePerson).toEqual({ personId, sourceRecords: 2, alreadyErased: false });
  const values = [...Object.values(PERSONAL), PERSONAL.phone.slice(3), 'Hamburg', ATS_ID, CRM_ID, 'webform'];
  expect(await columnsContaining(values)).toEqual([]);
  const again = await stack.gql(ERASE, { i: { personId, reason: 'erasure request case 42' } }, await stack.as('privacy_officer'));
  expect(again.body.data!.erasePerson.alreadyErased).toBe(true);
});

it('reads back the tombstone state', async () => {
  const res = await stack.gql(`query ($id: ID!) { person(id: $id) {
    id deletionPolicy legalName givenName familyName primaryEmail emails phones birthDate street city
    legalIdentifiers { kind } externalIds { system value } sourceRecords { system sourceId attributes }
    consents { purpose status source }
    provenance(attribute: FAMILY_NAME) { value candidates { value } history { type oldValue newValue } }
  } }`, { id: personId });
  expect(res.body.errors).toBeUndefined();
  const p = res.body.data!.person;
  expect(p).toMatchObject({
    id: personId, deletionPolicy: 'ERASED', legalName: null, givenName: null, familyName: null, primaryEmail: null, emails: [], phones: [],
    birthDate: null, street: null, city: null, legalIdentifiers: [], externalIds: [], consents: [{ purpose: 'MARKETING', status: 'WITHDRAWN', source: 'erased' }],
  });
  expect(p.sourceRecords.map((s: { attributes: unknown }) => s.attributes)).toEqual([{}, {}]);
  expect(p.provenance.value).toBeNull();
  expect(p.provenance.candidates).toEqual([]);
  expect(p.provenance.history.every((h: { oldValue: unknown; newValue: unknown }) => h.oldValue === null && h.newValue === null)).toBe(true);
});

it('keeps the audit fact of the erasure and an audit chain that verifies', async () => {
  const res = await stack.gql(`query ($id: ID!) { auditEvents(entityId: $id, first: 100) { edges { node { type attribute reasonCode actorId newValue } } } }`, { id: personId });
  const erased = res.body.data!.auditEvents.edges.map((e: any) => e.node).filter((n: any) => n.type === 'PersonErased');
  expect(erased).toEqual([{ type: 'PersonErased', attribute: 'deletionPolicy', reasonCode: 'ERASURE_REQUEST', actorId: 'privacy_officer-user', newValue: 'ERASED' }]);
  expect(await verifyAuditChain(stack.testDb.db)).toMatchObject({ ok: true, brokenAt: null });
  const events = await stack.testDb.db.prisma.outboxEvent.findMany({ where: { type: 'PersonErased', aggregateId: personId } });
  expect(events).toHaveLength(1);
  expect(EVENT_CONTRACTS.PersonErased[1].safeParse(events[0]!.payload).success).toBe(true);
});

it('flags the same source record or legal identifier arriving again instead of merging it back', async () => {
  const sameRecord = await ingest('ATS', ATS_ID, { givenName: PERSONAL.givenName, familyName: PERSONAL.familyName, email: PERSONAL.email }, '2026-02-01T10:00:00Z');
  expect(sameRecord.decision).toBe('CREATED_FLAGGED');
  expect(sameRecord.personId).not.toBe(personId);
  expect(sameRecord.explanation.reason).toMatch(/erased/);
  const sameIdentifier = await ingest('CRM', 'C-ERASE-OTHER', { givenName: 'W.', familyName: 'Q.', nationalId: PERSONAL.nationalId }, '2026-02-01T10:00:00Z');
  expect(sameIdentifier.decision).toBe('CREATED_FLAGGED');
  expect(sameIdentifier.explanation.reason).toMatch(/erased/);
  const stranger = await ingest('CRM', 'C-ERASE-STRANGER', { givenName: 'Otto', familyName: 'Normal', email: 'otto@example.net' }, '2026-02-01T10:00:00Z');
  expect(stranger.decision).toBe('CREATED');
  expect(stranger.reviewId).toBeNull();

  // Each flagged record leads a steward to it: a review task that names the erased person.
  const steward = await stack.as('steward');
  for (const flagged of [sameRecord, sameIdentifier]) {
    expect(flagged.suggestedPersonId).toBe(personId);
    expect(flagged.reviewId).toEqual(expect.any(String));
  }
  const queue = await stack.gql(`{ matchReviews(first: 100) { edges { node { id kind record { sourceId } candidate { id } } } } }`, {}, steward);
  expect(queue.body.errors).toBeUndefined();
  const tasks = queue.body.data!.matchReviews.edges.map((e: any) => e.node).filter((n: any) => n.kind === 'ERASED_IDENTITY');
  expect(tasks.map((t: any) => t.record.sourceId).sort()).toEqual([ATS_ID, 'C-ERASE-OTHER'].sort());
  expect(tasks.every((t: any) => t.candidate?.id === personId)).toBe(true);

  const RESOLVE = `mutation ($i: ResolveMatchReviewInput!) { resolveMatchReview(input: $i) { review { status kind } survivorId } }`;
  const mergeBack = await stack.gql(RESOLVE, { i: { reviewId: sameRecord.reviewId, decision: 'SAME_PERSON', reason: 'looks like them' } }, steward);
  expect(mergeBack.body.errors?.[0]?.extensions?.code).toBe('INVALID_STATE');
  const keep = await stack.gql(RESOLVE, { i: { reviewId: sameRecord.reviewId, decision: 'DIFFERENT_PEOPLE', reason: 'new application, lawful to keep' } }, steward);
  expect(keep.body.errors).toBeUndefined();
  expect(keep.body.data!.resolveMatchReview).toEqual({ review: { status: 'DIFFERENT_PEOPLE', kind: 'ERASED_IDENTITY' }, survivorId: null });
  const kept = await stack.testDb.db.prisma.sourceRecord.findFirstOrThrow({ where: { system: 'ATS', sourceId: ATS_ID, erasedAt: null } });
  expect(kept.personId).toBe(sameRecord.personId);
  expect(await stack.testDb.db.prisma.matchConstraint.count({ where: { OR: [{ sourceRecordAId: kept.id }, { sourceRecordBId: kept.id }] } })).toBe(0);
});
