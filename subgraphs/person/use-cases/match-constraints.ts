// Sticky steward decisions between two source records (MatchConstraint): list the ones that touch a
// person, and lift one — an audited steward action, the only way a cannot-link or must-link goes away.
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../../core/errors/domain-error';
import { appendAudit } from '../../shared/change-log';
import type { RequestContext } from '../../shared/context';
import { runMutation } from '../../shared/mutation';
import { changeMeta } from '../../shared/owned-record';
import { uuid, validate } from '../../shared/validation';
import { resolveSurvivor } from '../store/identity';
import { deleteConstraint, findConstraint, findConstraintsOfRecords, personOfRecord } from '../store/reviews';
import { sourceRecordIdsOf } from '../store/source-records';

export interface MatchConstraintRow {
  id: string;
  kind: 'CANNOT_LINK' | 'MUST_LINK';
  sourceRecordAId: string;
  sourceRecordBId: string;
  decidedBy: string;
  reason: string | null;
  createdAt: Date;
}

/** The constraints on any source record of the person (followed through a merge redirect), oldest first. */
export async function listMatchConstraints(ctx: RequestContext, personId: string): Promise<MatchConstraintRow[]> {
  const id = validate(uuid, personId);
  const survivor = await resolveSurvivor(ctx.db.prisma, id);
  const ids = await sourceRecordIdsOf(ctx.db.prisma, survivor);
  if (ids.length === 0) return [];
  // The list's hard bound (query limits): a person's records rarely carry more than a few.
  return findConstraintsOfRecords(ctx.db.prisma, ids, 1000) as Promise<MatchConstraintRow[]>;
}

const LiftSchema = z.object({
  constraintId: uuid,
  reason: z.string().trim().min(3, 'must say why (at least 3 characters)').max(500),
  idempotencyKey: z.string().min(1).max(255).nullish(),
});

/** Removes a constraint; the audit entry keeps what it said, who decided it and why it was lifted. */
export async function liftMatchConstraint(ctx: RequestContext, raw: unknown): Promise<{ constraintId: string; kind: string; lifted: boolean }> {
  const input = validate(LiftSchema, raw);
  return runMutation(ctx, { operation: 'liftMatchConstraint', idempotencyKey: input.idempotencyKey ?? ctx.idempotencyKey, request: input }, async (tx) => {
    const meta = changeMeta(ctx, null);
    const constraint = await findConstraint(tx, input.constraintId);
    if (!constraint) throw new DomainError(ErrorCode.NOT_FOUND, 'Match constraint not found', { field: 'constraintId', id: input.constraintId });
    await deleteConstraint(tx, constraint.id);
    const owner = await personOfRecord(tx, constraint.sourceRecordAId);
    const personId = owner ? await resolveSurvivor(tx, owner) : constraint.sourceRecordAId;
    const oldValue = { constraintId: constraint.id, kind: constraint.kind, sourceRecordAId: constraint.sourceRecordAId, sourceRecordBId: constraint.sourceRecordBId, decidedBy: constraint.decidedBy, reason: constraint.reason };
    await appendAudit(tx, meta, [{ type: 'MatchConstraintLifted', entityType: 'Person', entityId: personId, oldValue, newValue: { reason: input.reason } }]);
    return { constraintId: constraint.id, kind: constraint.kind, lifted: true };
  });
}
