// Prisma queries for consents per person and purpose (use-cases/consents.ts decides, audits and
// announces; these read and write). Each takes a transaction, or the client for the loader.
import type { ConsentStatus, PrismaClient } from '../../../generated/prisma/client';
import type { Tx } from '../../../platform/database';
import { newId } from '../../../platform/ids';

export interface ConsentValues { status: ConsentStatus; legalBasis: string; capturedAt: Date; source: string }

/** Every consent of the given people, by purpose. */
export function consentsOf(db: PrismaClient | Tx, personIds: string[]) {
  return db.consent.findMany({ where: { personId: { in: personIds } }, orderBy: { purpose: 'asc' } });
}

export function findConsent(tx: Tx, personId: string, purpose: string) {
  return tx.consent.findUnique({ where: { personId_purpose: { personId, purpose } } });
}

export function upsertConsent(tx: Tx, personId: string, purpose: string, values: ConsentValues) {
  return tx.consent.upsert({
    where: { personId_purpose: { personId, purpose } },
    create: { id: newId(), personId, purpose, ...values },
    update: values,
  });
}

export async function touchPerson(tx: Tx, personId: string, at: Date): Promise<void> {
  await tx.person.update({ where: { id: personId }, data: { lastActivityAt: at } });
}
