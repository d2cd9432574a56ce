// Prisma queries for organizations.
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import type { Tx } from '../../platform/database';
import type { OrganizationKind, SourceSystem } from '../shared/enums';

type Client = PrismaClient | Tx;

export function findOrganizationsByIds(db: Client, ids: string[]) {
  return db.organization.findMany({ where: { id: { in: ids } } });
}

export function findOrganizationByExternalId(db: Client, system: SourceSystem, externalId: string) {
  return db.organization.findUnique({ where: { system_externalId: { system, externalId } } });
}

export interface OrganizationQuery { name?: string; kind?: OrganizationKind; country?: string }

export function findOrganizationsPage(db: Client, q: OrganizationQuery, take: number, afterId: string | null) {
  const where: Prisma.OrganizationWhereInput = {
    ...(afterId ? { id: { gt: afterId } } : {}),
    ...(q.name ? { name: { contains: q.name, mode: 'insensitive' } } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(q.country ? { country: q.country } : {}),
  };
  return db.organization.findMany({ where, orderBy: { id: 'asc' }, take });
}

export function createOrganization(db: Client, data: Prisma.OrganizationUncheckedCreateInput) {
  return db.organization.create({ data });
}

export function updateOrganization(db: Client, id: string, data: Prisma.OrganizationUncheckedUpdateInput) {
  return db.organization.update({ where: { id }, data });
}
