// Consent per person and purpose: recorded by a privacy officer or the CRM, audited with provenance like
// any attribute (entity Person, attribute consent.<PURPOSE>), announced on the outbox. A consent captured
// earlier than the stored one does not replace it (out-of-order delivery).
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../../core/errors/domain-error';
import { CONSENT_PURPOSES, consentAttribute, LEGAL_BASES } from '../../../core/privacy/purposes';
import { appendAudit, enqueueEvents } from '../../shared/change-log';
import type { RequestContext } from '../../shared/context';
import { defineByForeignKeyLoader } from '../../shared/loaders';
import { runMutation } from '../../shared/mutation';
import { changeMeta } from '../../shared/owned-record';
import { writeProvenance } from '../../shared/provenance-store';
import { uuid, validate } from '../../shared/validation';
import * as store from '../store/consents';
import { findPersonState } from '../store/people';
import * as idRepo from '../store/identity';

const UpdateConsentSchema = z.object({
  personId: uuid,
  purpose: z.enum(CONSENT_PURPOSES, { message: `must be one of ${CONSENT_PURPOSES.join(', ')}` }),
  status: z.enum(['GRANTED', 'WITHDRAWN', 'DENIED']),
  legalBasis: z.enum(LEGAL_BASES, { message: `must be one of ${LEGAL_BASES.join(', ')}` }),
  source: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  capturedAt: z.date().nullish(),
  idempotencyKey: z.string().min(1).max(255).nullish(),
});

type ConsentRow = Awaited<ReturnType<RequestContext['db']['prisma']['consent']['findFirstOrThrow']>>;

export const consentsByPerson = defineByForeignKeyLoader<ConsentRow, 'personId'>('person.consents', 'personId', store.consentsOf);

function auditedValue(c: Pick<ConsentRow, 'status' | 'legalBasis' | 'capturedAt' | 'source'> | null) {
  return c ? { status: c.status, legalBasis: c.legalBasis, capturedAt: c.capturedAt.toISOString(), source: c.source } : null;
}

export async function updateConsent(ctx: RequestContext, raw: unknown) {
  const input = validate(UpdateConsentSchema, raw);
  const now = new Date();
  const capturedAt = input.capturedAt ?? now;
  if (capturedAt.getTime() > now.getTime() + 5 * 60_000) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'capturedAt must not be in the future', { problems: [{ field: 'capturedAt', message: 'must not be in the future' }] });
  }
  return runMutation(ctx, { operation: 'updateConsent', idempotencyKey: input.idempotencyKey ?? ctx.idempotencyKey, request: input }, async (tx) => {
    const personId = await idRepo.resolveSurvivor(tx, input.personId);
    const person = await findPersonState(tx, personId);
    if (!person) throw new DomainError(ErrorCode.NOT_FOUND, 'No person with this id', { field: 'personId' });
    if (person.erasedAt) throw new DomainError(ErrorCode.INVALID_STATE, 'The person was erased', { field: 'personId' });
    const existing = await store.findConsent(tx, personId, input.purpose);
    const next = { status: input.status, legalBasis: input.legalBasis, capturedAt, source: input.source };
    const stale = existing && existing.capturedAt.getTime() > capturedAt.getTime();
    const same = existing && JSON.stringify(auditedValue(existing)) === JSON.stringify(auditedValue(next));
    if (stale || same) return { personId, purpose: input.purpose, changed: false, consent: existing! };

    const consent = await store.upsertConsent(tx, personId, input.purpose, next);
    const meta = changeMeta(ctx, (ctx.actor.system ?? null) as Parameters<typeof changeMeta>[1], now);
    const attribute = consentAttribute(input.purpose);
    const [eventId] = await appendAudit(tx, meta, [{
      type: 'ConsentUpdated', entityType: 'Person', entityId: personId, attribute, oldValue: auditedValue(existing), newValue: auditedValue(consent),
    }]);
    await writeProvenance(tx, 'Person', [{ entityId: personId, set: { [attribute]: {
      value: consent.status, system: ctx.actor.system ?? null, sourceRecordId: null, sourceId: consent.source, sourceTimestamp: capturedAt.toISOString(),
      rule: 'LATEST_CAPTURE', eventId: eventId!, decidedAt: now.toISOString(), candidates: [],
    } } }]);
    await store.touchPerson(tx, personId, now);
    await enqueueEvents(tx, meta, [{ type: 'ConsentUpdated', aggregateType: 'Person', aggregateId: personId, payload: { id: personId, purpose: input.purpose, status: consent.status } }]);
    return { personId, purpose: input.purpose, changed: true, consent };
  });
}
