// The database side of reconciliation (use-cases/reconciliation.ts compares and decides; these read the
// links, golden values and steward constraints it compares, and record the run). Each takes the client.
import type { Prisma, PrismaClient } from '../../../generated/prisma/client';
import type { Tx } from '../../../platform/database';
import type { SourceSystem } from '../../shared/enums';

type Client = PrismaClient | Tx;

/** Every source record key of `system` with the person it is linked to. */
export function sourceRecordLinksOf(db: Client, system: SourceSystem) {
  return db.sourceRecord.findMany({ where: { system }, select: { sourceId: true, personId: true } });
}

/** Every id of `system` linked to a person by hand (the HRIS employee id), with that person. */
export function externalIdLinksOf(db: Client, system: SourceSystem) {
  return db.externalId.findMany({ where: { system }, select: { value: true, personId: true } });
}

const GOLDEN_SELECT = {
  id: true, givenName: true, middleName: true, familyName: true, preferredName: true, birthDate: true, nationality: true,
  primaryEmail: true, phones: true, street: true, city: true, postcode: true, country: true,
} as const;

/** The golden values a reconciliation compares, of the given people. */
export function goldenValuesOf(db: Client, personIds: string[]) {
  return db.person.findMany({ where: { id: { in: personIds } }, select: GOLDEN_SELECT });
}

/** Ids of the source records of `system` with the given record keys. */
export function findSourceRecordsByKeys(db: Client, system: SourceSystem, sourceIds: string[]) {
  return db.sourceRecord.findMany({ where: { system, sourceId: { in: sourceIds } }, select: { id: true, sourceId: true } });
}

/** The person each of the given source records belongs to. */
export function ownersOf(db: Client, sourceRecordIds: string[]) {
  return db.sourceRecord.findMany({ where: { id: { in: sourceRecordIds } }, select: { id: true, personId: true } });
}

export async function recordReconciliationRun(db: Client, run: Prisma.ReconciliationRunCreateInput): Promise<void> {
  await db.reconciliationRun.create({ data: run });
}
