// Linking and unlinking a system's identifier to a golden person. Linking an id that already belongs
// to another person is a conflict naming both, never a silent move.
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../../core/errors/domain-error';
import { appendAudit, enqueueEvents } from '../../shared/change-log';
import type { RequestContext } from '../../shared/context';
import { runMutation } from '../../shared/mutation';
import { assertCanLinkFor } from '../../shared/auth/assert-can-write-as';
import { changeMeta } from '../../shared/owned-record';
import { externalIdSchema, uuid, validate } from '../../shared/validation';
import * as store from '../store/external-ids';
import { findExternalId, findPersonState } from '../store/people';
import { resolveSurvivor } from '../store/identity';

const LinkSchema = z.object({
  personId: uuid,
  system: z.enum(['CRM', 'ATS', 'HRIS']),
  externalId: externalIdSchema,
  idempotencyKey: z.string().min(1).max(255).nullish(),
});

export async function linkExternalId(ctx: RequestContext, raw: unknown) {
  const input = validate(LinkSchema, raw);
  assertCanLinkFor(ctx, input.system);
  return runMutation(ctx, { operation: 'linkExternalId', idempotencyKey: input.idempotencyKey ?? ctx.idempotencyKey, request: input }, async (tx) => {
    const meta = changeMeta(ctx, input.system);
    const person = await findPersonState(tx, input.personId);
    if (!person) throw new DomainError(ErrorCode.NOT_FOUND, 'Person not found', { field: 'personId', id: input.personId });
    const personId = await resolveSurvivor(tx, person.id);
    await store.lockExternalId(tx, input.system, input.externalId);
    const existing = await findExternalId(tx, input.system, input.externalId);
    if (existing) {
      if (existing.personId === personId) return { personId, system: input.system, externalId: input.externalId, linked: false };
      throw new DomainError(ErrorCode.EXTERNAL_ID_CONFLICT, `${input.system} id is already linked to another person`, {
        system: input.system, externalId: input.externalId, requestedPersonId: personId, linkedPersonId: existing.personId,
      });
    }
    await store.createExternalId(tx, { system: input.system, value: input.externalId, personId, linkedBy: ctx.actor.id });
    await appendAudit(tx, meta, [{ type: 'ExternalIdLinked', entityType: 'Person', entityId: personId, attribute: 'externalIds', newValue: { system: input.system, externalId: input.externalId } }]);
    await enqueueEvents(tx, meta, [{ type: 'ExternalIdLinked', aggregateType: 'Person', aggregateId: personId, payload: { personId, system: input.system, externalId: input.externalId } }]);
    return { personId, system: input.system, externalId: input.externalId, linked: true };
  });
}

export async function unlinkExternalId(ctx: RequestContext, raw: unknown) {
  const input = validate(LinkSchema, raw);
  assertCanLinkFor(ctx, input.system);
  return runMutation(ctx, { operation: 'unlinkExternalId', idempotencyKey: input.idempotencyKey ?? ctx.idempotencyKey, request: input }, async (tx) => {
    const meta = changeMeta(ctx, input.system);
    const personId = await resolveSurvivor(tx, input.personId);
    const existing = await findExternalId(tx, input.system, input.externalId);
    if (!existing) throw new DomainError(ErrorCode.NOT_FOUND, `${input.system} id is not linked to anyone`, { system: input.system, externalId: input.externalId });
    if (existing.personId !== personId) {
      throw new DomainError(ErrorCode.EXTERNAL_ID_CONFLICT, `${input.system} id is linked to another person`, {
        system: input.system, externalId: input.externalId, requestedPersonId: personId, linkedPersonId: existing.personId,
      });
    }
    const source = await store.findSourceRecordOwner(tx, input.system, input.externalId);
    if (source && source.personId === personId) {
      throw new DomainError(ErrorCode.INVALID_STATE, 'This id is the key of a source record of the person; unmerge the source record instead', { system: input.system, externalId: input.externalId });
    }
    await store.deleteExternalId(tx, existing.id);
    await appendAudit(tx, meta, [{ type: 'ExternalIdUnlinked', entityType: 'Person', entityId: personId, attribute: 'externalIds', oldValue: { system: input.system, externalId: input.externalId } }]);
    await enqueueEvents(tx, meta, [{ type: 'ExternalIdUnlinked', aggregateType: 'Person', aggregateId: personId, payload: { personId, system: input.system, externalId: input.externalId } }]);
    return { personId, system: input.system, externalId: input.externalId, linked: false };
  });
}
