// Fluent-enough factories: each test makes its own data through the same services the API uses.
import type { RequestContext } from '../../subgraphs/shared/context';
import { changeMeta } from '../../subgraphs/shared/owned-record';
import { inTransaction } from '../../subgraphs/shared/transaction';
import { createPersonWithSources } from '../../subgraphs/person/use-cases/create-person';
import { upsertOrganization } from '../../subgraphs/organization/service';
import { upsertJob } from '../../subgraphs/job/service';
import { upsertEmployment } from '../../subgraphs/employment/service';
import { upsertOffer } from '../../subgraphs/offer/service';

let seq = 0;
export const unique = (prefix: string) => `${prefix}-${process.pid}-${++seq}-${Math.random().toString(36).slice(2, 7)}`;

export async function createPerson(ctx: RequestContext, attrs: { givenName?: string; familyName?: string; email?: string; system?: 'CRM' | 'ATS' | 'HRIS' } = {}) {
  const { personId } = await inTransaction(ctx.db, (tx) =>
    createPersonWithSources(tx, changeMeta(ctx, null), {
      matching: ctx.config.matching,
      sources: [{
        system: attrs.system ?? 'HRIS', sourceId: unique('SRC'), sourceTimestamp: new Date('2026-01-01T00:00:00Z'),
        attributes: { givenName: attrs.givenName ?? 'Test', familyName: attrs.familyName ?? unique('Person'), email: attrs.email ?? `${unique('p')}@example.com` },
      }],
    }),
  );
  return personId;
}

export async function createOrganization(ctx: RequestContext, name = unique('Org')) {
  return (await upsertOrganization(ctx, { system: 'HRIS', externalId: unique('LE'), name, region: 'EU', country: 'DE' })).organization;
}

export async function createJob(ctx: RequestContext, organizationId: string, title = 'Engineer') {
  return (await upsertJob(ctx, { system: 'ATS', externalId: unique('REQ'), title, organizationId, compensationMin: '50000.00', compensationMax: '70000.00', compensationCurrency: 'EUR' })).job;
}

export async function createEmployment(ctx: RequestContext, f: { personId: string; organizationId: string; jobId?: string; managerId?: string; status?: 'ACTIVE' | 'PENDING' | 'TERMINATED' }) {
  return (await upsertEmployment(ctx, {
    system: 'HRIS', externalId: unique('EMP'), personId: f.personId, organizationId: f.organizationId, jobId: f.jobId ?? null,
    managerId: f.managerId ?? null, status: f.status ?? 'ACTIVE', title: 'Engineer', hireDate: new Date('2024-01-01T00:00:00Z'),
  })).employment;
}

export async function createOffer(ctx: RequestContext, f: { personId: string; jobId: string; status?: 'EXTENDED' | 'ACCEPTED' | 'DRAFT' }) {
  return (await upsertOffer(ctx, { system: 'ATS', externalId: unique('OFF'), personId: f.personId, jobId: f.jobId, status: f.status ?? 'EXTENDED', salary: '60000.00', currency: 'EUR' })).offer;
}
