// The database side of merge and unmerge (use-cases/merge-people.ts decides; these read and write).
// Each takes the caller's transaction.
import type { Person } from '../../../generated/prisma/client';
import type { Tx } from '../../../platform/database';
import { newId } from '../../../platform/ids';
import type { SourceSystem } from '../../shared/enums';
import { createEmptyPerson } from './people';

/** Locks golden people's rows in id order, so two concurrent merges of one pair cannot interleave. */
export async function lockPeople(tx: Tx, personIds: string[]): Promise<void> {
  for (const id of [...new Set(personIds)].sort()) await tx.$queryRaw`SELECT id FROM "Person" WHERE id = ${id}::uuid FOR UPDATE`;
}

export function findPeople(tx: Tx, personIds: string[]): Promise<Person[]> {
  return tx.person.findMany({ where: { id: { in: personIds } } });
}

/**
 * Moves everything of `fromId` to `intoId` (source records, external ids, employments and the
 * employments and jobs it manages, offers, pending reviews naming it) and leaves a redirect behind.
 * Redirect chains stay one hop long: whatever pointed at the merged-away person points at the survivor.
 */
export async function movePersonInto(tx: Tx, fromId: string, intoId: string, mergedAt: Date): Promise<void> {
  await tx.sourceRecord.updateMany({ where: { personId: fromId }, data: { personId: intoId } });
  await tx.externalId.updateMany({ where: { personId: fromId }, data: { personId: intoId } });
  await tx.employment.updateMany({ where: { personId: fromId }, data: { personId: intoId } });
  await tx.employment.updateMany({ where: { managerId: fromId }, data: { managerId: intoId } });
  await tx.offer.updateMany({ where: { personId: fromId }, data: { personId: intoId } });
  await tx.job.updateMany({ where: { hiringManagerId: fromId }, data: { hiringManagerId: intoId } });
  await tx.person.updateMany({ where: { mergedIntoId: fromId }, data: { mergedIntoId: intoId } });
  await tx.person.update({ where: { id: fromId }, data: { mergedIntoId: intoId, mergedAt, version: { increment: 1 } } });
  await tx.matchReview.updateMany({ where: { candidatePersonId: fromId, status: 'PENDING' }, data: { candidatePersonId: intoId } });
}

export async function updatePersonFields(tx: Tx, personId: string, data: Record<string, string>): Promise<void> {
  if (Object.keys(data).length) await tx.person.update({ where: { id: personId }, data });
}

/** Detaches one source record (and its system's external id) from `fromPersonId` into a new, empty person. */
export async function detachSourceRecord(
  tx: Tx, record: { id: string; system: SourceSystem; sourceId: string }, fromPersonId: string, region: string | null,
): Promise<string> {
  const newPersonId = newId();
  await createEmptyPerson(tx, { id: newPersonId, region });
  await tx.sourceRecord.update({ where: { id: record.id }, data: { personId: newPersonId, linkType: 'MANUAL', linkKey: 'UNMERGED', matchScore: null } });
  await tx.externalId.updateMany({ where: { personId: fromPersonId, system: record.system, value: record.sourceId }, data: { personId: newPersonId } });
  return newPersonId;
}
