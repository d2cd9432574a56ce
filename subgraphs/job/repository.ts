// Prisma queries for job requisitions.
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { Tx } from '../../platform/database';
import type { JobStatus, SourceSystem } from '../shared/enums';

type Client = PrismaClient | Tx;

export function findJobsByIds(db: Client, ids: string[]) {
  return db.job.findMany({ where: { id: { in: ids } } });
}

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
