// Erasure of a person (right to erasure; retention): removes the personal data of the golden record, its
// source records, provenance, legal identifiers, crosswalk, review explanations, consents' capture
// details and event payloads; destroys the person's data key so sealed audit values become unreadable
// (the hash chain still verifies); keeps a non-personal tombstone of keyed hashes so the same identity
// is flagged, not silently re-created; and records the erasure itself (audit + PersonErased event).
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../../core/errors/domain-error';
import type { Config } from '../../../platform/config';
import type { Tx } from '../../../platform/database';
import { appendAudit, enqueueEvents, type ChangeMeta } from '../../shared/change-log';
import type { RequestContext } from '../../shared/context';
import { runMutation } from '../../shared/mutation';
import { changeMeta } from '../../shared/owned-record';
import { destroyPersonKeys } from '../../shared/person-keys';
import { uuid, validate } from '../../shared/validation';
import { PERSON_GOLDEN_ATTRIBUTES } from '../store/golden-record';
import * as store from '../store/erasure';
import { findPersonState } from '../store/people';
import * as idRepo from '../store/identity';

const EraseSchema = z.object({
  personId: uuid,
  reason: z.string().trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters'),
});

/** Keyed hash of a (system, sourceId) pair as kept in a tombstone. */
export function sourceKeyHash(hmacKey: string, system: string, sourceId: string): string {
  return `sr:${createHmac('sha256', hmacKey).update(`${system}\u0000${sourceId}`).digest('hex')}`;
}

/** A legal identifier's blind index as kept in a tombstone. */
export function identifierKeyHash(blindIndex: string): string {
  return `id:${blindIndex}`;
}

export interface ErasureResult {
  personId: string;
  erasedAt: Date;
  sourceRecords: number;
  alreadyErased: boolean;
  /** Consents that were granted and are now withdrawn (nobody may act on an erased person's consent). */
  withdrawnConsents: string[];
  /**
   * Other people a pending review suggested were the same human: they may hold the same personal data,
   * so the privacy officer decides whether the request covers them too. Their reviews are closed.
   */
  pendingDuplicates: string[];
}

export async function erasePerson(ctx: RequestContext, raw: unknown): Promise<ErasureResult> {
  const input = validate(EraseSchema, raw);
  return runMutation(ctx, { operation: 'erasePerson', idempotencyKey: ctx.idempotencyKey, request: input }, (tx) =>
    erasePersonInTx(tx, ctx.config, changeMeta(ctx, null), input.personId, { reason: input.reason, reasonCode: 'ERASURE_REQUEST' }),
  );
}

export async function erasePersonInTx(
  tx: Tx,
  config: Pick<Config, 'legalIdHmacKey'>,
  meta: ChangeMeta,
  requestedId: string,
  why: { reason: string; reasonCode: string },
): Promise<ErasureResult> {
  const personId = await idRepo.resolveSurvivor(tx, requestedId);
  const person = await findPersonState(tx, personId);
  if (!person) throw new DomainError(ErrorCode.NOT_FOUND, 'No person with this id', { field: 'personId' });
  if (person.erasedAt) return { personId, erasedAt: person.erasedAt, sourceRecords: 0, alreadyErased: true, withdrawnConsents: [], pendingDuplicates: [] };

  const people = await store.clusterOf(tx, personId);
  const records = await store.sourceRecordsOf(tx, people);
  const recordIds = records.map((r) => r.id);
  const identifiers = await store.legalIdentifierIndexesOf(tx, people, recordIds);
  const keyHashes = [...new Set([
    ...records.map((r) => sourceKeyHash(config.legalIdHmacKey, r.system, r.sourceId)),
    ...identifiers.map((i) => identifierKeyHash(i.blindIndex)),
    ...records.map((r) => (r.attributes as { nationalIdHash?: string | null }).nationalIdHash).filter((h): h is string => !!h).map(identifierKeyHash),
  ])].sort();

  // The erasure is recorded first, while nothing of it is personal: who, when, which policy or request.
  await appendAudit(tx, { ...meta, reasonCode: why.reasonCode }, [{
    type: 'PersonErased', entityType: 'Person', entityId: personId, attribute: 'deletionPolicy', oldValue: null, newValue: 'ERASED',
  }]);
  await store.eraseRecordsAndCrosswalk(tx, people, recordIds, meta.now);
  // Nothing may be sent to, or done for, an erased person on the strength of a consent.
  const granted = await store.withdrawConsents(tx, people);
  await appendAudit(tx, { ...meta, reasonCode: why.reasonCode }, granted.map((c) => ({
    type: 'ConsentUpdated', entityType: 'Person', entityId: c.personId, attribute: `consent.${c.purpose}`, oldValue: { status: 'GRANTED' }, newValue: { status: 'WITHDRAWN' },
  })));
  // The other side of every pending review: a probable duplicate of the erased person, for the privacy officer to look at.
  const pendingDuplicates = await store.closeReviews(tx, people, recordIds, { at: meta.now, by: meta.actorId });
  await store.scrubEventsAndReplays(tx, people);
  await store.clearPeople(tx, people, personId, meta.now);
  await destroyPersonKeys(tx, people);
  await store.createTombstone(tx, { personId, keyHashes, reason: why.reason, erasedBy: meta.actorId, erasedAt: meta.now });
  await enqueueEvents(tx, { ...meta, reasonCode: why.reasonCode }, [{
    type: 'PersonErased', aggregateType: 'Person', aggregateId: personId, payload: { id: personId, erasedAttributes: [...PERSON_GOLDEN_ATTRIBUTES] },
  }]);
  return { personId, erasedAt: meta.now, sourceRecords: records.length, alreadyErased: false, withdrawnConsents: [...new Set(granted.map((c) => c.purpose))].sort(), pendingDuplicates };
}
