// The database side of erasure (use-cases/erase-person.ts decides what goes and in which order; these
// read and write). Each takes the caller's transaction and the ids of the erased cluster's people.
import { Prisma, type PrismaClient } from '../../../generated/prisma/client';
import type { Tx } from '../../../platform/database';
import { newId } from '../../../platform/ids';
import { ERASED_PROVENANCE } from '../../shared/provenance-store';
import { PERSON_GOLDEN_ATTRIBUTES } from './golden-record';

/** The people whose records ended up in `personId` (merged into it, at any depth), and itself. */
export async function clusterOf(tx: Tx, personId: string): Promise<string[]> {
  const ids = [personId];
  for (let frontier = [personId], depth = 0; frontier.length && depth < 16; depth++) {
    frontier = (await tx.person.findMany({ where: { mergedIntoId: { in: frontier } }, select: { id: true } })).map((p) => p.id);
    ids.push(...frontier);
  }
  return ids;
}

export function sourceRecordsOf(tx: Tx, people: string[]) {
  return tx.sourceRecord.findMany({ where: { personId: { in: people } }, select: { id: true, system: true, sourceId: true, attributes: true } });
}

export function legalIdentifierIndexesOf(tx: Tx, people: string[], recordIds: string[]) {
  return tx.legalIdentifier.findMany({ where: { OR: [{ personId: { in: people } }, { sourceRecordId: { in: recordIds } }] }, select: { blindIndex: true } });
}

/**
 * Source records stay as rows (links, counts, merges keep their meaning) without a personal value; the
 * system's record key is replaced so the crosswalk no longer names the person. External ids, legal
 * identifiers go; provenance keeps rules and times, not values.
 */
export async function eraseRecordsAndCrosswalk(tx: Tx, people: string[], recordIds: string[], now: Date): Promise<void> {
  for (const id of recordIds) {
    await tx.sourceRecord.update({
      where: { id },
      data: { attributes: {}, features: {}, blockingKeys: [], payloadHash: 'erased', sourceId: `erased:${id}`, erasedAt: now },
    });
  }
  await tx.externalId.deleteMany({ where: { personId: { in: people } } });
  await tx.legalIdentifier.deleteMany({ where: { OR: [{ personId: { in: people } }, { sourceRecordId: { in: recordIds } }] } });
  await tx.$executeRawUnsafe(`UPDATE "Provenance" SET attributes = ${ERASED_PROVENANCE('attributes')} WHERE "entityType" = 'Person' AND "entityId" = ANY(ARRAY(SELECT jsonb_array_elements_text($1::jsonb)::uuid))`, JSON.stringify(people));
}

/**
 * Consent basis stays as proof of what was allowed; where and how it was captured goes, and a granted
 * consent is withdrawn. Returns the consents that were granted.
 */
export async function withdrawConsents(tx: Tx, people: string[]): Promise<Array<{ personId: string; purpose: string }>> {
  const granted = await tx.consent.findMany({ where: { personId: { in: people }, status: 'GRANTED' }, select: { personId: true, purpose: true } });
  await tx.consent.updateMany({ where: { personId: { in: people }, status: 'GRANTED' }, data: { status: 'WITHDRAWN' } });
  await tx.consent.updateMany({ where: { personId: { in: people } }, data: { source: 'erased' } });
  return granted;
}

/**
 * Closes the reviews of the erased records and people (explanations emptied, pending ones superseded)
 * and returns the people on the other side of the pending ones: probable duplicates of the erased person.
 */
export async function closeReviews(tx: Tx, people: string[], recordIds: string[], closed: { at: Date; by: string }): Promise<string[]> {
  const theirs = { OR: [{ sourceRecordId: { in: recordIds } }, { candidatePersonId: { in: people } }] };
  const pending = await tx.matchReview.findMany({ where: { status: 'PENDING', ...theirs }, select: { sourceRecordId: true, candidatePersonId: true } });
  const pendingRecordOwners = await tx.sourceRecord.findMany({ where: { id: { in: pending.map((r) => r.sourceRecordId) } }, select: { personId: true } });
  await tx.matchReview.updateMany({ where: theirs, data: { explanation: {} } });
  await tx.matchReview.updateMany({ where: { status: 'PENDING', ...theirs }, data: { status: 'SUPERSEDED', resolvedAt: closed.at, resolvedBy: closed.by, reason: 'person erased' } });
  return [...new Set([...pending.map((r) => r.candidatePersonId), ...pendingRecordOwners.map((r) => r.personId)])].filter((id) => !people.includes(id)).sort();
}

/**
 * Event payloads carry ids and system record keys only: the record keys go. Stored mutation responses
 * (idempotency replays) may name the person's records: they are caches, dropped.
 */
export async function scrubEventsAndReplays(tx: Tx, people: string[]): Promise<void> {
  await tx.$executeRaw`
    UPDATE "OutboxEvent" SET "payload" = CASE WHEN "payload" ? 'externalId' THEN ("payload" - 'sourceRecord') || '{"externalId":"erased"}'::jsonb ELSE "payload" - 'sourceRecord' END
    WHERE "aggregateId" = ANY(${people}::uuid[]) AND ("payload" ? 'sourceRecord' OR "payload" ? 'externalId')`;
  await tx.$executeRaw`DELETE FROM "IdempotencyKey" WHERE "response"::text LIKE ANY(${people.map((p) => `%${p}%`)}::text[])`;
}

const CLEARED_COLUMNS = Object.fromEntries(PERSON_GOLDEN_ATTRIBUTES.map((a) => [a, a === 'emails' || a === 'phones' ? [] : null]));

/** Every golden value of the cluster's people cleared, the people marked erased. */
export async function clearPeople(tx: Tx, people: string[], survivorId: string, now: Date): Promise<void> {
  await tx.person.updateMany({
    where: { id: { in: people } },
    data: { ...(CLEARED_COLUMNS as Prisma.PersonUpdateManyMutationInput), deletionPolicy: 'ERASED', erasedAt: now },
  });
  await tx.person.update({ where: { id: survivorId }, data: { version: { increment: 1 } } });
}

export async function createTombstone(tx: Tx, t: { personId: string; keyHashes: string[]; reason: string; erasedBy: string; erasedAt: Date }): Promise<void> {
  await tx.erasureTombstone.create({ data: { id: newId(), ...t } });
}

const RETENTION_SELECT = {
  id: true, candidateStatus: true, employeeStatus: true, customerStatus: true, deletionPolicy: true, lastActivityAt: true, updatedAt: true,
  consents: { select: { purpose: true, status: true } },
} as const;

export type RetentionRow = { id: string; candidateStatus: string; employeeStatus: string; customerStatus: string; deletionPolicy: string; lastActivityAt: Date | null; updatedAt: Date; consents: Array<{ purpose: string; status: string }> };

/** People a retention policy may be due for: not merged, erased or held, unchanged and inactive since `cutoff`; in id order. */
export function findRetentionSubjects(db: PrismaClient | Tx, cutoff: Date, afterId: string | null, take: number): Promise<RetentionRow[]> {
  return db.person.findMany({
    where: {
      mergedIntoId: null, erasedAt: null, deletionPolicy: 'STANDARD', updatedAt: { lte: cutoff },
      OR: [{ lastActivityAt: null }, { lastActivityAt: { lte: cutoff } }],
      ...(afterId ? { id: { gt: afterId } } : {}),
    },
    select: RETENTION_SELECT, orderBy: { id: 'asc' }, take,
  });
}

export function findRetentionSubject(tx: Tx, personId: string): Promise<RetentionRow | null> {
  return tx.person.findUnique({ where: { id: personId }, select: RETENTION_SELECT });
}
