// Webhook subscriptions and their deliveries: create, change, remove, list, the delivery log, and
// replay (dead letters back into the queue, or every event from a sequence number on, again). Every
// change runs in the caller's transaction with its audit entry (entity WebhookSubscription; the signing
// secret is never in it).
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../core/errors/domain-error';
import { isEventType } from '../../core/events';
import type { Database, Tx } from '../../platform/database';
import { appendAudit, type ChangeMeta } from '../../subgraphs/shared/change-log';
import { newId } from '../../platform/ids';
import { uuid, validate } from '../../subgraphs/shared/validation';
import type { EncryptionKeyRing } from '../../platform/config';
import { sealWebhookSecret } from './secret-at-rest';
import { newWebhookSecret } from './sign-webhook';

type Prisma = Database['prisma'] | Tx;

const audited = (tx: Tx, meta: ChangeMeta, type: string, id: string, oldValue: unknown, newValue: unknown) =>
  appendAudit(tx, meta, [{ type, entityType: 'WebhookSubscription', entityId: id, oldValue: oldValue ?? null, newValue: newValue ?? null }]);
/** What the audit log says of a subscription: where it delivers what, and whether it is active. */
const described = (s: { consumer: string; url: string; eventTypes: string[]; active: boolean }) => ({ consumer: s.consumer, url: s.url, eventTypes: s.eventTypes, active: s.active });

const eventTypes = z
  .array(z.string().refine(isEventType, 'must be an event type of docs/events.md'))
  .max(50)
  .transform((types) => [...new Set(types)].sort());

const url = z
  .string()
  .max(2000)
  .url('must be an absolute URL')
  .refine((u) => /^https?:$/.test(new URL(u).protocol), 'must be an http or https URL')
  .refine((u) => !new URL(u).username && !new URL(u).password, 'must not carry credentials');

const CreateInput = z.object({
  consumer: z.string().trim().min(1).max(100),
  url,
  eventTypes: eventTypes.default([]),
});

const UpdateInput = z.object({
  id: uuid,
  url: url.nullish(),
  eventTypes: eventTypes.nullish(),
  active: z.boolean().nullish(),
});

const ReplayInput = z
  .object({
    subscriptionId: uuid,
    /** Dead-lettered deliveries back into the queue. */
    deadLetters: z.boolean().nullish(),
    /** Every matching outbox event with a sequence number at or after this one, delivered again. */
    fromSequence: z.string().regex(/^\d{1,19}$/, 'must be an event sequence number').nullish(),
  })
  .refine((i) => i.deadLetters || i.fromSequence, { message: 'say what to replay: deadLetters or fromSequence', path: ['deadLetters'] });

export type WebhookSubscriptionRow = Awaited<ReturnType<Prisma['webhookSubscription']['findUniqueOrThrow']>>;

export async function createWebhookSubscription(tx: Tx, meta: ChangeMeta, ring: EncryptionKeyRing, raw: unknown): Promise<{ subscription: WebhookSubscriptionRow; secret: string }> {
  const input = validate(CreateInput, raw);
  const id = newId();
  const secret = newWebhookSecret();
  const subscription = await tx.webhookSubscription.create({
    data: { id, consumer: input.consumer, url: input.url, eventTypes: input.eventTypes, secret: sealWebhookSecret(ring, id, secret), createdBy: meta.actorId },
  });
  await audited(tx, meta, 'WebhookSubscriptionCreated', id, null, described(subscription));
  return { subscription, secret };
}

export async function updateWebhookSubscription(tx: Tx, meta: ChangeMeta, raw: unknown): Promise<WebhookSubscriptionRow> {
  const input = validate(UpdateInput, raw);
  const before = await findSubscription(tx, input.id);
  const after = await tx.webhookSubscription.update({
    where: { id: input.id },
    data: {
      ...(input.url != null ? { url: input.url } : {}),
      ...(input.eventTypes != null ? { eventTypes: input.eventTypes } : {}),
      ...(input.active != null ? { active: input.active } : {}),
    },
  });
  await audited(tx, meta, 'WebhookSubscriptionUpdated', after.id, described(before), described(after));
  return after;
}

/** A new secret; the old one stops signing at once (receivers must switch over). */
export async function rotateWebhookSecret(tx: Tx, meta: ChangeMeta, ring: EncryptionKeyRing, id: string): Promise<{ subscription: WebhookSubscriptionRow; secret: string }> {
  await findSubscription(tx, id);
  const secret = newWebhookSecret();
  const subscription = await tx.webhookSubscription.update({ where: { id }, data: { secret: sealWebhookSecret(ring, id, secret) } });
  await audited(tx, meta, 'WebhookSecretRotated', id, null, null);
  return { subscription, secret };
}

export async function deleteWebhookSubscription(tx: Tx, meta: ChangeMeta, id: string): Promise<boolean> {
  const existing = await tx.webhookSubscription.findUnique({ where: { id: validate(uuid, id) } });
  if (!existing) return false;
  await tx.webhookSubscription.delete({ where: { id: existing.id } });
  await audited(tx, meta, 'WebhookSubscriptionDeleted', existing.id, described(existing), null);
  return true;
}

export function listWebhookSubscriptions(db: Prisma) {
  return db.webhookSubscription.findMany({ orderBy: { createdAt: 'asc' } });
}

export async function listWebhookDeliveries(db: Prisma, q: { subscriptionId: string; status?: 'PENDING' | 'DELIVERED' | 'DEAD' | null; first: number; afterId?: string | null }) {
  return db.webhookDelivery.findMany({
    where: {
      subscriptionId: validate(uuid, q.subscriptionId),
      ...(q.status ? { status: q.status } : {}),
      ...(q.afterId ? { id: { gt: BigInt(q.afterId) } } : {}),
    },
    orderBy: { id: 'asc' },
    take: q.first,
    include: { log: { orderBy: { attempt: 'asc' } } },
  });
}

/** Requeues dead letters and/or re-creates deliveries from a sequence number on; returns how many. */
export async function replayWebhookDeliveries(tx: Tx, meta: ChangeMeta, raw: unknown): Promise<number> {
  const input = validate(ReplayInput, raw);
  const sub = await findSubscription(tx, input.subscriptionId);
  let requeued = 0;
  if (input.deadLetters) {
    const r = await tx.webhookDelivery.updateMany({
      where: { subscriptionId: sub.id, status: 'DEAD' },
      data: { status: 'PENDING', attempts: 0, nextAttemptAt: null },
    });
    requeued += r.count;
  }
  if (input.fromSequence) {
    const rows = await tx.$queryRawUnsafe<Array<{ n: number }>>(
      `WITH r AS (
         INSERT INTO "WebhookDelivery" ("subscriptionId", "eventSeq", "eventId", "eventType", "aggregateId")
         SELECT $1::uuid, e."seq", e."eventId", e."type", e."aggregateId" FROM "OutboxEvent" e
          WHERE e."seq" >= $2::bigint AND (cardinality($3::text[]) = 0 OR e."type" = ANY ($3::text[]))
         ON CONFLICT ("subscriptionId", "eventSeq") DO UPDATE
           SET "status" = 'PENDING', "attempts" = 0, "nextAttemptAt" = NULL, "deliveredAt" = NULL
         RETURNING 1)
       SELECT count(*)::int AS n FROM r`,
      sub.id, input.fromSequence, sub.eventTypes,
    );
    requeued += rows[0]?.n ?? 0;
  }
  await audited(tx, meta, 'WebhookDeliveriesReplayed', sub.id, null, { deadLetters: input.deadLetters ?? false, fromSequence: input.fromSequence ?? null, requeued });
  return requeued;
}

async function findSubscription(db: Prisma, id: string) {
  const sub = await db.webhookSubscription.findUnique({ where: { id: validate(uuid, id) } });
  if (!sub) throw new DomainError(ErrorCode.NOT_FOUND, 'No webhook subscription with this id', { id });
  return sub;
}
