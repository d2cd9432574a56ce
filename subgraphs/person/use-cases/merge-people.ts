// Merge and unmerge of golden people. A merge moves every source record, blocking key, external id,
// employment and offer of the merged-away person to the survivor, leaves a redirect behind and
// recomputes the survivor; an unmerge detaches one source record into a new person, records a
// cannot-link so automatic runs do not put it back, and recomputes both.
import { DomainError, ErrorCode } from '../../../core/errors/domain-error';
import type { Tx } from '../../../platform/database';
import { appendAudit, enqueueEvents, type ChangeMeta } from '../../shared/change-log';
import type { RequestContext } from '../../shared/context';
import { runMutation } from '../../shared/mutation';
import { changeMeta } from '../../shared/owned-record';
import { uuid, validate } from '../../shared/validation';
import { z } from 'zod';
import { recomputeGoldenPerson } from '../store/golden-record';
import { findCannotLinkedRecords } from '../store/identity';
import { detachSourceRecord, findPeople, lockPeople, movePersonInto, updatePersonFields } from '../store/merges';
import { findPersonState } from '../store/people';
import { addMatchConstraints, removeMustLinks } from '../store/reviews';
import { findSourceRecord, sourceRecordIdsOf } from '../store/source-records';

const reason = z.string().trim().min(3, 'must say why (at least 3 characters)').max(500);

export interface MergeResult { survivorId: string; mergedId: string; changedAttributes: string[] }

async function activePerson(tx: Tx, id: string, field: string) {
  const p = await findPersonState(tx, id);
  if (!p) throw new DomainError(ErrorCode.NOT_FOUND, `${field} does not name a person`, { field, id });
  if (p.mergedIntoId) throw new DomainError(ErrorCode.INVALID_STATE, `${field} was already merged into another person`, { field, id, mergedIntoId: p.mergedIntoId });
  if (p.erasedAt) throw new DomainError(ErrorCode.INVALID_STATE, `${field} was erased`, { field, id });
  return p;
}

/** Moves `fromId` into `intoId` inside the caller's transaction. */
export async function mergeInTransaction(tx: Tx, meta: ChangeMeta, intoId: string, fromId: string, reasonText: string, defaultRegion: string): Promise<MergeResult> {
  if (intoId === fromId) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A person cannot be merged into itself', { field: 'fromPersonId' });
  await lockPeople(tx, [intoId, fromId]);
  await activePerson(tx, intoId, 'intoPersonId');
  await activePerson(tx, fromId, 'fromPersonId');

  const fromRecords = await sourceRecordIdsOf(tx, fromId);
  const intoRecords = await sourceRecordIdsOf(tx, intoId);
  const blocked = await findCannotLinkedRecords(tx, fromRecords);
  const conflicts = intoRecords.filter((id) => blocked.has(id));
  if (conflicts.length > 0) {
    throw new DomainError(ErrorCode.MERGE_BLOCKED, 'A steward decided these are different people (cannot-link); resolve that decision first', {
      intoPersonId: intoId, fromPersonId: fromId, cannotLinkSourceRecordIds: conflicts,
    });
  }

  await movePersonInto(tx, fromId, intoId, meta.now);

  // Role states: the survivor keeps the most advanced of each.
  const people = await findPeople(tx, [intoId, fromId]);
  const into = people.find((p) => p.id === intoId)!;
  const from = people.find((p) => p.id === fromId)!;
  const roleUpdates: Record<string, string> = {};
  for (const field of ['candidateStatus', 'employeeStatus', 'customerStatus'] as const) {
    if (into[field] === 'NONE' && from[field] !== 'NONE') roleUpdates[field] = from[field];
  }
  if (!into.region && from.region) roleUpdates.region = from.region;
  await updatePersonFields(tx, intoId, roleUpdates);

  await appendAudit(tx, meta, [
    { type: 'PersonMerged', entityType: 'Person', entityId: intoId, newValue: { survivorId: intoId, mergedId: fromId, sourceRecordIds: fromRecords, reason: reasonText } },
    { type: 'PersonMerged', entityType: 'Person', entityId: fromId, attribute: 'mergedIntoId', oldValue: null, newValue: intoId },
  ]);
  const { changed } = await recomputeGoldenPerson(tx, intoId, meta, { defaultRegion });
  await enqueueEvents(tx, meta, [{ type: 'PersonMerged', aggregateType: 'Person', aggregateId: intoId, payload: { survivorId: intoId, mergedId: fromId, changedAttributes: changed } }]);
  return { survivorId: intoId, mergedId: fromId, changedAttributes: [...changed, ...Object.keys(roleUpdates)] };
}

const MergeSchema = z.object({ intoPersonId: uuid, fromPersonId: uuid, reason, idempotencyKey: z.string().min(1).max(255).nullish() });

export async function mergePeople(ctx: RequestContext, raw: unknown): Promise<MergeResult> {
  const input = validate(MergeSchema, raw);
  return runMutation(ctx, { operation: 'mergePeople', idempotencyKey: input.idempotencyKey ?? ctx.idempotencyKey, request: input }, (tx) =>
    mergeInTransaction(tx, { ...changeMeta(ctx, 'STEWARD'), reasonCode: 'MANUAL_MERGE' }, input.intoPersonId, input.fromPersonId, input.reason, ctx.config.matching.defaultRegion),
  );
}

const UnmergeSchema = z.object({ sourceRecordId: uuid, reason, idempotencyKey: z.string().min(1).max(255).nullish() });

export interface UnmergeResult { sourceRecordId: string; fromPersonId: string; newPersonId: string }

export async function unmergeSourceRecord(ctx: RequestContext, raw: unknown): Promise<UnmergeResult> {
  const input = validate(UnmergeSchema, raw);
  return runMutation(ctx, { operation: 'unmergeSourceRecord', idempotencyKey: input.idempotencyKey ?? ctx.idempotencyKey, request: input }, async (tx) => {
    const meta: ChangeMeta = { ...changeMeta(ctx, 'STEWARD'), reasonCode: 'MANUAL_UNMERGE' };
    const record = await findSourceRecord(tx, input.sourceRecordId);
    if (!record) throw new DomainError(ErrorCode.NOT_FOUND, 'Source record not found', { field: 'sourceRecordId', id: input.sourceRecordId });
    const fromPersonId = record.personId;
    await lockPeople(tx, [fromPersonId]);
    const others = await sourceRecordIdsOf(tx, fromPersonId, record.id);
    if (others.length === 0) throw new DomainError(ErrorCode.INVALID_STATE, 'The source record is the only one of its person; there is nothing to unmerge', { sourceRecordId: record.id });

    const from = await findPersonState(tx, fromPersonId);
    const newPersonId = await detachSourceRecord(tx, record, fromPersonId, from?.region ?? null);
    // Sticky: automatic matching must never put this record back with the records it was taken from.
    await removeMustLinks(tx, record.id);
    await addMatchConstraints(tx, 'CANNOT_LINK', record.id, others, { by: ctx.actor.id, reason: input.reason });
    await appendAudit(tx, meta, [
      { type: 'PersonUnmerged', entityType: 'Person', entityId: fromPersonId, newValue: { sourceRecordId: record.id, newPersonId, reason: input.reason } },
      { type: 'PersonCreated', entityType: 'Person', entityId: newPersonId, newValue: { unmergedFrom: fromPersonId, sourceRecordId: record.id } },
    ]);
    await recomputeGoldenPerson(tx, fromPersonId, meta, { defaultRegion: ctx.config.matching.defaultRegion });
    await recomputeGoldenPerson(tx, newPersonId, meta, { defaultRegion: ctx.config.matching.defaultRegion });
    await enqueueEvents(tx, meta, [
      { type: 'PersonUnmerged', aggregateType: 'Person', aggregateId: fromPersonId, payload: { id: fromPersonId, newPersonId, sourceRecordIds: [record.id] } },
      { type: 'PersonCreated', aggregateType: 'Person', aggregateId: newPersonId, payload: { id: newPersonId, systems: [record.system], unmergedFrom: fromPersonId } },
    ]);
    return { sourceRecordId: record.id, fromPersonId, newPersonId };
  });
}
