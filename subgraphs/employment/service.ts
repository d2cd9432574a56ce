// Employments: lookups and the HRIS-owned upsert, which also keeps the status history and the
// person's derived employee status.
import { z } from 'zod';
import { deriveEmployeeStatus } from '../../core/lifecycle/derive-role-status';
import { DomainError, ErrorCode } from '../../core/errors/domain-error';
import type { Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import type { RequestContext } from '../shared/context';
import { EmploymentStatus, SourceSystem } from '../shared/enums';
import { upsertOwnedRecord } from '../shared/owned-record';
import { paginate, toPageRequest } from '../shared/pagination';
import { inPersonFlow } from '../shared/person-flow';
import { assignPersonRegion, setPersonRoleStatus } from '../shared/person-status';
import { currencyCode, externalIdSchema, optionalText, uuid, validate } from '../shared/validation';
import { employmentById } from './loaders';
import { filterVisible, ownedByVisiblePersonWhere, visibleOrNull } from '../shared/person-visibility';
import * as repo from './repository';
import type { UpsertEmploymentInput } from './types';

export const EMPLOYMENT_OWNERS = [SourceSystem.HRIS] as const;
export const EMPLOYMENT_ATTRIBUTES = [
  'personId', 'organizationId', 'jobId', 'managerId', 'title', 'department', 'employeeNumber', 'status', 'hireDate', 'endDate', 'salary', 'currency',
] as const;

const UpsertSchema = z
  .object({
    system: z.nativeEnum(SourceSystem),
    externalId: externalIdSchema,
    personId: uuid,
    organizationId: uuid,
    jobId: uuid.nullish(),
    managerId: uuid.nullish(),
    title: optionalText,
    department: optionalText,
    employeeNumber: z.string().trim().min(1).max(100).nullish(),
    status: z.nativeEnum(EmploymentStatus).nullish(),
    hireDate: z.date().nullish(),
    endDate: z.date().nullish(),
    salary: z.string().nullish(),
    currency: currencyCode,
    statusReason: optionalText,
    sourceTimestamp: z.date().nullish(),
    idempotencyKey: z.string().min(1).max(255).nullish(),
  })
  .refine((e) => !(e.hireDate && e.endDate) || e.hireDate <= e.endDate, { message: 'must not be before hireDate', path: ['endDate'] })
  .refine((e) => !e.salary || e.currency, { message: 'is required when a salary is given', path: ['currency'] })
  .refine((e) => !e.managerId || e.managerId !== e.personId, { message: 'must not be the employee', path: ['managerId'] });

// An employment of a person the caller may not see (purpose, region) is hidden like the person.
export async function getEmployment(ctx: RequestContext, id: string) {
  return visibleOrNull(ctx, await employmentById(ctx).load(id), (e) => e.personId);
}

export async function getEmploymentByExternalId(ctx: RequestContext, system: SourceSystem, externalId: string) {
  return visibleOrNull(ctx, await repo.findEmploymentByExternalId(ctx.db.prisma, system, externalId), (e) => e.personId);
}

/** Employments loaded by a relation, without those of people the caller may not see. */
export function visibleEmployments<T extends { personId: string }>(ctx: RequestContext, rows: T[]) {
  return filterVisible(ctx, rows, (e) => e.personId);
}

export function listEmployments(ctx: RequestContext, first: number | undefined, after: string | null | undefined, filter: repo.EmploymentQuery = {}) {
  const page = toPageRequest(first, after, ctx.config.maxPageSize);
  return paginate(page, ({ take, afterId }) => repo.findEmploymentsPage(ctx.db.prisma, filter, take, afterId, ownedByVisiblePersonWhere(ctx.actor)));
}

export async function upsertEmployment(ctx: RequestContext, raw: UpsertEmploymentInput) {
  const input = validate(UpsertSchema, raw);
  const fields = {
    personId: input.personId,
    organizationId: input.organizationId,
    jobId: input.jobId ?? null,
    managerId: input.managerId ?? null,
    title: input.title ?? null,
    department: input.department ?? null,
    employeeNumber: input.employeeNumber ?? null,
    status: input.status ?? EmploymentStatus.PENDING,
    hireDate: input.hireDate ?? null,
    endDate: input.endDate ?? null,
    salary: input.salary ?? null,
    currency: input.currency ?? null,
  };
  // An employment is a step of the person's flow (candidate → employee): correlated by the person id.
  const result = await upsertOwnedRecord(inPersonFlow(ctx, input.personId), {
    entityType: 'Employment',
    ownerSystems: EMPLOYMENT_OWNERS,
    input,
    attributes: EMPLOYMENT_ATTRIBUTES,
    eventType: (created) => (created ? 'EmploymentCreated' : 'EmploymentUpdated'),
    find: (tx) => repo.findEmploymentByExternalId(tx, input.system, input.externalId),
    create: async (tx, id) => {
      await assertReferences(tx, fields);
      return tx.employment.create({ data: { id, system: input.system, externalId: input.externalId, ...fields } });
    },
    update: async (tx, existing) => {
      if (existing.personId !== fields.personId) {
        throw new DomainError(ErrorCode.INVALID_STATE, 'An employment cannot move to another person; end it and create a new one', { field: 'personId' });
      }
      await assertReferences(tx, fields);
      return tx.employment.update({ where: { id: existing.id }, data: fields });
    },
    after: async (tx, before, after, meta) => {
      if (before?.status !== after.status) {
        await tx.employmentStatusChange.create({
          data: { id: newId(), employmentId: after.id, fromStatus: before?.status ?? null, toStatus: after.status, effectiveAt: input.sourceTimestamp ?? meta.now, reason: input.statusReason ?? null },
        });
      }
      const statuses = await repo.findPersonEmploymentStatuses(tx, after.personId);
      const status = await setPersonRoleStatus(tx, after.personId, { field: 'employeeStatus', value: deriveEmployeeStatus(statuses) });
      const region = await assignPersonRegion(tx, after.personId, after.organizationId);
      return { audit: [...status.audit, ...region.audit], events: [...status.events, ...region.events] };
    },
  });
  return { employment: result.record, created: result.created, changedAttributes: result.changedAttributes };
}

async function assertReferences(tx: Tx, f: { personId: string; organizationId: string; jobId: string | null; managerId: string | null }) {
  const checks: Array<[string, Promise<number>]> = [
    ['personId', tx.person.count({ where: { id: f.personId, mergedIntoId: null } })],
    ['organizationId', tx.organization.count({ where: { id: f.organizationId } })],
  ];
  if (f.jobId) checks.push(['jobId', tx.job.count({ where: { id: f.jobId } })]);
  if (f.managerId) checks.push(['managerId', tx.person.count({ where: { id: f.managerId, mergedIntoId: null } })]);
  for (const [field, count] of checks) {
    if ((await count) === 0) throw new DomainError(ErrorCode.REFERENCE_NOT_FOUND, `${field} does not name an existing record`, { field });
  }
}
