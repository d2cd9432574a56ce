// Mutations for records owned by one system: upsert by external id, validation, ownership, and the
// audit and outbox rows written in the same transaction.
import { startTestStack, type TestStack } from '../support/stack';
import { createOrganization, createPerson, unique } from '../support/factories';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.stop();
});

const UPSERT_ORG = `mutation ($input: UpsertOrganizationInput!) { upsertOrganization(input: $input) { created changedAttributes organization { id name domain kind country } } }`;

async function countChangeRows() {
  const prisma = stack.testDb.db.prisma;
  return { audit: await prisma.auditEvent.count(), outbox: await prisma.outboxEvent.count(), orgs: await prisma.organization.count() };
}

describe('upsertOrganization', () => {
  it('creates, then updates by the same external id, auditing only what changed', async () => {
    const externalId = unique('ACC');
    const created = await stack.gql(UPSERT_ORG, { input: { system: 'CRM', externalId, name: 'Hooli', domain: 'hooli.example', kind: 'CUSTOMER', country: 'US' } }, { 'x-correlation-id': 'corr-hooli' });
    expect(created.body.errors).toBeUndefined();
    const org = created.body.data!.upsertOrganization;
    expect(org.created).toBe(true);
    expect(org.organization).toMatchObject({ name: 'Hooli', domain: 'hooli.example', kind: 'CUSTOMER', country: 'US' });

    const updated = await stack.gql(UPSERT_ORG, { input: { system: 'CRM', externalId, name: 'Hooli XYZ', domain: 'hooli.example', kind: 'CUSTOMER', country: 'US' } });
    expect(updated.body.data!.upsertOrganization).toMatchObject({ created: false, changedAttributes: ['name'], organization: { id: org.organization.id, name: 'Hooli XYZ' } });

    const audit = await stack.testDb.db.prisma.auditEvent.findMany({ where: { entityId: org.organization.id }, orderBy: { seq: 'asc' } });
    const nameChange = audit.find((a) => a.type === 'OrganizationUpdated' && a.attribute === 'name');
    expect(nameChange).toMatchObject({ oldValue: 'Hooli', newValue: 'Hooli XYZ', sourceSystem: 'CRM' });
    expect(audit[0].correlationId).toBe('corr-hooli');
    const events = await stack.testDb.db.prisma.outboxEvent.findMany({ where: { aggregateId: org.organization.id } });
    expect(events.map((e) => e.type)).toEqual(['OrganizationUpserted', 'OrganizationUpserted']);
  });

  it('refuses a system that does not own organizations, writing nothing', async () => {
    const before = await countChangeRows();
    const res = await stack.gql(UPSERT_ORG, { input: { system: 'ATS', externalId: unique('X'), name: 'Nope' } });
    expect(res.body.errors![0].extensions).toMatchObject({ code: 'SYSTEM_NOT_AUTHORITATIVE', owners: ['CRM', 'HRIS'] });
    expect(await countChangeRows()).toEqual(before);
  });

  it('reports every invalid field with BAD_USER_INPUT, writing nothing', async () => {
    const before = await countChangeRows();
    const res = await stack.gql(UPSERT_ORG, { input: { system: 'CRM', externalId: '  ', name: 'Bad', domain: 'not a domain', country: 'Germany' } });
    const err = res.body.errors![0];
    expect(err.extensions!.code).toBe('BAD_USER_INPUT');
    expect(err.extensions!.problems.map((p: { field: string }) => p.field).sort()).toEqual(['country', 'domain', 'externalId']);
    expect(await countChangeRows()).toEqual(before);
  });

  it('rejects an unknown system enum at the GraphQL layer', async () => {
    const res = await stack.gql(UPSERT_ORG, { input: { system: 'ERP', externalId: 'x', name: 'y' } });
    expect(res.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});

describe('upsertJob, upsertOffer, upsertEmployment', () => {
  it('keep references valid and derive the person role states', async () => {
    const ctx = stack.ctx();
    const org = await createOrganization(ctx);
    const personId = await createPerson(ctx, { givenName: 'Ada', familyName: unique('Lovelace'), system: 'ATS' });

    const job = await stack.gql(`mutation ($i: UpsertJobInput!) { upsertJob(input: $i) { job { id title status compensation { min max currency } organization { id } } } }`, {
      i: { system: 'ATS', externalId: unique('REQ'), title: 'Analyst', organizationId: org.id, compensationMin: '50000', compensationMax: '60000.50', compensationCurrency: 'EUR' },
    });
    expect(job.body.errors).toBeUndefined();
    const jobId = job.body.data!.upsertJob.job.id;
    expect(job.body.data!.upsertJob.job.compensation).toEqual({ min: '50000.00', max: '60000.50', currency: 'EUR' });

    const missingOrg = await stack.gql(`mutation ($i: UpsertJobInput!) { upsertJob(input: $i) { job { id } } }`, {
      i: { system: 'ATS', externalId: unique('REQ'), title: 'Ghost', organizationId: '01a216c5-0000-7000-8000-000000000000' },
    });
    expect(missingOrg.body.errors![0].extensions).toMatchObject({ code: 'REFERENCE_NOT_FOUND', field: 'organizationId' });

    const offerId = unique('OFF');
    const offer = (status: string) => stack.gql(`mutation ($i: UpsertOfferInput!) { upsertOffer(input: $i) { offer { status person { candidateStatus } } } }`, {
      i: { system: 'ATS', externalId: offerId, personId, jobId, status, salary: '55000', currency: 'EUR' },
    });
    expect((await offer('EXTENDED')).body.data!.upsertOffer.offer).toEqual({ status: 'EXTENDED', person: { candidateStatus: 'OFFERED' } });
    expect((await offer('ACCEPTED')).body.data!.upsertOffer.offer).toEqual({ status: 'ACCEPTED', person: { candidateStatus: 'HIRED' } });
    const reopened = await offer('DRAFT');
    expect(reopened.body.errors![0].extensions!.code).toBe('INVALID_STATE');
    const accepted = await stack.testDb.db.prisma.outboxEvent.count({ where: { type: 'OfferAccepted', payload: { path: ['personId'], equals: personId } } });
    expect(accepted).toBe(1);

    const hrisAsAts = await stack.gql(`mutation ($i: UpsertEmploymentInput!) { upsertEmployment(input: $i) { employment { id } } }`, {
      i: { system: 'ATS', externalId: unique('EMP'), personId, organizationId: org.id },
    });
    expect(hrisAsAts.body.errors![0].extensions!.code).toBe('SYSTEM_NOT_AUTHORITATIVE');

    const empId = unique('EMP');
    const employ = (status: string) => stack.gql(`mutation ($i: UpsertEmploymentInput!) { upsertEmployment(input: $i) { created employment { status person { employeeStatus } statusHistory { fromStatus toStatus reason } } } }`, {
      i: { system: 'HRIS', externalId: empId, personId, organizationId: org.id, jobId, status, hireDate: '2026-05-01', salary: '55000', currency: 'EUR', statusReason: `to ${status}` },
    });
    expect((await employ('PENDING')).body.data!.upsertEmployment.employment.person.employeeStatus).toBe('PRE_HIRE');
    const active = (await employ('ACTIVE')).body.data!.upsertEmployment;
    expect(active.created).toBe(false);
    expect(active.employment.person.employeeStatus).toBe('ACTIVE');
    expect(active.employment.statusHistory).toEqual([
      { fromStatus: null, toStatus: 'PENDING', reason: 'to PENDING' },
      { fromStatus: 'PENDING', toStatus: 'ACTIVE', reason: 'to ACTIVE' },
    ]);
    const statusAudit = await stack.testDb.db.prisma.auditEvent.findMany({ where: { entityId: personId, attribute: 'employeeStatus' }, orderBy: { seq: 'asc' } });
    expect(statusAudit.map((a) => [a.oldValue, a.newValue])).toEqual([['NONE', 'PRE_HIRE'], ['PRE_HIRE', 'ACTIVE']]);
  });

  it('validates dates and amounts with field-level problems', async () => {
    const ctx = stack.ctx();
    const org = await createOrganization(ctx);
    const personId = await createPerson(ctx);
    const res = await stack.gql(`mutation ($i: UpsertEmploymentInput!) { upsertEmployment(input: $i) { employment { id } } }`, {
      i: { system: 'HRIS', externalId: unique('EMP'), personId, organizationId: org.id, hireDate: '2026-05-01', endDate: '2025-01-01', salary: '1000' },
    });
    expect(res.body.errors![0].extensions!.problems.map((p: { field: string }) => p.field).sort()).toEqual(['currency', 'endDate']);
    const badDate = await stack.gql(`mutation ($i: UpsertEmploymentInput!) { upsertEmployment(input: $i) { employment { id } } }`, {
      i: { system: 'HRIS', externalId: unique('EMP'), personId, organizationId: org.id, hireDate: '2026-02-30' },
    });
    expect(badDate.body.errors![0].extensions!.code).toBe('BAD_USER_INPUT');
  });
});
