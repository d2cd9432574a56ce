// Erasure of a person (right to erasure; retention): removes the personal data of the golden record, its
// source records, provenance, legal identifiers, crosswalk, review explanations, consents' capture
// details and event payloads; destroys the person's data key so sealed audit values become unreadable
// (the hash chain still verifies); keeps a non-personal tombstone of keyed hashes so the same identity
// is flagged, not silently re-created; and records the erasure itself (audit + PersonErased event).
import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { Prisma } from '../../../generated/prisma/client';
import { DomainError, ErrorCode } from '../../../core/errors/domain-error';
import type { Config } from '../../../platform/config';
import type { Tx } from '../../../platform/database';
import { newId } from '../../../platform/ids';
import { appendAudit, enqueueEvents, type ChangeMeta } from '../../shared/change-log';
import { ERASED_PROVENANCE } from '../../shared/provenance-store';
import type { RequestContext } from '../../shared/context';
import { runMutation } from '../../shared/mutation';
import { changeMeta } from '../../shared/owned-record';
import { destroyPersonKeys } from '../../shared/person-keys';
import { uuid, validate } from '../../shared/validation';
import { PERSON_GOLDEN_ATTRIBUTES } from '../store/golden-record';
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

/** The people whose records ended up in `personId` (merged into it, at any depth), and itself. */
async function clusterOf(tx: Tx, personId: string): Promise<string[]> {
  const ids = [personId];
  for (let frontier = [personId], depth = 0; frontier.length && depth < 16; depth++) {
    frontier = (await tx.person.findMany({ where: { mergedIntoId: { in: frontier } }, select: { id: true } })).map((p) => p.id);
    ids.push(...frontier);
  }
  return ids;
}

const CLEARED_COLUMNS = Object.fromEntries(PERSON_GOLDEN_ATTRIBUTES.map((a) => [a, a === 'emails' || a === 'phones' ? [] : null]));

export async function erasePersonInTx(
  tx: Tx,
  config: Pick<Config, 'legalIdHmacKey'>,
  meta: ChangeMeta,
  requestedId: string,
  why: { reason: string; reasonCode: string },
): Promise<ErasureResult> {
  const personId = await idRepo.resolveSurvivor(tx, requestedId);
  const person = await tx.person.findUnique({ where: { id: personId }, select: { id: true, erasedAt: true } });
  if (!person) throw new DomainError(ErrorCode.NOT_FOUND, 'No person with this id', { field: 'personId' });
  if (person.erasedAt) return { personId, erasedAt: person.erasedAt, sourceRecords: 0, alreadyErased: true, withdrawnConsents: [], pendingDuplicates: [] };

  const people = await clusterOf(tx, personId);
  const records = await tx.sourceRecord.findMany({ where: { personId: { in: people } }, select: { id: true, system: true, sourceId: true, attributes: true } });
  const recordIds = records.map((r) => r.id);
  const identifiers = await tx.legalIdentifier.findMany({ where: { OR: [{ personId: { in: people } }, { sourceRecordId: { in: recordIds } }] }, select: { blindIndex: true } });
  const keyHashes = [...new Set([
    ...records.map((r) => sourceKeyHash(config.legalIdHmacKey, r.system, r.sourceId)),
    ...identifiers.map((i) => identifierKeyHash(i.blindIndex)),
    ...records.map((r) => (r.attributes as { nationalIdHash?: string | null }).nationalIdHash).filter((h): h is string => !!h).map(identifierKeyHash),
  ])].sort();

  // The erasure is recorded first, while nothing of it is personal: who, when, which policy or request.
  await appendAudit(tx, { ...meta, reasonCode: why.reasonCode }, [{
    type: 'PersonErased', entityType: 'Person', entityId: personId, attribute: 'deletionPolicy', oldValue: null, newValue: 'ERASED',
  }]);

  // Source records stay as rows (links, counts, merges keep their meaning) without a personal value; the
  // system's record key is replaced so the crosswalk no longer names the person.
  for (const r of records) {
    await tx.sourceRecord.update({
      where: { id: r.id },
      data: { attributes: {}, features: {}, blockingKeys: [], payloadHash: 'erased', sourceId: `erased:${r.id}`, erasedAt: meta.now },
    });
  }
  await tx.externalId.deleteMany({ where: { personId: { in: people } } });
  await tx.legalIdentifier.deleteMany({ where: { OR: [{ personId: { in: people } }, { sourceRecordId: { in: recordIds } }] } });
  await tx.$executeRawUnsafe(`UPDATE "Provenance" SET attributes = ${ERASED_PROVENANCE('attributes')} WHERE "entityType" = 'Person' AND "entityId" = ANY(ARRAY(SELECT jsonb_array_elements_text($1::jsonb)::uuid))`, JSON.stringify(people));
  // Consent basis stays as proof of what was allowed; where and how it was captured goes, and a
  // granted consent is withdrawn: nothing may be sent to, or done for, an erased person on its strength.
  const granted = await tx.consent.findMany({ where: { personId: { in: people }, status: 'GRANTED' }, select: { personId: true, purpose: true } });
  await tx.consent.updateMany({ where: { personId: { in: people }, status: 'GRANTED' }, data: { status: 'WITHDRAWN' } });
  await tx.consent.updateMany({ where: { personId: { in: people } }, data: { source: 'erased' } });
  await appendAudit(tx, { ...meta, reasonCode: why.reasonCode }, granted.map((c) => ({
    type: 'ConsentUpdated', entityType: 'Person', entityId: c.personId, attribute: `consent.${c.purpose}`, oldValue: { status: 'GRANTED' }, newValue: { status: 'WITHDRAWN' },
  })));
  // The other side of every pending review: a probable duplicate of the erased person, for the privacy officer to look at.
  const pending = await tx.matchReview.findMany({
    where: { status: 'PENDING', OR: [{ sourceRecordId: { in: recordIds } }, { candidatePersonId: { in: people } }] },
    select: { sourceRecordId: true, candidatePersonId: true },
  });
  const pendingRecordOwners = await tx.sourceRecord.findMany({ where: { id: { in: pending.map((r) => r.sourceRecordId) } }, select: { personId: true } });
  const pendingDuplicates = [...new Set([...pending.map((r) => r.candidatePersonId), ...pendingRecordOwners.map((r) => r.personId)])]
    .filter((id) => !people.includes(id))
    .sort();
  await tx.matchReview.updateMany({ where: { OR: [{ sourceRecordId: { in: recordIds } }, { candidatePersonId: { in: people } }] }, data: { explanation: {} } });
  await tx.matchReview.updateMany({ where: { status: 'PENDING', OR: [{ sourceRecordId: { in: recordIds } }, { candidatePersonId: { in: people } }] }, data: { status: 'SUPERSEDED', resolvedAt: meta.now, resolvedBy: meta.actorId, reason: 'person erased' } });
  // Event payloads carry ids and system record keys only; the record keys go.
  await tx.$executeRaw`
    UPDATE "OutboxEvent" SET "payload" = CASE WHEN "payload" ? 'externalId' THEN ("payload" - 'sourceRecord') || '{"externalId":"erased"}'::jsonb ELSE "payload" - 'sourceRecord' END
    WHERE "aggregateId" = ANY(${people}::uuid[]) AND ("payload" ? 'sourceRecord' OR "payload" ? 'externalId')`;
  // Stored mutation responses (idempotency replays) may name the person's records: they are caches, dropped.
  await tx.$executeRaw`DELETE FROM "IdempotencyKey" WHERE "response"::text LIKE ANY(${people.map((p) => `%${p}%`)}::text[])`;
  await tx.person.updateMany({
    where: { id: { in: people } },
    data: { ...(CLEARED_COLUMNS as Prisma.PersonUpdateManyMutationInput), deletionPolicy: 'ERASED', erasedAt: meta.now },
  });
  await tx.person.update({ where: { id: personId }, data: { version: { increment: 1 } } });
  await destroyPersonKeys(tx, people);
  await tx.erasureTombstone.create({ data: { id: newId(), personId, keyHashes, reason: why.reason, erasedBy: meta.actorId, erasedAt: meta.now } });
  await enqueueEvents(tx, { ...meta, reasonCode: why.reasonCode }, [{
    type: 'PersonErased', aggregateType: 'Person', aggregateId: personId, payload: { id: personId, erasedAttributes: [...PERSON_GOLDEN_ATTRIBUTES] },
  }]);
  return { personId, erasedAt: meta.now, sourceRecords: records.length, alreadyErased: false, withdrawnConsents: [...new Set(granted.map((c) => c.purpose))].sort(), pendingDuplicates };
}

/** Tombstones any of whose keyed hashes an incoming record carries (a re-appearance of an erased identity). */
export async function findTombstoneHit(tx: Tx, keyHashes: string[]): Promise<{ personId: string; erasedAt: Date } | null> {
  if (keyHashes.length === 0) return null;
  return tx.erasureTombstone.findFirst({ where: { keyHashes: { hasSome: keyHashes } }, select: { personId: true, erasedAt: true } });
}
