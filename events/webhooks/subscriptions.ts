// Webhook subscriptions and their deliveries: create, change, remove, list, the delivery log, and
// replay (dead letters back into the queue, or every event from a sequence number on, again).
import { z } from 'zod';
import { DomainError, ErrorCode } from '../../core/errors/domain-error';
import { isEventType } from '../../core/events';
import type { Database } from '../../platform/database';
import { newId } from '../../platform/ids';
import { uuid, validate } from '../../subgraphs/shared/validation';
import type { EncryptionKeyRing } from '../../platform/config';
import { sealWebhookSecret } from './secret-at-rest';
import { newWebhookSecret } from './sign-webhook';

type Prisma = Database['prisma'];

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

export async function createWebhookSubscription(db: Prisma, ring: EncryptionKeyRing, actorId: string, raw: unknown): Promise<{ subscription: WebhookSubscriptionRow; secret: string }> {
  const input = validate(CreateInput, raw);
  const id = newId();
  const secret = newWebhookSecret();
  const subscription = await db.webhookSubscription.create({
    data: { id, consumer: input.consumer, url: input.url, eventTypes: input.eventTypes, secret: sealWebhookSecret(ring, id, secret), createdBy: actorId },
  });
  return { subscription, secret };
}

export async function updateWebhookSubscription(db: Prisma, raw: unknown): Promise<WebhookSubscriptionRow> {
  const input = validate(UpdateInput, raw);
  await findSubscription(db, input.id);
  return db.webhookSubscription.update({
    where: { id: input.id },
    data: {
      ...(input.url != null ? { url: input.url } : {}),
      ...(input.eventTypes != null ? { eventTypes: input.eventTypes } : {}),
      ...(input.active != null ? { active: input.active } : {}),
    },
  });
}

/** A new secret; the old one stops signing at once (receivers must switch over). */
export async function rotateWebhookSecret(db: Prisma, ring: EncryptionKeyRing, id: string): Promise<{ subscription: WebhookSubscriptionRow; secret: string }> {
  await findSubscription(db, id);
  const secret = newWebhookSecret();
  return { subscription: await db.webhookSubscription.update({ where: { id }, data: { secret: sealWebhookSecret(ring, id, secret) } }), secret };
}

export async function deleteWebhookSubscription(db: Prisma, id: string): Promise<boolean> {
  const r = await db.webhookSubscription.deleteMany({ where: { id: validate(uuid, id) } });
  return r.count > 0;
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
export async function replayWebhookDeliveries(db: Database, raw: unknown): Promise<number> {
  const input = validate(ReplayInput, raw);
  const sub = await findSubscription(db.prisma, input.subscriptionId);
  let requeued = 0;
  if (input.deadLetters) {
    const r = await db.prisma.webhookDelivery.updateMany({
      where: { subscriptionId: sub.id, status: 'DEAD' },
      data: { status: 'PENDING', attempts: 0, nextAttemptAt: null },
    });
    requeued += r.count;
  }
  if (input.fromSequence) {
    const rows = await db.raw.query<{ n: number }>(
      `WITH r AS (
         INSERT INTO "WebhookDelivery" ("subscriptionId", "eventSeq", "eventId", "eventType", "aggregateId")
         SELECT $1::uuid, e."seq", e."eventId", e."type", e."aggregateId" FROM "OutboxEvent" e
          WHERE e."seq" >= $2::bigint AND (cardinality($3::text[]) = 0 OR e."type" = ANY ($3::text[]))
         ON CONFLICT ("subscriptionId", "eventSeq") DO UPDATE
           SET "status" = 'PENDING', "attempts" = 0, "nextAttemptAt" = NULL, "deliveredAt" = NULL
         RETURNING 1)
       SELECT count(*)::int AS n FROM r`,
      [sub.id, input.fromSequence, sub.eventTypes],
    );
    requeued += rows[0]?.n ?? 0;
  }
  return requeued;
}

async function findSubscription(db: Prisma, id: string) {
  const sub = await db.webhookSubscription.findUnique({ where: { id: validate(uuid, id) } });
  if (!sub) throw new DomainError(ErrorCode.NOT_FOUND, 'No webhook subscription with this id', { id });
  return sub;
}
