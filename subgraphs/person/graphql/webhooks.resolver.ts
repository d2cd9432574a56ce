// Webhook subscriptions (webhooks:manage): who receives which events where, the delivery log, replay.
import { Arg, Args, ArgsType, Ctx, Field, ID, InputType, Int, Mutation, ObjectType, Query, registerEnumType, Resolver } from 'type-graphql';
import type { RequestContext } from '../../shared/context';
import {
  createWebhookSubscription, deleteWebhookSubscription, listWebhookDeliveries, listWebhookSubscriptions, replayWebhookDeliveries,
  rotateWebhookSecret, updateWebhookSubscription,
} from '../../../events/webhooks/subscriptions';
import { changeMeta } from '../../shared/owned-record';
import { inTransaction } from '../../shared/transaction';

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  DEAD = 'DEAD',
}
registerEnumType(WebhookDeliveryStatus, { name: 'WebhookDeliveryStatus', description: 'DEAD: dead-lettered after the last attempt; replayable.' });

@ObjectType({ description: 'Where a consumer receives events, signed per Standard Webhooks.' })
export class WebhookSubscription {
  @Field(() => ID) id!: string;
  @Field() consumer!: string;
  @Field() url!: string;
  @Field(() => [String], { description: 'Event types delivered; empty: every type.' }) eventTypes!: string[];
  @Field() active!: boolean;
  @Field() createdBy!: string;
  @Field(() => Date) createdAt!: Date;
  @Field(() => Date) updatedAt!: Date;
}

@ObjectType({ description: 'One attempt to deliver an event: the HTTP status the receiver answered, or the transport error.' })
export class WebhookDeliveryAttempt {
  @Field(() => Int) attempt!: number;
  @Field(() => Int, { nullable: true }) statusCode!: number | null;
  @Field(() => String, { nullable: true }) error!: string | null;
  @Field(() => Int) durationMs!: number;
  @Field(() => Date) at!: Date;
}

@ObjectType({ description: 'One event for one subscription.' })
export class WebhookDelivery {
  @Field(() => ID) id!: string;
  @Field(() => ID) eventId!: string;
  @Field() eventType!: string;
  @Field({ description: 'The outbox sequence number of the event (CloudEvents `sequence`).' }) eventSequence!: string;
  @Field(() => WebhookDeliveryStatus) status!: WebhookDeliveryStatus;
  @Field(() => Int) attempts!: number;
  @Field(() => Date, { nullable: true }) nextAttemptAt!: Date | null;
  @Field(() => Date, { nullable: true }) deliveredAt!: Date | null;
  @Field(() => Int, { nullable: true }) lastStatusCode!: number | null;
  @Field(() => String, { nullable: true }) lastError!: string | null;
  @Field(() => [WebhookDeliveryAttempt]) log!: WebhookDeliveryAttempt[];
}

@ObjectType()
export class WebhookSubscriptionSecretPayload {
  @Field(() => WebhookSubscription) subscription!: WebhookSubscription;
  @Field({ description: 'The signing secret (`whsec_…`), shown only in this answer: keep it with the receiver.' }) secret!: string;
}

@InputType()
export class CreateWebhookSubscriptionInput {
  @Field({ description: 'Who receives (a name for the delivery log).' }) consumer!: string;
  @Field() url!: string;
  @Field(() => [String], { nullable: true, description: 'Event types to deliver; none or empty: every type.' }) eventTypes?: string[] | null;
}

@InputType()
export class UpdateWebhookSubscriptionInput {
  @Field(() => ID) id!: string;
  @Field(() => String, { nullable: true }) url?: string | null;
  @Field(() => [String], { nullable: true }) eventTypes?: string[] | null;
  @Field(() => Boolean, { nullable: true, description: 'false pauses deliveries; they resume, in order, when set back to true.' }) active?: boolean | null;
}

@InputType()
export class ReplayWebhookDeliveriesInput {
  @Field(() => ID) subscriptionId!: string;
  @Field(() => Boolean, { nullable: true, description: 'Put the dead-lettered deliveries back into the queue.' }) deadLetters?: boolean | null;
  @Field(() => String, { nullable: true, description: 'Deliver again every matching event from this outbox sequence number on.' }) fromSequence?: string | null;
}

@ObjectType()
export class ReplayWebhookDeliveriesPayload {
  @Field(() => Int) requeued!: number;
}

@ArgsType()
export class WebhookDeliveriesArgs {
  @Field(() => ID) subscriptionId!: string;
  @Field(() => WebhookDeliveryStatus, { nullable: true }) status?: WebhookDeliveryStatus | null;
  @Field(() => Int, { nullable: true, defaultValue: 50 }) first?: number;
  @Field(() => ID, { nullable: true, description: 'The id of the last delivery of the previous page.' }) after?: string | null;
}

function toDelivery(d: Awaited<ReturnType<typeof listWebhookDeliveries>>[number]): WebhookDelivery {
  return {
    id: String(d.id), eventId: d.eventId, eventType: d.eventType, eventSequence: String(d.eventSeq), status: d.status as WebhookDeliveryStatus,
    attempts: d.attempts, nextAttemptAt: d.nextAttemptAt, deliveredAt: d.deliveredAt, lastStatusCode: d.lastStatusCode, lastError: d.lastError,
    log: d.log.map((a) => ({ attempt: a.attempt, statusCode: a.statusCode, error: a.error, durationMs: a.durationMs, at: a.at })),
  };
}

@Resolver(() => WebhookSubscription)
export class WebhookSubscriptionResolver {
  @Query(() => [WebhookSubscription], { description: 'Every webhook subscription.' })
  webhookSubscriptions(@Ctx() ctx: RequestContext) {
    return listWebhookSubscriptions(ctx.db.prisma);
  }

  @Query(() => [WebhookDelivery], { description: "A subscription's deliveries in event order, each with its attempts (the delivery log)." })
  async webhookDeliveries(@Args() { subscriptionId, status, first, after }: WebhookDeliveriesArgs, @Ctx() ctx: RequestContext) {
    const n = Math.min(Math.max(first ?? 50, 0), ctx.config.maxPageSize);
    const rows = await listWebhookDeliveries(ctx.db.prisma, { subscriptionId, status, first: n, afterId: after && /^\d+$/.test(after) ? after : null });
    return rows.map(toDelivery);
  }

  @Mutation(() => WebhookSubscriptionSecretPayload, { description: 'Subscribe a URL to events; the answer holds the signing secret, once.' })
  createWebhookSubscription(@Arg('input', () => CreateWebhookSubscriptionInput) input: CreateWebhookSubscriptionInput, @Ctx() ctx: RequestContext) {
    return inTransaction(ctx.db, (tx) => createWebhookSubscription(tx, changeMeta(ctx, null), ctx.config.legalIdEncryption, { ...input, eventTypes: input.eventTypes ?? [] }));
  }

  @Mutation(() => WebhookSubscription)
  updateWebhookSubscription(@Arg('input', () => UpdateWebhookSubscriptionInput) input: UpdateWebhookSubscriptionInput, @Ctx() ctx: RequestContext) {
    return inTransaction(ctx.db, (tx) => updateWebhookSubscription(tx, changeMeta(ctx, null), input));
  }

  @Mutation(() => WebhookSubscriptionSecretPayload, { description: 'A new signing secret; the old one stops signing at once.' })
  rotateWebhookSecret(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return inTransaction(ctx.db, (tx) => rotateWebhookSecret(tx, changeMeta(ctx, null), ctx.config.legalIdEncryption, id));
  }

  @Mutation(() => Boolean, { description: 'Remove a subscription with its deliveries and log.' })
  deleteWebhookSubscription(@Arg('id', () => ID) id: string, @Ctx() ctx: RequestContext) {
    return inTransaction(ctx.db, (tx) => deleteWebhookSubscription(tx, changeMeta(ctx, null), id));
  }

  @Mutation(() => ReplayWebhookDeliveriesPayload)
  async replayWebhookDeliveries(@Arg('input', () => ReplayWebhookDeliveriesInput) input: ReplayWebhookDeliveriesInput, @Ctx() ctx: RequestContext) {
    return { requeued: await inTransaction(ctx.db, (tx) => replayWebhookDeliveries(tx, changeMeta(ctx, null), input)) };
  }
}
