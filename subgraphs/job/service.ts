// Job requisitions: lookups and the ATS-owned upsert.
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../core/errors/domain-error';
import type { RequestContext } from '../shared/context';
import { JobStatus, SourceSystem } from '../shared/enums';
import { upsertOwnedRecord } from '../shared/owned-record';
import { paginate, toPageRequest } from '../shared/pagination';
import { currencyCode, externalIdSchema, nameSchema, optionalText, uuid, validate } from '../shared/validation';
import { jobById } from './loaders';
import * as repo from './repository';
import type { UpsertJobInput } from './types';

export const JOB_OWNERS = [SourceSystem.ATS] as const;
export const JOB_ATTRIBUTES = [
  'title', 'department', 'location', 'status', 'organizationId', 'hiringManagerId',
  'compensationMin', 'compensationMax', 'compensationCurrency', 'requiredSkills', 'openedAt', 'closedAt',
] as const;

const UpsertSchema = z
  .object({
    system: z.nativeEnum(SourceSystem),
    externalId: externalIdSchema,
    title: nameSchema,
    organizationId: uuid,
    department: optionalText,
    location: optionalText,
    status: z.nativeEnum(JobStatus).nullish(),
    hiringManagerId: uuid.nullish(),
    compensationMin: z.string().nullish(),
    compensationMax: z.string().nullish(),
    compensationCurrency: currencyCode,
    requiredSkills: z.array(z.string().trim().min(1).max(100)).max(100).nullish(),
    openedAt: z.date().nullish(),
    closedAt: z.date().nullish(),
    sourceTimestamp: z.date().nullish(),
    idempotencyKey: z.string().min(1).max(255).nullish(),
  })
  .refine((j) => !(j.compensationMin && j.compensationMax) || Number(j.compensationMin) <= Number(j.compensationMax), {
    message: 'must not exceed compensationMax',
    path: ['compensationMin'],
  })
  .refine((j) => !(j.compensationMin || j.compensationMax) || j.compensationCurrency, {
    message: 'is required when a compensation amount is given',
    path: ['compensationCurrency'],
  });

export function getJob(ctx: RequestContext, id: string) {
  return jobById(ctx).load(id);
}

export function getJobByExternalId(ctx: RequestContext, system: SourceSystem, externalId: string) {
  return repo.findJobByExternalId(ctx.db.prisma, system, externalId);
}

export function listJobs(ctx: RequestContext, first: number | undefined, after: string | null | undefined, filter: repo.JobQuery = {}) {
  const page = toPageRequest(first, after, ctx.config.maxPageSize);
  return paginate(page, ({ take, afterId }) => repo.findJobsPage(ctx.db.prisma, filter, take, afterId));
}

export async function upsertJob(ctx: RequestContext, raw: UpsertJobInput) {
  const input = validate(UpsertSchema, raw);
  const fields = {
    title: input.title,
    organizationId: input.organizationId,
    department: input.department ?? null,
    location: input.location ?? null,
    status: input.status ?? JobStatus.OPEN,
    hiringManagerId: input.hiringManagerId ?? null,
    compensationMin: input.compensationMin ?? null,
    compensationMax: input.compensationMax ?? null,
    compensationCurrency: input.compensationCurrency ?? null,
    requiredSkills: input.requiredSkills ?? [],
    openedAt: input.openedAt ?? null,
    closedAt: input.closedAt ?? null,
  };
  const result = await upsertOwnedRecord(ctx, {
    entityType: 'Job',
    ownerSystems: JOB_OWNERS,
    input,
    attributes: JOB_ATTRIBUTES,
    find: (tx) => repo.findJobByExternalId(tx, input.system, input.externalId),
    create: async (tx, id) => {
      await assertReferences(tx, fields);
      return tx.job.create({ data: { id, system: input.system, externalId: input.externalId, ...fields } });
    },
    update: async (tx, existing) => {
      await assertReferences(tx, fields);
      return tx.job.update({ where: { id: existing.id }, data: fields });
    },
  });
  return { job: result.record, created: result.created, changedAttributes: result.changedAttributes };
}

async function assertReferences(tx: Parameters<typeof repo.organizationExists>[0], f: { organizationId: string; hiringManagerId: string | null }) {
  if (!(await repo.organizationExists(tx, f.organizationId))) {
    throw new DomainError(ErrorCode.REFERENCE_NOT_FOUND, 'Organization not found', { field: 'organizationId', id: f.organizationId });
  }
  if (f.hiringManagerId && !(await repo.personExists(tx, f.hiringManagerId))) {
    throw new DomainError(ErrorCode.REFERENCE_NOT_FOUND, 'Hiring manager not found', { field: 'hiringManagerId', id: f.hiringManagerId });
  }
}
