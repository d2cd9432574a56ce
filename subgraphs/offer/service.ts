// Offers: lookups and the ATS-owned upsert, which keeps the person's candidate status and announces
// an accepted offer (OfferAccepted, and the CandidateToEmployee intent for the HRIS).
import { z } from 'zod';
import { deriveCandidateStatus } from '../../core/lifecycle/derive-role-status';
import { DomainError, ErrorCode } from '../../core/errors/domain-error';
import type { Tx } from '../../platform/database';
import type { RequestContext } from '../shared/context';
import { OfferStatus, SourceSystem } from '../shared/enums';
import { upsertOwnedRecord } from '../shared/owned-record';
import { paginate, toPageRequest } from '../shared/pagination';
import { inPersonFlow } from '../shared/person-flow';
import { setPersonRoleStatus } from '../shared/person-status';
import { currencyCode, externalIdSchema, uuid, validate } from '../shared/validation';
import { offerById } from './loaders';
import { filterVisible, ownedByVisiblePersonWhere, visibleOrNull } from '../shared/person-visibility';
import * as repo from './repository';
import type { UpsertOfferInput } from './types';

export const OFFER_OWNERS = [SourceSystem.ATS] as const;
export const OFFER_ATTRIBUTES = ['personId', 'jobId', 'status', 'salary', 'currency', 'startDate', 'extendedAt', 'decidedAt'] as const;

const UpsertSchema = z
  .object({
    system: z.nativeEnum(SourceSystem),
    externalId: externalIdSchema,
    personId: uuid,
    jobId: uuid,
    status: z.nativeEnum(OfferStatus).nullish(),
    salary: z.string().nullish(),
    currency: currencyCode,
    startDate: z.date().nullish(),
    extendedAt: z.date().nullish(),
    decidedAt: z.date().nullish(),
    sourceTimestamp: z.date().nullish(),
    idempotencyKey: z.string().min(1).max(255).nullish(),
  })
  .refine((o) => !o.salary || o.currency, { message: 'is required when a salary is given', path: ['currency'] });

// An offer to a person the caller may not see (purpose, region) is hidden like the person.
export async function getOffer(ctx: RequestContext, id: string) {
  return visibleOrNull(ctx, await offerById(ctx).load(id), (o) => o.personId);
}

export async function getOfferByExternalId(ctx: RequestContext, system: SourceSystem, externalId: string) {
  return visibleOrNull(ctx, await repo.findOfferByExternalId(ctx.db.prisma, system, externalId), (o) => o.personId);
}

/** Offers loaded by a relation, without those of people the caller may not see. */
export function visibleOffers<T extends { personId: string }>(ctx: RequestContext, rows: T[]) {
  return filterVisible(ctx, rows, (o) => o.personId);
}

export function listOffers(ctx: RequestContext, first: number | undefined, after: string | null | undefined, filter: repo.OfferQuery = {}) {
  const page = toPageRequest(first, after, ctx.config.maxPageSize);
  return paginate(page, ({ take, afterId }) => repo.findOffersPage(ctx.db.prisma, filter, take, afterId, ownedByVisiblePersonWhere(ctx.actor)));
}

export async function upsertOffer(ctx: RequestContext, raw: UpsertOfferInput) {
  const input = validate(UpsertSchema, raw);
  const status = input.status ?? OfferStatus.DRAFT;
  const decided = status === OfferStatus.ACCEPTED || status === OfferStatus.DECLINED;
  const fields = {
    personId: input.personId,
    jobId: input.jobId,
    status,
    salary: input.salary ?? null,
    currency: input.currency ?? null,
    startDate: input.startDate ?? null,
    extendedAt: input.extendedAt ?? (status === OfferStatus.DRAFT ? null : input.sourceTimestamp ?? null),
    decidedAt: input.decidedAt ?? (decided ? input.sourceTimestamp ?? null : null),
  };
  // An offer is a step of the person's candidate-to-employee flow: correlated by the person id.
  const result = await upsertOwnedRecord(inPersonFlow(ctx, input.personId), {
    entityType: 'Offer',
    ownerSystems: OFFER_OWNERS,
    input,
    attributes: OFFER_ATTRIBUTES,
    find: (tx) => repo.findOfferByExternalId(tx, input.system, input.externalId),
    create: async (tx, id) => {
      await assertReferences(tx, fields);
      return tx.offer.create({ data: { id, system: input.system, externalId: input.externalId, ...fields, decidedAt: fields.decidedAt ?? (decided ? new Date() : null) } });
    },
    update: async (tx, existing) => {
      if (existing.personId !== fields.personId) {
        throw new DomainError(ErrorCode.INVALID_STATE, 'An offer cannot move to another person', { field: 'personId' });
      }
      if (existing.status === OfferStatus.ACCEPTED && status !== OfferStatus.ACCEPTED && status !== OfferStatus.WITHDRAWN) {
        throw new DomainError(ErrorCode.INVALID_STATE, `An accepted offer can only be withdrawn, not moved to ${status}`, { field: 'status' });
      }
      await assertReferences(tx, fields);
      return tx.offer.update({ where: { id: existing.id }, data: { ...fields, decidedAt: fields.decidedAt ?? existing.decidedAt ?? (decided ? new Date() : null) } });
    },
    after: async (tx, before, after) => {
      const person = await tx.person.findUniqueOrThrow({ where: { id: after.personId }, select: { candidateStatus: true } });
      const next = deriveCandidateStatus(person.candidateStatus, await repo.findPersonOfferStatuses(tx, after.personId));
      const change = await setPersonRoleStatus(tx, after.personId, { field: 'candidateStatus', value: next });
      if (after.status === OfferStatus.ACCEPTED && before?.status !== OfferStatus.ACCEPTED) {
        change.events.push({
          type: 'OfferAccepted',
          aggregateType: 'Offer',
          aggregateId: after.id,
          payload: { offerId: after.id, personId: after.personId, jobId: after.jobId, startDate: after.startDate?.toISOString().slice(0, 10) ?? null },
        });
        // The intent the HRIS acts on (events/examples/hris-consumer.ts), about the person rather than the offer.
        change.events.push({
          type: 'CandidateToEmployee',
          aggregateType: 'Person',
          aggregateId: after.personId,
          payload: { personId: after.personId, offerId: after.id, jobId: after.jobId, startDate: after.startDate?.toISOString().slice(0, 10) ?? null },
        });
      }
      return change;
    },
  });
  return { offer: result.record, created: result.created, changedAttributes: result.changedAttributes };
}

async function assertReferences(tx: Tx, f: { personId: string; jobId: string }) {
  if ((await tx.person.count({ where: { id: f.personId, mergedIntoId: null } })) === 0) {
    throw new DomainError(ErrorCode.REFERENCE_NOT_FOUND, 'personId does not name an existing person', { field: 'personId' });
  }
  if ((await tx.job.count({ where: { id: f.jobId } })) === 0) {
    throw new DomainError(ErrorCode.REFERENCE_NOT_FOUND, 'jobId does not name an existing job', { field: 'jobId' });
  }
}
