// The database side of the steward's review queue and of the sticky decisions between two source
// records (MatchConstraint): use-cases/match-reviews.ts and match-constraints.ts decide; these read and write.
import type { PrismaClient } from '../../../generated/prisma/client';
import type { Tx } from '../../../platform/database';
import { newId } from '../../../platform/ids';

type Client = PrismaClient | Tx;
export type ReviewStatusValue = 'PENDING' | 'SAME_PERSON' | 'DIFFERENT_PEOPLE' | 'SUPERSEDED';

export function findReviewsPage(db: Client, status: ReviewStatusValue | null | undefined, take: number, afterId: string | null) {
  return db.matchReview.findMany({
    where: { ...(status ? { status } : {}), ...(afterId ? { id: { gt: afterId } } : {}) },
    orderBy: { id: 'asc' },
    take,
  });
}

/** The review, its row locked until the transaction ends (two stewards resolving it at once: the second sees it resolved). */
export async function lockReview(tx: Tx, reviewId: string) {
  await tx.$queryRaw`SELECT id FROM "MatchReview" WHERE id = ${reviewId}::uuid FOR UPDATE`;
  return tx.matchReview.findUnique({ where: { id: reviewId } });
}

export function findReview(tx: Tx, reviewId: string) {
  return tx.matchReview.findUniqueOrThrow({ where: { id: reviewId } });
}

export async function resolveReview(tx: Tx, reviewId: string, resolution: { status: ReviewStatusValue; at: Date; by: string; reason: string }): Promise<void> {
  await tx.matchReview.update({ where: { id: reviewId }, data: { status: resolution.status, resolvedAt: resolution.at, resolvedBy: resolution.by, reason: resolution.reason } });
}

/** A steward's decision between one record and each of others (pairs stored in id order; a pair decided before stays). */
export async function addMatchConstraints(
  tx: Tx, kind: 'CANNOT_LINK' | 'MUST_LINK', recordId: string, otherIds: string[], decided: { by: string; reason: string },
): Promise<void> {
  await tx.matchConstraint.createMany({
    data: otherIds.map((o) => {
      const [a, b] = [recordId, o].sort();
      return { id: newId(), kind, sourceRecordAId: a, sourceRecordBId: b, decidedBy: decided.by, reason: decided.reason };
    }),
    skipDuplicates: true,
  });
}

/** Must-links of a record go (an unmerge takes it away from the records it was tied to). */
export async function removeMustLinks(tx: Tx, recordId: string): Promise<void> {
  await tx.matchConstraint.deleteMany({ where: { kind: 'MUST_LINK', OR: [{ sourceRecordAId: recordId }, { sourceRecordBId: recordId }] } });
}

/** Constraints touching any of the records, oldest first (at most `take` when given). */
export function findConstraintsOfRecords(db: Client, recordIds: string[], take?: number) {
  return db.matchConstraint.findMany({
    where: { OR: [{ sourceRecordAId: { in: recordIds } }, { sourceRecordBId: { in: recordIds } }] },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take,
  });
}

export function findConstraint(tx: Tx, constraintId: string) {
  return tx.matchConstraint.findUnique({ where: { id: constraintId } });
}

export async function deleteConstraint(tx: Tx, constraintId: string): Promise<void> {
  await tx.matchConstraint.delete({ where: { id: constraintId } });
}

export async function personOfRecord(tx: Tx, sourceRecordId: string): Promise<string | null> {
  return (await tx.sourceRecord.findUnique({ where: { id: sourceRecordId }, select: { personId: true } }))?.personId ?? null;
}
