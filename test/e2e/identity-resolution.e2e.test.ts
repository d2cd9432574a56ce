// Identity resolution through the gateway on the real database: every user task of the issue.
import { startTestStack, type TestStack } from '../support/stack';
import { unique } from '../support/factories';
import { checkEventData } from '../../core/events/contracts';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const INGEST = `mutation ($input: IngestPersonRecordInput!) { ingestPersonRecord(input: $input) {
  personId sourceRecordId decision matchedKey score suggestedPersonId reviewId changedAttributes flaggedValues { attribute reason }
  explanation { reason blockers candidatesConsidered candidatesCapped modelVersion comparisons { attribute level weight } } } }`;

type Attrs = Record<string, unknown>;
async function ingest(system: string, sourceId: string, attributes: Attrs, extra: Attrs = {}, headers: Record<string, string> = {}) {
  const res = await stack.gql(INGEST, { input: { system, sourceId, sourceTimestamp: '2026-05-01T10:00:00.000Z', attributes, ...extra } }, headers);
  return res;
}
async function ingestOk(system: string, sourceId: string, attributes: Attrs, extra: Attrs = {}) {
  const res = await ingest(system, sourceId, attributes, extra);
  expect(res.body.errors).toBeUndefined();
  return res.body.data!.ingestPersonRecord;
}

const GIVEN = ['Marguerite', 'Theodora', 'Bartholomew', 'Cornelius', 'Evangeline', 'Leopold', 'Philippa', 'Ignatius', 'Rosalind', 'Percival', 'Wilhelmina', 'Octavius'];
let personSeq = 0;
/** A person nobody else in this test file shares a name, e-mail, phone, birth date or city with. */
function freshPerson() {
  personSeq += 1;
  const n = unique('x').replace(/[^a-z0-9]/gi, '').slice(-6).toLowerCase();
  const given = GIVEN[personSeq % GIVEN.length];
  const familyName = `Q${n}son`;
  const day = String((personSeq % 28) + 1).padStart(2, '0');
  const month = String((personSeq % 12) + 1).padStart(2, '0');
  return {
    givenName: given, familyName, email: `${given.toLowerCase()}.${n}@mail.example`,
    phone: `+1 415 555 ${String(1000 + ((personSeq * 7919) % 9000))}`, birthDate: `19${60 + personSeq}-${month}-${day}`, city: `Town${n}`,
  };
}

describe('ingestPersonRecord', () => {
  it('creates, then matches the same (system, sourceId), then reports an identical re-send as UNCHANGED', async () => {
    const p = freshPerson();
    const sourceId = unique('A');
    const created = await ingestOk('ATS', sourceId, p);
    expect(created.decision).toBe('CREATED');
    const resent = await ingestOk('ATS', sourceId, { city: 'Oakland' });
    expect(resent).toMatchObject({ decision: 'MATCHED', matchedKey: 'SOURCE_RECORD', personId: created.personId, changedAttributes: ['city'] });
    const again = await ingestOk('ATS', sourceId, { city: 'Oakland' });
    expect(again.decision).toBe('UNCHANGED');
    // Field by field: the re-send kept the other attributes; an explicit null clears one.
    const cleared = await ingestOk('ATS', sourceId, { phone: null });
    expect(cleared.changedAttributes).toEqual(['phones']);
    const person = await stack.gql(`query ($id: ID!) { person(id: $id) { legalName city phones candidateStatus } }`, { id: created.personId });
    expect(person.body.errors).toBeUndefined();
    expect(person.body.data!.person).toEqual({ legalName: `${p.givenName} ${p.familyName}`, city: 'Oakland', phones: [], candidateStatus: 'APPLICANT' });
  });

  it('auto-merges a record from another system with an explanation per attribute', async () => {
    const p = freshPerson();
    const ats = await ingestOk('ATS', unique('A'), p);
    const crm = await ingestOk('CRM', unique('C'), { ...p, givenName: p.givenName.toLowerCase(), phone: p.phone.replace(/ /g, '') });
    expect(crm.decision).toBe('AUTO_MERGED');
    expect(crm.personId).toBe(ats.personId);
    expect(crm.score).toBeGreaterThanOrEqual(0.9);
    const attrs = crm.explanation.comparisons.map((c: { attribute: string }) => c.attribute);
    expect(attrs).toEqual(expect.arrayContaining(['email', 'phone', 'birthDate']));
    // No version trained yet: the built-in model decided, and the explanation says so.
    expect(crm.explanation.modelVersion).toBe('default');
    const person = await stack.gql(`query ($id: ID!) { person(id: $id) { externalIds { system } customerStatus candidateStatus sourceRecords { system linkType } } }`, { id: ats.personId });
    expect(person.body.data!.person.sourceRecords.map((r: { linkType: string }) => r.linkType).sort()).toEqual(['AUTOMATIC', 'NEW']);
    expect(person.body.data!.person).toMatchObject({ customerStatus: 'CONTACT', candidateStatus: 'APPLICANT' });
  });

  it('matches deterministically on a verified e-mail and on a legal identifier', async () => {
    const p = freshPerson();
    const hris = await ingestOk('HRIS', unique('E'), { ...p, emailVerified: true, nationalId: 'AB 12 34 56 C' });
    const byEmail = await ingestOk('CRM', unique('C'), { givenName: 'M.', familyName: 'Different', email: p.email.toUpperCase() });
    expect(byEmail).toMatchObject({ decision: 'MATCHED', matchedKey: 'VERIFIED_EMAIL', personId: hris.personId });
    const byId = await ingestOk('ATS', unique('A'), { fullName: 'Someone Else', nationalId: 'ab123456c' });
    expect(byId).toMatchObject({ decision: 'MATCHED', matchedKey: 'NATIONAL_ID', personId: hris.personId });
  });

  it('treats a verified e-mail as an ordinary attribute when the system is not trusted to verify', async () => {
    const p = freshPerson();
    await ingestOk('CRM', unique('C'), { ...p, emailVerified: true });
    const other = await ingestOk('ATS', unique('A'), { givenName: 'M.', familyName: 'Different', email: p.email });
    expect(other.matchedKey).not.toBe('VERIFIED_EMAIL');
    expect(other.decision).not.toBe('MATCHED');
  });

  it("reads a national phone number in the record's own country before the default region", async () => {
    const p = freshPerson();
    const created = await ingestOk('CRM', unique('C'), { ...p, phone: '07780 285087', country: 'GB' });
    const person = await stack.gql(`query ($id: ID!) { person(id: $id) { phones } }`, { id: created.personId });
    expect(person.body.data!.person.phones).toEqual(['+447780285087']);
    // Without a country the number is read in DEFAULT_PHONE_REGION (US), where it is no phone number:
    // the record loads, the phone is flagged and kept raw, and it is not matched on.
    const flagged = await ingestOk('CRM', unique('C'), { ...freshPerson(), phone: '07780 285087' });
    expect(flagged.flaggedValues).toEqual([{ attribute: 'phone', reason: expect.any(String) }]);
    const record = await stack.testDb.db.prisma.sourceRecord.findUniqueOrThrow({ where: { id: flagged.sourceRecordId } });
    expect((record.attributes as { invalid?: unknown }).invalid).toEqual({ phone: { value: '07780 285087', reason: flagged.flaggedValues[0].reason } });
    expect((record.attributes as { phone?: unknown }).phone).toBeUndefined();
  });

  it('sends a strong match with a conflicting birth date to review, reporting the blocker', async () => {
    const p = freshPerson();
    const first = await ingestOk('HRIS', unique('E'), p);
    const second = await ingestOk('ATS', unique('A'), { ...p, birthDate: '1931-02-03' });
    expect(second.decision).toBe('REVIEW_QUEUED');
    expect(second.suggestedPersonId).toBe(first.personId);
    expect(second.personId).not.toBe(first.personId);
    expect(second.explanation.blockers).toEqual(['BIRTH_DATE_CONFLICT']);
    expect(second.reviewId).toBeTruthy();
  });

  it('flags invalid attribute values instead of refusing the record', async () => {
    const badEmail = await ingestOk('ATS', unique('A'), { givenName: 'Flagged', familyName: unique('Q'), email: 'not-an-email', birthDate: '1990-13-45' });
    expect(badEmail.decision).toBe('CREATED');
    expect(badEmail.flaggedValues).toEqual([
      { attribute: 'email', reason: 'must be an e-mail address' },
      { attribute: 'birthDate', reason: expect.any(String) },
    ]);
    const person = await stack.gql(`query ($id: ID!) { person(id: $id) { givenName primaryEmail birthDate } }`, { id: badEmail.personId }, await stack.as('privacy_officer'));
    expect(person.body.data!.person).toEqual({ givenName: 'Flagged', primaryEmail: null, birthDate: null });
    // A batch flags per record, and every record loads.
    const batch = await stack.gql(`mutation ($i: [IngestPersonRecordInput!]!) { ingestPersonRecords(inputs: $i) { results { decision flaggedValues { attribute } } } }`, {
      i: [
        { system: 'CRM', sourceId: unique('C'), sourceTimestamp: '2026-01-01T00:00:00Z', attributes: { givenName: 'Batch', familyName: unique('F'), phone: '123' } },
        { system: 'CRM', sourceId: unique('C'), sourceTimestamp: '2026-01-01T00:00:00Z', attributes: { givenName: 'Batch', familyName: unique('F') } },
      ],
    });
    expect(batch.body.errors).toBeUndefined();
    expect(batch.body.data!.ingestPersonRecords.results.map((r: any) => r.flaggedValues)).toEqual([[{ attribute: 'phone' }], []]);
  });

  it('rejects bad input with stable codes and writes nothing', async () => {
    const before = await stack.testDb.db.prisma.sourceRecord.count();
    // A record refused for its system, carrying a personal value: refused with a stable code.
    const badEmail = await ingest('ERP', unique('A'), { givenName: 'Bad', email: 'not-an-email' });
    expect(badEmail.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const empty = await ingest('ATS', unique('A'), { city: 'Nowhere' });
    expect(empty.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const steward = await ingest('STEWARD', unique('S'), { givenName: 'Sneaky' });
    expect(steward.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const unknownSystem = await ingest('ERP', unique('S'), { givenName: 'X' });
    expect(unknownSystem.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
    const batch = await stack.gql(`mutation ($i: [IngestPersonRecordInput!]!) { ingestPersonRecords(inputs: $i) { counts { decision count } } }`, {
      i: Array.from({ length: 501 }, (_, k) => ({ system: 'CRM', sourceId: `B${k}`, sourceTimestamp: '2026-01-01T00:00:00Z', attributes: { givenName: 'A', familyName: 'B' } })),
    });
    expect(batch.body.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', max: 500 });
    // The personal value the caller sent never comes back in an error message.
    expect(JSON.stringify(badEmail.body)).not.toContain('not-an-email');
    expect(await stack.testDb.db.prisma.sourceRecord.count()).toBe(before);
  });

  it('ingests a batch with the same semantics as one by one', async () => {
    const p = freshPerson();
    const q = freshPerson();
    const res = await stack.gql(`mutation ($i: [IngestPersonRecordInput!]!) { ingestPersonRecords(inputs: $i) { results { personId decision } counts { decision count } } }`, {
      i: [
        { system: 'ATS', sourceId: unique('A'), sourceTimestamp: '2026-01-01T00:00:00Z', attributes: p },
        { system: 'CRM', sourceId: unique('C'), sourceTimestamp: '2026-01-01T00:00:00Z', attributes: p },
        { system: 'CRM', sourceId: unique('C'), sourceTimestamp: '2026-01-01T00:00:00Z', attributes: q },
      ],
    });
    expect(res.body.errors).toBeUndefined();
    const [a, b, c] = res.body.data!.ingestPersonRecords.results;
    expect([a.decision, b.decision, c.decision]).toEqual(['CREATED', 'AUTO_MERGED', 'CREATED']);
    expect(b.personId).toBe(a.personId);
  });
});

describe('idempotency keys', () => {
  it('replays the stored response for the same key and payload, refuses the key for another payload', async () => {
    const p = freshPerson();
    const key = unique('idem');
    const sourceId = unique('A');
    const first = await ingest('ATS', sourceId, p, { idempotencyKey: key });
    const second = await ingest('ATS', sourceId, p, { idempotencyKey: key });
    expect(JSON.stringify(second.body)).toBe(JSON.stringify(first.body));
    expect(second.body.data!.ingestPersonRecord.decision).toBe('CREATED');
    const other = await ingest('ATS', sourceId, { ...p, city: 'Elsewhere' }, { idempotencyKey: key });
    expect(other.body.errors![0].extensions!.code).toBe('IDEMPOTENCY_KEY_REUSED');
    // The Idempotency-Key header works for mutations without a key in their input.
    const org = `mutation ($i: UpsertOrganizationInput!) { upsertOrganization(input: $i) { created organization { id } } }`;
    const input = { i: { system: 'CRM', externalId: unique('ACC'), name: 'Idem Corp' } };
    const h = { 'idempotency-key': unique('h') };
    const o1 = await stack.gql(org, input, h);
    const o2 = await stack.gql(org, input, h);
    expect(o2.body).toEqual(o1.body);
    expect(o1.body.data!.upsertOrganization.created).toBe(true);
  });
});

describe('external ids', () => {
  it('links, refuses a conflicting link naming both people, and unlinks', async () => {
    const a = await ingestOk('ATS', unique('A'), freshPerson());
    const b = await ingestOk('ATS', unique('A'), freshPerson());
    const link = `mutation ($i: LinkExternalIdInput!) { linkExternalId(input: $i) { personId system externalId linked } }`;
    const hrisId = unique('HR');
    const linked = await stack.gql(link, { i: { personId: a.personId, system: 'HRIS', externalId: hrisId } });
    expect(linked.body.errors).toBeUndefined();
    expect(linked.body.data!.linkExternalId).toEqual({ personId: a.personId, system: 'HRIS', externalId: hrisId, linked: true });
    const conflict = await stack.gql(link, { i: { personId: b.personId, system: 'HRIS', externalId: hrisId } });
    expect(conflict.body.errors![0].extensions).toMatchObject({ code: 'EXTERNAL_ID_CONFLICT', requestedPersonId: b.personId, linkedPersonId: a.personId });
    const byId = await stack.gql(`query ($id: String!) { personByExternalId(system: HRIS, externalId: $id) { id } }`, { id: hrisId });
    expect(byId.body.data!.personByExternalId.id).toBe(a.personId);
    // A record the HRIS sends later under that id lands on the linked person deterministically.
    const later = await ingestOk('HRIS', hrisId, { givenName: 'Totally', familyName: 'Different' });
    expect(later).toMatchObject({ decision: 'MATCHED', matchedKey: 'EXTERNAL_ID', personId: a.personId });
    const other = unique('HR');
    await stack.gql(link, { i: { personId: b.personId, system: 'HRIS', externalId: other } });
    const unlinked = await stack.gql(`mutation ($i: LinkExternalIdInput!) { unlinkExternalId(input: $i) { linked } }`, { i: { personId: b.personId, system: 'HRIS', externalId: other } });
    expect(unlinked.body.data!.unlinkExternalId.linked).toBe(false);
  });
});

describe('stewardship', () => {
  it('resolves a review as SAME_PERSON (merge, redirect) and a DIFFERENT_PEOPLE decision sticks', async () => {
    const p = freshPerson();
    const first = await ingestOk('HRIS', unique('E'), p);
    const second = await ingestOk('ATS', unique('A'), { ...p, birthDate: '1931-02-03' });
    const queue = await stack.gql(`{ matchReviews(status: PENDING, first: 50) { edges { node { id score explanation { blockers } record { system sourceId } recordPerson { id } candidate { id legalName } candidateRecords { system } } } } }`);
    expect(queue.body.errors).toBeUndefined();
    const review = queue.body.data!.matchReviews.edges.map((e: any) => e.node).find((r: any) => r.id === second.reviewId);
    expect(review).toMatchObject({ explanation: { blockers: ['BIRTH_DATE_CONFLICT'] }, recordPerson: { id: second.personId }, candidate: { id: first.personId } });

    const resolve = `mutation ($i: ResolveMatchReviewInput!) { resolveMatchReview(input: $i) { survivorId review { status resolvedBy reason } } }`;
    const same = await stack.gql(resolve, { i: { reviewId: second.reviewId, decision: 'SAME_PERSON', reason: 'same employee number on paper file' } });
    expect(same.body.errors).toBeUndefined();
    expect(same.body.data!.resolveMatchReview).toMatchObject({ survivorId: first.personId, review: { status: 'SAME_PERSON' } });
    const redirected = await stack.gql(`query ($id: ID!) { person(id: $id) { id redirectedFrom sourceRecords { system } } }`, { id: second.personId });
    expect(redirected.body.data!.person).toMatchObject({ id: first.personId, redirectedFrom: second.personId });
    expect(redirected.body.data!.person.sourceRecords).toHaveLength(2);
    const twice = await stack.gql(resolve, { i: { reviewId: second.reviewId, decision: 'SAME_PERSON', reason: 'again' } });
    expect(twice.body.errors![0].extensions!.code).toBe('INVALID_STATE');

    const q = freshPerson();
    const x = await ingestOk('HRIS', unique('E'), q);
    const y = await ingestOk('ATS', unique('A'), { ...q, birthDate: '1925-09-09' });
    await stack.gql(resolve, { i: { reviewId: y.reviewId, decision: 'DIFFERENT_PEOPLE', reason: 'father and son' } });
    const merge = `mutation ($i: MergePeopleInput!) { mergePeople(input: $i) { survivorId } }`;
    const blocked = await stack.gql(merge, { i: { intoPersonId: x.personId, fromPersonId: y.personId, reason: 'try anyway' } });
    expect(blocked.body.errors![0].extensions!.code).toBe('MERGE_BLOCKED');

    // The decision is listed on both people and lifted only by an audited steward action.
    const list = `query ($id: ID!) { matchConstraints(personId: $id) { id kind decidedBy reason } }`;
    const listed = await stack.gql(list, { id: y.personId });
    expect(listed.body.errors).toBeUndefined();
    expect(listed.body.data!.matchConstraints).toEqual([expect.objectContaining({ kind: 'CANNOT_LINK', reason: 'father and son' })]);
    expect((await stack.gql(list, { id: x.personId })).body.data!.matchConstraints).toEqual(listed.body.data!.matchConstraints);
    const lift = `mutation ($i: LiftMatchConstraintInput!) { liftMatchConstraint(input: $i) { constraintId kind lifted } }`;
    const constraintId = listed.body.data!.matchConstraints[0].id;
    const lifted = await stack.gql(lift, { i: { constraintId, reason: 'birth certificate shows one person' } });
    expect(lifted.body.data!.liftMatchConstraint).toEqual({ constraintId, kind: 'CANNOT_LINK', lifted: true });
    expect((await stack.gql(list, { id: y.personId })).body.data!.matchConstraints).toEqual([]);
    const audit = await stack.testDb.db.prisma.auditEvent.findMany({ where: { type: 'MatchConstraintLifted' } });
    expect(audit).toHaveLength(1);
    expect((await stack.gql(lift, { i: { constraintId, reason: 'again' } })).body.errors![0].extensions!.code).toBe('NOT_FOUND');
    const merged = await stack.gql(merge, { i: { intoPersonId: x.personId, fromPersonId: y.personId, reason: 'after the lift' } });
    expect(merged.body.errors).toBeUndefined();
  });

  it('merges directly and unmerges a source record, recomputing both people', async () => {
    const p = freshPerson();
    const a = await ingestOk('HRIS', unique('E'), { ...p, givenName: 'Anneliese' });
    const b = await ingestOk('CRM', unique('C'), { givenName: 'Unrelated', familyName: 'Name', email: `u.${Date.now()}@mail.example` });
    const merged = await stack.gql(`mutation ($i: MergePeopleInput!) { mergePeople(input: $i) { survivorId mergedId } }`, { i: { intoPersonId: a.personId, fromPersonId: b.personId, reason: 'steward saw the ID card' } });
    expect(merged.body.data!.mergePeople).toEqual({ survivorId: a.personId, mergedId: b.personId });
    const emails = await stack.gql(`query ($id: ID!) { person(id: $id) { emails } }`, { id: a.personId });
    expect(emails.body.data!.person.emails).toHaveLength(2);

    const unmerged = await stack.gql(`mutation ($i: UnmergeSourceRecordInput!) { unmergeSourceRecord(input: $i) { fromPersonId newPersonId } }`, { i: { sourceRecordId: b.sourceRecordId, reason: 'wrong merge' } });
    expect(unmerged.body.errors).toBeUndefined();
    const { newPersonId } = unmerged.body.data!.unmergeSourceRecord;
    const both = await stack.gql(`query ($a: ID!, $b: ID!) { a: person(id: $a) { emails } b: person(id: $b) { legalName emails } }`, { a: a.personId, b: newPersonId });
    expect(both.body.data!.a.emails).toEqual([p.email]);
    expect(both.body.data!.b.legalName).toBe('Unrelated Name');
    // The unmerged record does not automatically go back.
    const remerge = await stack.gql(`mutation ($i: MergePeopleInput!) { mergePeople(input: $i) { survivorId } }`, { i: { intoPersonId: a.personId, fromPersonId: newPersonId, reason: 'oops' } });
    expect(remerge.body.errors![0].extensions!.code).toBe('MERGE_BLOCKED');
  });
});

describe('provenance and audit', () => {
  it('answers where a golden value came from, with losing candidates and history', async () => {
    const p = freshPerson();
    const ats = await ingestOk('ATS', unique('A'), { ...p, givenName: 'Maggie' }, { sourceTimestamp: '2026-03-01T00:00:00.000Z' });
    await ingestOk('HRIS', unique('E'), { ...p, emailVerified: true }, { sourceTimestamp: '2026-04-01T00:00:00.000Z' });
    const res = await stack.gql(`query ($id: ID!) { person(id: $id) { legalName provenance(attribute: GIVEN_NAME) {
      value system sourceId rule eventId decidedAt candidates { value system rank reason } history { oldValue newValue actor correlationId at } } } }`, { id: ats.personId });
    expect(res.body.errors).toBeUndefined();
    const prov = res.body.data!.person.provenance;
    expect(prov).toMatchObject({ value: p.givenName, system: 'HRIS', rule: 'SOURCE_PRIORITY' });
    expect(prov.candidates.map((c: any) => [c.value, c.system, c.rank])).toEqual([[p.givenName, 'HRIS', 1], ['Maggie', 'ATS', 2]]);
    expect(prov.history.map((h: any) => [h.oldValue, h.newValue])).toEqual([[null, 'Maggie'], ['Maggie', p.givenName]]);

    const audit = await stack.gql(`query ($id: ID!) { auditEvents(entityId: $id, first: 100) { edges { node { type attribute hash } } pageInfo { hasNextPage } } }`, { id: ats.personId });
    const types = audit.body.data!.auditEvents.edges.map((e: any) => e.node.type);
    expect(types).toEqual(expect.arrayContaining(['PersonCreated', 'PersonAttributesChanged', 'SourceRecordLinked']));
  });

  it('gives owned records (organizations) provenance through the same field', async () => {
    const created = await stack.gql(`mutation ($i: UpsertOrganizationInput!) { upsertOrganization(input: $i) { organization { id } } }`, { i: { system: 'CRM', externalId: unique('ACC'), name: 'Prov Inc' } });
    const id = created.body.data!.upsertOrganization.organization.id;
    const res = await stack.gql(`query ($id: ID!) { organization(id: $id) { provenance(attribute: NAME) { value system rule history { newValue } } } }`, { id });
    expect(res.body.data!.organization.provenance).toMatchObject({ value: 'Prov Inc', system: 'CRM', rule: 'SYSTEM_OF_RECORD', history: [{ newValue: 'Prov Inc' }] });
  });
});

describe('events', () => {
  it('every outbox event written by the identity mutations above satisfies its published contract', async () => {
    const rows = await stack.testDb.db.prisma.outboxEvent.findMany({ orderBy: { seq: 'asc' } });
    expect(rows.length).toBeGreaterThan(20);
    const types = new Set(rows.map((r) => r.type));
    for (const t of ['PersonCreated', 'PersonUpdated', 'PersonMerged', 'PersonUnmerged', 'ReviewQueued', 'ReviewResolved', 'ExternalIdLinked', 'ExternalIdUnlinked']) expect(types).toContain(t);
    const violations = rows
      .map((r) => ({ type: r.type, check: checkEventData(r.type, r.version, r.payload) }))
      .filter((v) => !v.check.ok);
    expect(violations).toEqual([]);
  });
});

describe('system clients', () => {
  it('write as their own system only', async () => {
    const asCrm = await stack.as('crm', { system: 'CRM' });
    const denied = await ingest('HRIS', unique('E'), { givenName: 'Spoof', familyName: 'Attempt' }, {}, asCrm);
    expect(denied.body.errors![0].extensions!.code).toBe('FORBIDDEN');
    const allowed = await ingest('CRM', unique('C'), { givenName: 'Own', familyName: `System${Date.now()}` }, {}, asCrm);
    expect(allowed.body.errors).toBeUndefined();
  });
});
