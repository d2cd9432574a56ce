// Prisma queries for job requisitions.
import type { Job, Prisma, PrismaClient } from '../../generated/prisma/client';
import type { Tx } from '../../platform/database';
import type { JobStatus, SourceSystem } from '../shared/enums';
import { rowReader } from '../shared/read-rows';

type Client = PrismaClient | Tx;

/** Whole Job rows in plain SQL, for the per-request loader (see shared/read-rows.ts). */
export const JOB_ROWS = rowReader<Job>('Job', {
  id: 'value', system: 'value', externalId: 'value', title: 'value', department: 'value', location: 'value', status: 'value',
  organizationId: 'value', hiringManagerId: 'value', compensationMin: 'decimal', compensationMax: 'decimal',
  compensationCurrency: 'value', requiredSkills: 'value', openedAt: 'timestamp', closedAt: 'timestamp',
  createdAt: 'timestamp', updatedAt: 'timestamp',
});

export function findJobsByOrganizationIds(db: Client, organizationIds: string[]) {
  return db.job.findMany({ where: { organizationId: { in: organizationIds } }, orderBy: { id: 'asc' } });
}

export function findJobByExternalId(db: Client, system: SourceSystem, externalId: string) {
  return db.job.findUnique({ where: { system_externalId: { system, externalId } } });
}

export interface JobQuery { status?: JobStatus; organizationId?: string; title?: string }

export function findJobsPage(db: Client, q: JobQuery, take: number, afterId: string | null) {
  const where: Prisma.JobWhereInput = {
    ...(afterId ? { id: { gt: afterId } } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.organizationId ? { organizationId: q.organizationId } : {}),
    ...(q.title ? { title: { contains: q.title, mode: 'insensitive' } } : {}),
  };
  return db.job.findMany({ where, orderBy: { id: 'asc' }, take });
}

export async function organizationExists(db: Client, id: string) {
  return (await db.organization.count({ where: { id } })) > 0;
}

export async function personExists(db: Client, id: string) {
  return (await db.person.count({ where: { id, mergedIntoId: null } })) > 0;
}
