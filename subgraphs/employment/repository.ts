// Prisma queries for employments and their status history.
import type { Employment, Prisma, PrismaClient } from '../../generated/prisma/client';
import type { Tx } from '../../platform/database';
import type { EmploymentStatus, SourceSystem } from '../shared/enums';
import { rowReader } from '../shared/read-rows';

type Client = PrismaClient | Tx;

const ORDER = [{ hireDate: 'desc' as const }, { id: 'asc' as const }];
/** ORDER in SQL (PostgreSQL's default puts NULLs first in descending order, as Prisma's query does). */
export const EMPLOYMENT_ORDER_SQL = '"hireDate" DESC, "id" ASC';

/** Whole Employment rows in plain SQL, for the per-request loaders (see shared/read-rows.ts). */
export const EMPLOYMENT_ROWS = rowReader<Employment>('Employment', {
  id: 'value', system: 'value', externalId: 'value', personId: 'value', organizationId: 'value', jobId: 'value', managerId: 'value',
  title: 'value', department: 'value', employeeNumber: 'value', status: 'value', hireDate: 'date', endDate: 'date',
  salary: 'decimal', currency: 'value', createdAt: 'timestamp', updatedAt: 'timestamp',
});

export function findEmploymentsByIds(db: Client, ids: string[]) {
  return db.employment.findMany({ where: { id: { in: ids } } });
}

export function findEmploymentsByManagerIds(db: Client, managerIds: string[]) {
  return db.employment.findMany({ where: { managerId: { in: managerIds } }, orderBy: ORDER });
}

export function findEmploymentsByOrganizationIds(db: Client, organizationIds: string[]) {
  return db.employment.findMany({ where: { organizationId: { in: organizationIds } }, orderBy: ORDER });
}

export function findStatusHistoryByEmploymentIds(db: Client, employmentIds: string[]) {
  return db.employmentStatusChange.findMany({ where: { employmentId: { in: employmentIds } }, orderBy: [{ effectiveAt: 'asc' }, { id: 'asc' }] });
}

export function findEmploymentByExternalId(db: Client, system: SourceSystem, externalId: string) {
  return db.employment.findUnique({ where: { system_externalId: { system, externalId } } });
}

export interface EmploymentQuery { status?: EmploymentStatus; organizationId?: string; personId?: string }

export function findEmploymentsPage(db: Client, q: EmploymentQuery, take: number, afterId: string | null, visibility: Prisma.EmploymentWhereInput = {}) {
  const where: Prisma.EmploymentWhereInput = {
    ...visibility,
    ...(afterId ? { id: { gt: afterId } } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.organizationId ? { organizationId: q.organizationId } : {}),
    ...(q.personId ? { personId: q.personId } : {}),
  };
  return db.employment.findMany({ where, orderBy: { id: 'asc' }, take });
}

export async function findPersonEmploymentStatuses(db: Client, personId: string) {
  return (await db.employment.findMany({ where: { personId }, select: { status: true } })).map((e) => e.status);
}
