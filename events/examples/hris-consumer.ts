// Example consumer: the HRIS side of the candidate-to-employee flow. On a CandidateToEmployee intent it
// creates the employment through the normal service (system HRIS, status PENDING, hire date = the offer's
// start date, organization and job from the offer's job) and links the person's HRIS employee id — in
// the consumer's transaction together with its inbox row, with the person id as correlation id and the
// intent's event id as causation. Idempotent per person: a person the HRIS already employs keeps their
// employment and HRIS employee id, and a redelivery (already deduplicated by the inbox) changes nothing.
import { createHash } from 'node:crypto';
import type { NatsConnection } from 'nats';
import { EVENT_CONTRACTS, type CloudEvent } from '../../core/events';
import type { Tx } from '../../platform/database';
import type { Logger } from '../../platform/logger';
import type { ServiceDeps } from '../../subgraphs/shared/context';
import { EmploymentStatus, SourceSystem } from '../../subgraphs/shared/enums';
import { upsertEmployment } from '../../subgraphs/employment/service';
import { linkExternalId } from '../../subgraphs/person/use-cases/external-ids';
import { resolveSurvivor } from '../../subgraphs/person/store/identity';
import { consumerContext } from '../consumer-context';
import { startConsumer, type RunningConsumer } from '../consumer';

export const HRIS_CONSUMER_NAME = 'example-hris';
export const HRIS_CONSUMER_ACTOR = 'example-hris-consumer';

/** The HRIS's record key of the employment an accepted offer starts: one per offer. */
export function employmentExternalIdForOffer(offerId: string): string {
  return `OFFER-${offerId}`;
}

/** The HRIS employee id of a person: stable per person, short enough to read out on the phone. */
export function hrisEmployeeIdForPerson(personId: string): string {
  return `HR-${createHash('sha256').update(personId).digest('hex').slice(0, 10).toUpperCase()}`;
}

export interface HrisEffect {
  personId: string;
  employmentId: string;
  employmentCreated: boolean;
  hrisEmployeeId: string;
  linked: boolean;
}

/** The effect of one CandidateToEmployee event, inside the consumer's transaction. */
export async function handleCandidateToEmployee(deps: ServiceDeps, event: CloudEvent, tx: Tx): Promise<HrisEffect | null> {
  const intent = EVENT_CONTRACTS.CandidateToEmployee[1].parse(event.data);
  // The person may have been merged since the intent: the employment belongs to the survivor.
  const personId = await resolveSurvivor(tx, intent.personId);
  const ctx = consumerContext(deps, tx, { actorId: HRIS_CONSUMER_ACTOR, correlationId: personId, causationId: event.id });
  const offer = await tx.offer.findUnique({ where: { id: intent.offerId }, include: { job: true } });
  // Thrown: retried, then dead-lettered with this message (an intent about an offer this database lacks).
  if (!offer) throw new Error(`offer ${intent.offerId} of CandidateToEmployee ${event.id} does not exist`);
  if (offer.status !== 'ACCEPTED') {
    deps.logger.info({ eventId: event.id, offerId: offer.id, status: offer.status }, 'hris consumer: offer is no longer accepted; no employment created');
    return null;
  }
  const externalId = employmentExternalIdForOffer(offer.id);
  // An employment the HRIS already holds for this offer is left as it is: it may have moved on (ACTIVE).
  // So is a current employment of the person from anywhere else in the HRIS: a person already employed
  // (or already starting) who accepts another offer is one employee, not two.
  const existing = (await tx.employment.findUnique({ where: { system_externalId: { system: SourceSystem.HRIS, externalId } } }))
    ?? (await tx.employment.findFirst({
      where: { personId, system: SourceSystem.HRIS, status: { not: EmploymentStatus.TERMINATED } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }));
  const employment = existing
    ? { employment: existing, created: false }
    : await upsertEmployment(ctx, {
        system: SourceSystem.HRIS,
        externalId,
        personId,
        organizationId: offer.job.organizationId,
        jobId: offer.job.id,
        title: offer.job.title,
        department: offer.job.department,
        status: EmploymentStatus.PENDING,
        hireDate: offer.startDate,
        statusReason: 'Offer accepted',
      });
  // A person keeps the HRIS employee id they have (an earlier employment, a rehire); only a person the
  // HRIS has never known gets a new one.
  const known = await tx.externalId.findFirst({ where: { personId, system: SourceSystem.HRIS }, orderBy: [{ linkedAt: 'asc' }, { id: 'asc' }] });
  if (known) return { personId, employmentId: employment.employment.id, employmentCreated: employment.created, hrisEmployeeId: known.value, linked: false };
  const hrisEmployeeId = hrisEmployeeIdForPerson(personId);
  const link = await linkExternalId(ctx, { personId, system: SourceSystem.HRIS, externalId: hrisEmployeeId });
  return { personId, employmentId: employment.employment.id, employmentCreated: employment.created, hrisEmployeeId, linked: link.linked };
}

export interface HrisConsumerOptions {
  nc: NatsConnection;
  deps: ServiceDeps;
  logger: Logger;
  /** Durable consumer name (default example-hris). */
  name?: string;
  /** For a consumer created now: start at this stream sequence instead of the beginning. */
  startSequence?: number;
  maxDeliver?: number;
}

export function startHrisConsumer(options: HrisConsumerOptions): Promise<RunningConsumer> {
  return startConsumer({
    nc: options.nc,
    db: options.deps.db,
    logger: options.logger,
    name: options.name ?? HRIS_CONSUMER_NAME,
    types: ['CandidateToEmployee'],
    startSequence: options.startSequence,
    maxDeliver: options.maxDeliver ?? options.deps.config.events.consumerMaxDeliver,
    handle: async (event, tx) => {
      const effect = await handleCandidateToEmployee(options.deps, event, tx);
      if (effect) options.logger.info({ eventId: event.id, correlationId: effect.personId, ...effect }, 'hris consumer: employment and HRIS id in place');
    },
  });
}
