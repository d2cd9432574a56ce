// Loads the demo data set into an empty database through the same services the API uses.
import type { PersonAttributes } from '../../core/identity/types';
import { newId } from '../../platform/ids';
import type { ServiceDeps } from '../../subgraphs/shared/context';
import { changeMeta } from '../../subgraphs/shared/owned-record';
import { systemContext } from '../../subgraphs/shared/system-context';
import { inTransaction } from '../../subgraphs/shared/transaction';
import { createPersonWithSources } from '../../subgraphs/person/use-cases/create-person';
import { upsertOrganization } from '../../subgraphs/organization/service';
import { upsertJob } from '../../subgraphs/job/service';
import { upsertEmployment } from '../../subgraphs/employment/service';
import { upsertOffer } from '../../subgraphs/offer/service';
import { DEMO_INGESTS, DEMO_JOBS, DEMO_ORGANIZATIONS, DEMO_PEOPLE, type DemoSource } from './demo-data';
import { ingestPersonRecord } from '../../subgraphs/person/use-cases/ingest-record';

export interface SeedSummary { people: number; sourceRecords: number; organizations: number; jobs: number; employments: number; offers: number; ingested: Record<string, number> }

function toAttributes(s: DemoSource): PersonAttributes {
  const { system: _s, sourceId: _i, sourceTimestamp: _t, ...rest } = s;
  return rest;
}

export async function seedDemoDataIfEmpty(deps: ServiceDeps): Promise<SeedSummary | null> {
  if ((await deps.db.prisma.person.count()) > 0 || (await deps.db.prisma.organization.count()) > 0) return null;
  return seedDemoData(deps);
}

export async function seedDemoData(deps: ServiceDeps): Promise<SeedSummary> {
  const ctx = systemContext(deps, 'demo-seed');
  const orgIds = new Map<string, string>();
  for (const o of DEMO_ORGANIZATIONS) {
    const parentId = 'parent' in o ? orgIds.get(o.parent) : undefined;
    const { organization } = await upsertOrganization(ctx, {
      system: o.system, externalId: o.externalId, name: o.name, legalName: o.legalName, domain: o.domain, industry: o.industry,
      kind: o.kind, country: o.country, region: o.region, parentId: parentId ?? null,
    });
    orgIds.set(o.key, organization.id);
  }

  const personIds = new Map<string, string>();
  let sourceRecords = 0;
  for (const p of DEMO_PEOPLE) {
    const personId = newId();
    personIds.set(p.key, personId);
    const region = p.employment ? DEMO_ORGANIZATIONS.find((o) => o.key === p.employment!.org)!.region : null;
    await inTransaction(deps.db, (tx) =>
      createPersonWithSources(tx, changeMeta(ctx, null), {
        id: personId, region, candidateStatus: p.candidateStatus, customerStatus: p.customerStatus, linkKey: 'DEMO_DATA', matching: deps.config.matching,
        sources: p.sources.map((s) => ({ system: s.system, sourceId: s.sourceId, sourceTimestamp: new Date(s.sourceTimestamp), attributes: toAttributes(s) })),
      }),
    );
    sourceRecords += p.sources.length;
  }

  const jobIds = new Map<string, string>();
  for (const j of DEMO_JOBS) {
    const { job } = await upsertJob(ctx, {
      system: 'ATS', externalId: j.externalId, title: j.title, organizationId: orgIds.get(j.org)!, department: j.department, location: j.location,
      status: j.status, hiringManagerId: personIds.get(j.manager) ?? null, compensationMin: j.min, compensationMax: j.max,
      compensationCurrency: j.currency, requiredSkills: [...j.skills], openedAt: new Date('2026-02-01T00:00:00.000Z'),
    });
    jobIds.set(j.key, job.id);
  }

  let offers = 0;
  let employments = 0;
  for (const p of DEMO_PEOPLE) {
    if (p.offer) {
      await upsertOffer(ctx, {
        system: 'ATS', externalId: p.offer.externalId, personId: personIds.get(p.key)!, jobId: jobIds.get(p.offer.job)!, status: p.offer.status,
        salary: p.offer.salary, currency: p.offer.currency, startDate: p.offer.startDate ? new Date(`${p.offer.startDate}T00:00:00.000Z`) : null,
        sourceTimestamp: new Date('2026-03-01T10:00:00.000Z'),
      });
      offers += 1;
    }
  }
  for (const p of DEMO_PEOPLE) {
    const e = p.employment;
    if (!e) continue;
    await upsertEmployment(ctx, {
      system: 'HRIS', externalId: e.externalId, personId: personIds.get(p.key)!, organizationId: orgIds.get(e.org)!,
      jobId: e.job ? jobIds.get(e.job)! : null, managerId: e.manager ? personIds.get(e.manager)! : null, title: e.title,
      department: e.department, employeeNumber: e.employeeNumber, status: e.status, hireDate: new Date(`${e.hireDate}T00:00:00.000Z`),
      endDate: e.endDate ? new Date(`${e.endDate}T00:00:00.000Z`) : null, salary: e.salary, currency: e.currency,
      sourceTimestamp: new Date(`${e.hireDate}T09:00:00.000Z`),
    });
    employments += 1;
  }
  const ingested: Record<string, number> = {};
  for (const s of DEMO_INGESTS) {
    const { decision } = await ingestPersonRecord(ctx, { system: s.system, sourceId: s.sourceId, sourceTimestamp: new Date(s.sourceTimestamp), attributes: toAttributes(s) });
    ingested[decision] = (ingested[decision] ?? 0) + 1;
  }
  return { people: DEMO_PEOPLE.length, sourceRecords, organizations: DEMO_ORGANIZATIONS.length, jobs: DEMO_JOBS.length, employments, offers, ingested };
}
