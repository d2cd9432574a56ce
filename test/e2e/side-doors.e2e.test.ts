// The side doors of the graph, tried as an attacker would, through the real gateway: a write that
// would widen the writer's read access, a search or an explanation used as an oracle, a token that
// writes as a system it is not, and the token, text and audit edges around them.
import { SignJWT } from 'jose';
import { startTestStack, type TestStack } from '../support/stack';
import { createEmployment, createOrganization, unique } from '../support/factories';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const INGEST = `mutation ($input: IngestPersonRecordInput!) { ingestPersonRecord(input: $input) {
  personId decision matchedKey score explanation { reason blockers comparisons { attribute level } } } }`;
const PERSON = `query ($id: ID!) { person(id: $id) { legalName givenName familyName primaryEmail emails phones street city birthDate candidateStatus employeeStatus } }`;
const ACCESS_LOG = `query ($id: ID!) { accessLog(personId: $id, first: 100) { edges { node { actorId field } } } }`;

type Headers = Record<string, string>;

async function ingest(system: string, attributes: Record<string, unknown>, headers: Headers = {}, sourceId = unique(system)) {
  return stack.gql(INGEST, { input: { system, sourceId, sourceTimestamp: '2026-05-01T10:00:00.000Z', attributes } }, headers);
}

/** A token signed with the test key but with claims chosen by the test (no defaults filled in). */
async function rawToken(claims: Record<string, unknown>, opts: { iat?: number; exp?: number } = {}): Promise<Headers> {
  const now = Math.floor(Date.now() / 1000);
  const secret = stack.config.auth.key.kind === 'secret' ? stack.config.auth.key.secret : '';
  const jwt = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(claims.sub ?? 'raw-client'))
    .setIssuer(stack.config.auth.issuer)
    .setAudience(stack.config.auth.audience)
    .setIssuedAt(opts.iat ?? now)
    .setExpirationTime(opts.exp ?? now + 600)
    .sign(new TextEncoder().encode(secret));
  return { authorization: `Bearer ${jwt}` };
}

let seq = 0;
/** An employee the HRIS knows in full: name, e-mail, phone, street, birth date, national id; employed at a legal entity. */
async function hrisEmployee() {
  seq += 1;
  const n = unique('e').replace(/[^a-z0-9]/gi, '').slice(-6).toLowerCase();
  const attrs = {
    givenName: ['Oyelaran', 'Ximena', 'Bartholomew', 'Philippa'][seq % 4], familyName: `Vandermeer${n}`,
    email: `emp.${n}@corp.example`, phone: `+1 415 555 ${String(2000 + seq * 37).slice(-4)}`, street: `${seq} Harbour Road`, city: `Port${n}`,
    // A birth year of its own, so no two employees of this file share a birth date: with one given name and
    // family names a suffix apart such a pair can read as a probable match, and the erasure test counts pending duplicates.
    birthDate: `${1960 + seq}-0${(seq % 9) + 1}-1${seq % 9}`, nationalId: `${String(100 + seq).padStart(3, '0')}-${n.slice(0, 2).replace(/\D/g, '4')}-${String(1000 + seq)}`,
  };
  const hris = await stack.as('hris');
  const res = await ingest('HRIS', attrs, hris);
  expect(res.body.errors).toBeUndefined();
  const personId = res.body.data!.ingestPersonRecord.personId as string;
  const org = await createOrganization(stack.ctx());
  await createEmployment(stack.ctx(), { personId, organizationId: org.id });
  return { personId, attrs };
}

describe('a write never widens what the writer may read', () => {
  it("a recruiter's ATS record carrying an employee's verified e-mail does not reveal the employee's HRIS data", async () => {
    const { personId, attrs } = await hrisEmployee();
    const recruiter = await stack.as('recruiter');
    const before = await stack.gql(PERSON, { id: personId }, recruiter);
    expect(before.body.data!.person.legalName).not.toContain(attrs.familyName);

    const res = await ingest('ATS', { givenName: attrs.givenName, familyName: attrs.familyName, email: attrs.email, emailVerified: true, birthDate: attrs.birthDate }, recruiter);
    expect(res.body.errors).toBeUndefined();
    expect(res.body.data!.ingestPersonRecord.personId).toBe(personId);

    const after = await stack.gql(PERSON, { id: personId }, recruiter);
    const p = after.body.data!.person;
    expect(p.candidateStatus).toBe('APPLICANT');
    expect(p.employeeStatus).toBe('ACTIVE');
    // What the HRIS told us stays masked or hidden; the recruiter sees in full only what its ATS said.
    expect(p.legalName).toMatch(/^[A-Z]\. [A-Z]\.$/);
    expect(p.phones).toEqual([expect.stringMatching(/^\*\*\*-\*\*\*-\d{4}$/)]);
    expect(p.street).toBeNull();
    expect(p.city).toBeNull();
    expect(p.emails).toEqual([attrs.email]);
    expect(JSON.stringify(p)).not.toContain(attrs.street);
  });

  it('a recruiter record carrying only an employee\'s national id links to them but reveals nothing new', async () => {
    const { personId, attrs } = await hrisEmployee();
    const recruiter = await stack.as('recruiter');
    const res = await ingest('ATS', { givenName: 'Anon', familyName: 'Ymous', nationalId: attrs.nationalId }, recruiter);
    expect(res.body.errors).toBeUndefined();
    const linked = res.body.data!.ingestPersonRecord;
    const read = await stack.gql(PERSON, { id: linked.personId }, recruiter);
    const p = read.body.data!.person;
    const shown = JSON.stringify(p);
    for (const secret of [attrs.familyName, attrs.email, attrs.street, attrs.city, attrs.phone.replace(/\D/g, '')]) expect(shown).not.toContain(secret);
    if (linked.personId === personId) expect(p.legalName).toMatch(/^[A-Z]\. [A-Z]\.$/);
  });

  it('a candidate the ATS created is still shown to recruiters in full', async () => {
    const recruiter = await stack.as('recruiter');
    const familyName = `Kowalczyk${unique('c').replace(/[^a-z0-9]/gi, '').slice(-5)}`;
    const res = await ingest('ATS', { givenName: 'Zofia', familyName, email: `${familyName.toLowerCase()}@mail.example`, street: '9 Mill Lane' }, await stack.as('ats'));
    const personId = res.body.data!.ingestPersonRecord.personId;
    const p = (await stack.gql(PERSON, { id: personId }, recruiter)).body.data!.person;
    expect(p).toMatchObject({ legalName: `Zofia ${familyName}`, primaryEmail: `${familyName.toLowerCase()}@mail.example`, street: '9 Mill Lane' });
  });
});

describe('search and explanations are no oracle', () => {
  const PEOPLE = `query ($f: PersonFilter) { people(first: 20, filter: $f) { edges { node { id legalName } } } }`;

  it('refuses name and e-mail filters to callers who may not read names and e-mails in full', async () => {
    const { attrs } = await hrisEmployee();
    for (const role of ['crm', 'reader', 'recruiter', 'hr', 'auditor'] as const) {
      const headers = await stack.as(role);
      for (const f of [{ name: attrs.familyName.slice(0, 3) }, { email: attrs.email }]) {
        const res = await stack.gql(PEOPLE, { f }, headers);
        expect(res.body.data?.people ?? null).toBeNull();
        expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
        expect(JSON.stringify(res.body)).not.toContain(attrs.familyName);
      }
    }
    // Non-personal filters stay open to everyone.
    const byStatus = await stack.gql(PEOPLE, { f: { employeeStatus: 'ACTIVE' } }, await stack.as('crm'));
    expect(byStatus.body.errors).toBeUndefined();
  });

  it("gives a steward word-order search with literal wildcards, and logs each person it returned as read", async () => {
    const { personId, attrs } = await hrisEmployee();
    const steward = await stack.as('steward', { sub: 'steward-searcher' });
    const found = await stack.gql(PEOPLE, { f: { name: `${attrs.familyName.toUpperCase()} ${attrs.givenName.toLowerCase()}` } }, steward);
    expect(found.body.errors).toBeUndefined();
    expect(found.body.data!.people.edges.map((e: any) => e.node.id)).toEqual([personId]);
    for (const pattern of ['%', '_', `${attrs.familyName.slice(0, 4)}_${attrs.familyName.slice(5)}`]) {
      const res = await stack.gql(PEOPLE, { f: { name: pattern } }, steward);
      expect(res.body.errors).toBeUndefined();
      expect(res.body.data!.people.edges).toEqual([]);
    }
    const log = await stack.gql(ACCESS_LOG, { id: personId }, await stack.as('auditor'));
    expect(log.body.data!.accessLog.edges.map((e: any) => e.node)).toContainEqual({ actorId: 'steward-searcher', field: 'Query.people.filter.name' });
  });

  it('an ingest explanation shows a system client no comparison of values it may not read', async () => {
    const { attrs } = await hrisEmployee();
    // Same person, birth date off by one digit: the level `typo` would tell the caller the stored date.
    const typoDate = `${attrs.birthDate.slice(0, 9)}${(Number(attrs.birthDate[9]) + 1) % 10}`;
    const res = await ingest('CRM', { givenName: attrs.givenName, familyName: attrs.familyName, phone: attrs.phone, birthDate: typoDate, city: attrs.city }, await stack.as('crm'));
    expect(res.body.errors).toBeUndefined();
    const explanation = res.body.data!.ingestPersonRecord.explanation;
    expect(explanation).not.toBeNull();
    const attributes = explanation.comparisons.map((c: any) => c.attribute);
    for (const personal of ['birthDate', 'givenName', 'familyName', 'phone', 'city', 'nationalId', 'email']) expect(attributes).not.toContain(personal);
    expect(explanation.blockers).toEqual([]);
    // An administrator, who reads names and birth dates in full, sees the evidence.
    const admin = await ingest('CRM', { givenName: attrs.givenName, familyName: attrs.familyName, phone: attrs.phone, birthDate: typoDate, city: attrs.city });
    const full = admin.body.data!.ingestPersonRecord.explanation;
    expect(full.comparisons.map((c: any) => c.attribute)).toEqual(expect.arrayContaining(['givenName', 'birthDate']));
  });

  it('never shows the keyed hash of a legal identifier among source-record attributes', async () => {
    const { personId } = await hrisEmployee();
    for (const role of ['privacy_officer', 'steward', 'admin'] as const) {
      const res = await stack.gql(`query ($id: ID!) { person(id: $id) { sourceRecords { attributes } } }`, { id: personId }, await stack.as(role));
      expect(res.body.errors).toBeUndefined();
      for (const r of res.body.data!.person.sourceRecords) expect(r.attributes.nationalIdHash ?? null).toBeNull();
    }
  });
});

describe('every write is bound to one system', () => {
  const UPSERT_EMPLOYMENT = `mutation ($i: UpsertEmploymentInput!) { upsertEmployment(input: $i) { created } }`;

  it('refuses a recruiter writing as the HRIS, which outranks the ATS for legal names', async () => {
    const { personId, attrs } = await hrisEmployee();
    const res = await stack.gql(INGEST, { input: { system: 'HRIS', sourceId: unique('H'), sourceTimestamp: '2026-06-01T00:00:00Z', attributes: { givenName: 'Mallory', familyName: attrs.familyName, email: attrs.email } } }, await stack.as('recruiter'));
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const p = (await stack.gql(PERSON, { id: personId })).body.data!.person;
    expect(p.givenName).toBe(attrs.givenName);
  });

  it('binds an ats-role token without a system claim to the ATS: it cannot create an HRIS employment', async () => {
    const { personId } = await hrisEmployee();
    const org = await createOrganization(stack.ctx());
    const ats = await rawToken({ roles: ['ats'], sub: 'ats-no-claim' });
    const res = await stack.gql(UPSERT_EMPLOYMENT, { i: { system: 'HRIS', externalId: unique('EMP'), personId, organizationId: org.id } }, ats);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a token whose system claim contradicts its role, and a writer no role or claim binds', async () => {
    const contradicting = await rawToken({ roles: ['ats'], system: 'hris' });
    const res = await ingest('HRIS', { givenName: 'Eve', familyName: 'Spoof' }, contradicting);
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const unknownSystem = await ingest('ATS', { givenName: 'Eve', familyName: 'Spoof' }, await rawToken({ roles: ['reader'], system: 'ERP' }));
    expect(unknownSystem.status).toBe(401);
    const unbound = await ingest('ATS', { givenName: 'Eve', familyName: 'Spoof' }, await rawToken({ scope: 'identity:ingest graph:read' }));
    expect(unbound.body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bound = await ingest('ATS', { givenName: 'Eve', familyName: `Spoof${unique('s').slice(-4)}` }, await rawToken({ scope: 'identity:ingest graph:read', system: 'ats' }));
    expect(bound.body.errors).toBeUndefined();
  });
});

describe('token and text edges', () => {
  it('refuses tokens issued in the future or living longer than the configured maximum', async () => {
    const now = Math.floor(Date.now() / 1000);
    const future = await stack.gql('{ dataQuality { people } }', {}, await rawToken({ roles: ['reader'] }, { iat: now + 3600, exp: now + 7200 }));
    expect(future.status).toBe(401);
    const tenYears = await stack.gql('{ dataQuality { people } }', {}, await rawToken({ roles: ['reader'] }, { iat: now, exp: now + 10 * 365 * 86400 }));
    expect(tenYears.status).toBe(401);
    const ordinary = await stack.gql('{ dataQuality { people } }', {}, await rawToken({ roles: ['reader'] }));
    expect(ordinary.status).toBe(200);
  });

  it('stores names in NFC without bidi overrides or zero-width characters', async () => {
    const family = `Ro\u0301z\u202Eycki\u200B${unique('n').replace(/[^a-z]/gi, '').slice(-4)}`;
    const res = await ingest('ATS', { givenName: 'An\u2066na\u2069', familyName: family }, await stack.as('ats'));
    const personId = res.body.data!.ingestPersonRecord.personId;
    const p = (await stack.gql(PERSON, { id: personId })).body.data!.person;
    expect(p.givenName).toBe('Anna');
    expect(p.familyName).toBe(family.normalize('NFC').replace(/[\u202E\u200B]/g, ''));
    expect(p.familyName.startsWith('Róz')).toBe(true);
  });

  it('shows auditors the non-personal values of decision events (a merge)', async () => {
    const a = await hrisEmployee();
    const b = await hrisEmployee();
    const merged = await stack.gql(`mutation ($i: MergePeopleInput!) { mergePeople(input: $i) { survivorId } }`, { i: { intoPersonId: a.personId, fromPersonId: b.personId, reason: 'same person, checked by phone' } });
    expect(merged.body.errors).toBeUndefined();
    const events = await stack.gql(`query ($id: ID!) { auditEvents(entityId: $id, first: 50) { edges { node { type attribute newValue } } } }`, { id: a.personId }, await stack.as('auditor'));
    expect(events.body.errors).toBeUndefined();
    const merge = events.body.data!.auditEvents.edges.map((e: any) => e.node).find((n: any) => n.type === 'PersonMerged' && n.attribute === null);
    expect(merge?.newValue).toMatchObject({ survivorId: a.personId, mergedId: b.personId });
  });
});

describe('a golden change in the audit log shows each value as its own attribute allows', () => {
  it('masks every value of a PersonAttributesChanged entry exactly as the person field is masked for that caller', async () => {
    const { personId, attrs } = await hrisEmployee();
    for (const role of ['auditor', 'reader', 'privacy_officer'] as const) {
      const caller = await stack.as(role);
      const person = await stack.gql(PERSON, { id: personId }, caller);
      const events = await stack.gql(`query ($id: ID!) { auditEvents(entityId: $id, first: 50) { edges { node { type attribute oldValue newValue } } } }`, { id: personId }, caller);
      if (events.body.errors) {
        expect(events.body.errors[0]?.extensions?.code).toBe('FORBIDDEN');
        continue;
      }
      const change = events.body.data!.auditEvents.edges.map((e: any) => e.node).find((n: any) => n.type === 'PersonAttributesChanged');
      expect(change).toBeDefined();
      expect(change.attribute).toBeNull();
      expect(Object.keys(change.newValue)).toEqual(expect.arrayContaining(['familyName', 'primaryEmail']));
      for (const field of ['familyName', 'primaryEmail', 'birthDate'] as const) {
        if (!(field in change.newValue)) continue;
        expect([role, field, change.newValue[field]]).toEqual([role, field, person.body.data!.person[field]]);
      }
      if (role === 'privacy_officer') expect(change.newValue.primaryEmail).toBe(attrs.email.toLowerCase());
    }
  });
});

describe('erasure leaves nothing to act on', () => {
  it("withdraws the person's granted consents and names the pending-review duplicate for the privacy officer", async () => {
    const { personId, attrs } = await hrisEmployee();
    const officer = await stack.as('privacy_officer');
    const consent = await stack.gql(`mutation ($i: UpdateConsentInput!) { updateConsent(input: $i) { changed } }`,
      { i: { personId, purpose: 'MARKETING', status: 'GRANTED', legalBasis: 'CONSENT', source: 'web-form' } }, officer);
    expect(consent.body.errors).toBeUndefined();
    // A strong match with a conflicting birth date: a second golden person and a pending review between them.
    const dup = await ingest('ATS', { givenName: attrs.givenName, familyName: attrs.familyName, email: attrs.email, phone: attrs.phone, city: attrs.city, birthDate: '1950-01-01' }, await stack.as('ats'));
    expect(dup.body.data!.ingestPersonRecord.decision).toBe('REVIEW_QUEUED');
    const duplicateId = dup.body.data!.ingestPersonRecord.personId;

    const erased = await stack.gql(`mutation ($i: ErasePersonInput!) { erasePerson(input: $i) { personId withdrawnConsents pendingDuplicates } }`, { i: { personId, reason: 'DSR-77' } }, officer);
    expect(erased.body.errors).toBeUndefined();
    expect(erased.body.data!.erasePerson).toEqual({ personId, withdrawnConsents: ['MARKETING'], pendingDuplicates: [duplicateId] });
    const after = await stack.gql(`query ($id: ID!) { person(id: $id) { consents { purpose status } } }`, { id: personId });
    expect(after.body.data!.person.consents).toEqual([{ purpose: 'MARKETING', status: 'WITHDRAWN' }]);
    const reviews = await stack.gql(`{ matchReviews(first: 100) { edges { node { candidate { id } recordPerson { id } } } } }`);
    const open = reviews.body.data!.matchReviews.edges.map((e: any) => e.node).filter((n: any) => n.candidate?.id === personId || n.recordPerson?.id === personId);
    expect(open).toEqual([]);
  });
});

describe('every person reference follows the visibility rule', () => {
  it("shows a region-limited caller neither a hiring manager nor a manager outside its regions", async () => {
    const ctx = stack.ctx();
    const { personId: managerId } = await hrisEmployee();
    const { personId: reportId } = await hrisEmployee();
    // The manager works at a US legal entity and takes its region; the report and the requisition are in the EU.
    const usOrg = (await stack.gql(`mutation ($i: UpsertOrganizationInput!) { upsertOrganization(input: $i) { organization { id } } }`,
      { i: { system: 'HRIS', externalId: unique('LE-US'), name: 'Initrode Inc.', kind: 'EMPLOYER', country: 'US', region: 'US' } })).body.data!.upsertOrganization.organization.id;
    const euOrg = (await stack.gql(`mutation ($i: UpsertOrganizationInput!) { upsertOrganization(input: $i) { organization { id } } }`,
      { i: { system: 'HRIS', externalId: unique('LE-EU'), name: 'Initrode GmbH', kind: 'EMPLOYER', country: 'DE', region: 'EU' } })).body.data!.upsertOrganization.organization.id;
    await stack.testDb.db.prisma.person.updateMany({ where: { id: { in: [managerId, reportId] } }, data: { region: null } });
    await createEmployment(ctx, { personId: managerId, organizationId: usOrg });
    const employment = await createEmployment(ctx, { personId: reportId, organizationId: euOrg, managerId });
    const job = await stack.gql(`mutation ($i: UpsertJobInput!) { upsertJob(input: $i) { job { id } } }`,
      { i: { system: 'ATS', externalId: unique('REQ'), title: 'Welder', organizationId: euOrg, hiringManagerId: managerId } });
    expect(job.body.errors).toBeUndefined();
    const jobId = job.body.data!.upsertJob.job.id;

    const query = `query ($job: ID!, $emp: ID!) { job(id: $job) { hiringManager { id } } employment(id: $emp) { manager { id } } }`;
    const eu = await stack.gql(query, { job: jobId, emp: employment.id }, await stack.as('hr', { regions: ['EU'] }));
    expect(eu.body.errors).toBeUndefined();
    expect(eu.body.data).toEqual({ job: { hiringManager: null }, employment: { manager: null } });
    const everywhere = await stack.gql(query, { job: jobId, emp: employment.id }, await stack.as('hr'));
    expect(everywhere.body.data).toEqual({ job: { hiringManager: { id: managerId } }, employment: { manager: { id: managerId } } });
  });
});

describe('every read of personal data is in the access log, whatever the route', () => {
  it('logs full reads through provenance, audit values and source-record attributes', async () => {
    const { personId } = await hrisEmployee();
    const officer = await stack.as('privacy_officer', { sub: 'officer-reading' });
    const read = await stack.gql(`query ($id: ID!) { person(id: $id) {
      provenance(attribute: PRIMARY_EMAIL) { value }
      sourceRecords { attributes }
    } auditEvents(entityId: $id, first: 50) { edges { node { attribute newValue } } } }`, { id: personId }, officer);
    expect(read.body.errors).toBeUndefined();
    expect(read.body.data!.person.provenance.value).toMatch(/@corp\.example$/);
    const log = await stack.gql(ACCESS_LOG, { id: personId }, await stack.as('auditor'));
    const fields = log.body.data!.accessLog.edges.map((e: any) => e.node).filter((n: any) => n.actorId === 'officer-reading').map((n: any) => n.field);
    expect(fields).toEqual(expect.arrayContaining(['Person.provenance.primaryEmail', 'SourceRecord.attributes.email', 'AuditEvent.newValue.primaryEmail']));
  });
});
