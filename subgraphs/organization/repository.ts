// Prisma queries for organizations.
import type { Organization, Prisma, PrismaClient } from '../../generated/prisma/client';
import type { Tx } from '../../platform/database';
import type { OrganizationKind, SourceSystem } from '../shared/enums';
import { rowReader } from '../shared/read-rows';

type Client = PrismaClient | Tx;

/** Whole Organization rows in plain SQL, for the per-request loader (see shared/read-rows.ts). */
export const ORGANIZATION_ROWS = rowReader<Organization>('Organization', {
  id: 'value', system: 'value', externalId: 'value', name: 'value', legalName: 'value', domain: 'value', industry: 'value',
  kind: 'value', country: 'value', region: 'value', parentId: 'value', createdAt: 'timestamp', updatedAt: 'timestamp',
});

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
