// The steward's review queue: list pending match reviews and resolve them. SAME_PERSON merges the
// record's person into the candidate; DIFFERENT_PEOPLE records cannot-links that automatic matching
// never overrides. A review of kind ERASED_IDENTITY (a record matching an erased identity) only takes
// DIFFERENT_PEOPLE: the record is kept as its own person.
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../../core/errors/domain-error';
import { appendAudit, enqueueEvents, type ChangeMeta } from '../../shared/change-log';
import type { RequestContext } from '../../shared/context';
import { runMutation } from '../../shared/mutation';
import { changeMeta } from '../../shared/owned-record';
import { paginate, toPageRequest } from '../../shared/pagination';
import { uuid, validate } from '../../shared/validation';
import { resolveSurvivor } from '../store/identity';
import { addMatchConstraints, findReview, findReviewsPage, lockReview, resolveReview, type ReviewStatusValue } from '../store/reviews';
import { findSourceRecord, sourceRecordIdsOf } from '../store/source-records';
import { mergeInTransaction } from './merge-people';


export function listMatchReviews(ctx: RequestContext, status: ReviewStatusValue | null | undefined, first: number | undefined, after: string | null | undefined) {
  const page = toPageRequest(first, after, ctx.config.maxPageSize);
  return paginate(page, ({ take, afterId }) => findReviewsPage(ctx.db.prisma, status, take, afterId));
}

const ResolveSchema = z.object({
  reviewId: uuid,
  decision: z.enum(['SAME_PERSON', 'DIFFERENT_PEOPLE']),
  reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(500),
  idempotencyKey: z.string().min(1).max(255).nullish(),
});

export async function resolveMatchReview(ctx: RequestContext, raw: unknown) {
  const input = validate(ResolveSchema, raw);
  return runMutation(ctx, { operation: 'resolveMatchReview', idempotencyKey: input.idempotencyKey ?? ctx.idempotencyKey, request: input }, async (tx) => {
    const meta: ChangeMeta = { ...changeMeta(ctx, 'STEWARD'), reasonCode: `REVIEW_${input.decision}` };
    const review = await lockReview(tx, input.reviewId);
    if (!review) throw new DomainError(ErrorCode.NOT_FOUND, 'Match review not found', { field: 'reviewId', id: input.reviewId });
    if (review.status !== 'PENDING') throw new DomainError(ErrorCode.INVALID_STATE, `Match review is already ${review.status}`, { reviewId: review.id, status: review.status });
    // The review's record exists: a review references it (foreign key).
    const record = (await findSourceRecord(tx, review.sourceRecordId))!;
    const recordPersonId = await resolveSurvivor(tx, record.personId);
    const candidateId = await resolveSurvivor(tx, review.candidatePersonId);
    let survivorId: string | null = null;
    const decided = { by: ctx.actor.id, reason: input.reason };

    if (review.kind === 'ERASED_IDENTITY') {
      // The suggested person was erased: nothing may be merged back into it, and it has no records to keep apart from.
      if (input.decision === 'SAME_PERSON') {
        throw new DomainError(ErrorCode.INVALID_STATE, 'The suggested person was erased: a record is never merged back into an erased person. Resolve DIFFERENT_PEOPLE to keep the record, or have a privacy officer erase it again.', { reviewId: review.id, kind: review.kind });
      }
    } else if (input.decision === 'SAME_PERSON') {
      if (recordPersonId !== candidateId) {
        const merged = await mergeInTransaction(tx, meta, candidateId, recordPersonId, input.reason, ctx.config.matching.defaultRegion);
        survivorId = merged.survivorId;
      } else {
        survivorId = candidateId;
      }
      await addMatchConstraints(tx, 'MUST_LINK', record.id, await sourceRecordIdsOf(tx, candidateId, record.id), decided);
    } else {
      await addMatchConstraints(tx, 'CANNOT_LINK', record.id, await sourceRecordIdsOf(tx, candidateId), decided);
    }
    await resolveReview(tx, review.id, { status: input.decision, at: meta.now, by: ctx.actor.id, reason: input.reason });
    await appendAudit(tx, meta, [{
      type: 'ReviewResolved', entityType: 'Person', entityId: recordPersonId,
      newValue: { reviewId: review.id, decision: input.decision, candidatePersonId: candidateId, survivorId, reason: input.reason },
    }]);
    await enqueueEvents(tx, meta, [{ type: 'ReviewResolved', aggregateType: 'MatchReview', aggregateId: review.id, payload: { reviewId: review.id, decision: input.decision, personId: recordPersonId, candidatePersonId: candidateId, survivorId } }]);
    const updated = await findReview(tx, review.id);
    return { review: updated, survivorId };
  });
}
