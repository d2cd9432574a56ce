// Prisma queries for offers.
import type { Offer, Prisma, PrismaClient } from '../../generated/prisma/client';
import type { Tx } from '../../platform/database';
import type { OfferStatus, SourceSystem } from '../shared/enums';
import { rowReader } from '../shared/read-rows';

type Client = PrismaClient | Tx;

/** Whole Offer rows in plain SQL, for the per-request person loader (see shared/read-rows.ts). */
export const OFFER_ROWS = rowReader<Offer>('Offer', {
  id: 'value', system: 'value', externalId: 'value', personId: 'value', jobId: 'value', status: 'value',
  salary: 'decimal', currency: 'value', startDate: 'date', extendedAt: 'timestamp', decidedAt: 'timestamp',
  createdAt: 'timestamp', updatedAt: 'timestamp',
});

export function findOffersByIds(db: Client, ids: string[]) {
  return db.offer.findMany({ where: { id: { in: ids } } });
}

export function findOffersByJobIds(db: Client, jobIds: string[]) {
  return db.offer.findMany({ where: { jobId: { in: jobIds } }, orderBy: { id: 'asc' } });
}

export function findOfferByExternalId(db: Client, system: SourceSystem, externalId: string) {
  return db.offer.findUnique({ where: { system_externalId: { system, externalId } } });
}

export interface OfferQuery { status?: OfferStatus; jobId?: string; personId?: string }

export function findOffersPage(db: Client, q: OfferQuery, take: number, afterId: string | null, visibility: Prisma.OfferWhereInput = {}) {
  const where: Prisma.OfferWhereInput = {
    ...visibility,
    ...(afterId ? { id: { gt: afterId } } : {}),
    ...(q.status ? { status: q.status } : {}),
    ...(q.jobId ? { jobId: q.jobId } : {}),
    ...(q.personId ? { personId: q.personId } : {}),
  };
  return db.offer.findMany({ where, orderBy: { id: 'asc' }, take });
}

export async function findPersonOfferStatuses(db: Client, personId: string) {
  return (await db.offer.findMany({ where: { personId }, select: { status: true } })).map((o) => o.status);
}
