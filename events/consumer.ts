// A JetStream consumer whose effects apply exactly once: each event's effect runs in one database
// transaction together with an InboxEvent row keyed by (consumer, event id), so a redelivery — after a
// crash, a relay republish or a dead-letter replay — finds the row and only acknowledges. An event that
// keeps failing is moved to the dead-letter stream with its error after a bounded number of deliveries.
import { AckPolicy, DeliverPolicy, headers as natsHeaders, nanos, type ConsumerMessages, type JsMsg, type NatsConnection } from 'nats';
import { CloudEventSchema, eventSubject, EVENT_SUBJECT_PREFIX, nextRetryDelay, type CloudEvent } from '../core/events';
import type { Database, Tx } from '../platform/database';
import type { Logger } from '../platform/logger';
import { consumerOutcomes } from '../platform/metrics';
import { inTransaction } from '../subgraphs/shared/transaction';
import { DEAD_LETTER_SUBJECT_PREFIX, EVENT_STREAM, ensureStreams } from './streams';

export interface ConsumerOptions {
  nc: NatsConnection;
  db: Database;
  logger: Logger;
  /** Durable consumer name and inbox key: stable across restarts. Letters, digits, - and _. */
  name: string;
  /** Only these event types (default: all). */
  types?: string[];
  /** Deliveries before the event goes to the dead-letter stream. */
  maxDeliver?: number;
  /** For a consumer created now: start at this stream sequence instead of the beginning. */
  startSequence?: number;
  /** The effect, inside the transaction that also records the event in the inbox. Throw to retry. */
  handle(event: CloudEvent, tx: Tx): Promise<void>;
}

export interface RunningConsumer {
  stop(): Promise<void>;
}

export const DLQ_HEADERS = {
  consumer: 'PeopleGraph-Consumer',
  error: 'PeopleGraph-Error',
  deliveries: 'PeopleGraph-Deliveries',
  subject: 'PeopleGraph-Original-Subject',
  streamSeq: 'PeopleGraph-Original-Seq',
  eventId: 'PeopleGraph-Event-Id',
  replayOf: 'PeopleGraph-Replay-Of',
} as const;

export async function startConsumer(options: ConsumerOptions): Promise<RunningConsumer> {
  if (!/^[A-Za-z0-9_-]+$/.test(options.name)) throw new Error(`consumer name "${options.name}" must be letters, digits, - or _`);
  const { nc, logger } = options;
  const maxDeliver = options.maxDeliver ?? 5;
  const jsm = await nc.jetstreamManager();
  await ensureStreams(jsm);
  // One filter subject (NATS 2.9 servers take one): a single type's subject, else all events.
  const filter = options.types?.length === 1 ? eventSubject(options.types[0]) : `${EVENT_SUBJECT_PREFIX}.>`;
  try {
    await jsm.consumers.info(EVENT_STREAM, options.name);
  } catch {
    await jsm.consumers.add(EVENT_STREAM, {
      durable_name: options.name,
      ack_policy: AckPolicy.Explicit,
      filter_subject: filter,
      // Redelivery is bounded by this helper (then dead-lettered), not by the server.
      max_deliver: -1,
      ack_wait: nanos(30_000),
      ...(options.startSequence
        ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: options.startSequence }
        : { deliver_policy: DeliverPolicy.All }),
    });
  }
  const consumer = await nc.jetstream().consumers.get(EVENT_STREAM, options.name);
  const messages: ConsumerMessages = await consumer.consume({ max_messages: 64 });
  const done = (async () => {
    for await (const m of messages) {
      await handleMessage(options, m, maxDeliver).catch((err) => {
        logger.error({ err, consumer: options.name, seq: m.seq }, 'consumer: unexpected failure, message will be redelivered');
        m.nak(1000);
      });
    }
  })();
  return {
    stop: async () => {
      await messages.close().catch(() => undefined);
      await done.catch(() => undefined);
    },
  };
}

async function handleMessage(options: ConsumerOptions, m: JsMsg, maxDeliver: number): Promise<void> {
  const { name, db, logger } = options;
  let event: CloudEvent;
  try {
    event = CloudEventSchema.parse(JSON.parse(new TextDecoder().decode(m.data)));
  } catch (err) {
    // Retrying cannot fix a message that does not parse: straight to the dead letters.
    await deadLetter(options, m, null, `unreadable event: ${(err as Error).message}`.slice(0, 1000));
    return;
  }
  if (options.types?.length && !options.types.includes(event.type)) {
    m.ack();
    return;
  }
  try {
    const applied = await inTransaction(db, async (tx) => {
      const { count } = await tx.inboxEvent.createMany({ data: [{ consumer: name, eventId: event.id }], skipDuplicates: true });
      if (count === 0) return false;
      await options.handle(event, tx);
      return true;
    });
    m.ack();
    consumerOutcomes.inc({ consumer: name, outcome: applied ? 'processed' : 'duplicate' });
  } catch (err) {
    const deliveries = m.info.deliveryCount;
    const message = (err as Error)?.message ?? String(err);
    if (deliveries >= maxDeliver) {
      await deadLetter(options, m, event, message);
      return;
    }
    consumerOutcomes.inc({ consumer: name, outcome: 'retried' });
    logger.warn({ consumer: name, eventId: event.id, type: event.type, deliveries, error: message }, 'consumer: event failed, will retry');
    m.nak(nextRetryDelay(deliveries, 200, 30_000));
  }
}

async function deadLetter(options: ConsumerOptions, m: JsMsg, event: CloudEvent | null, error: string): Promise<void> {
  const h = natsHeaders();
  h.set(DLQ_HEADERS.consumer, options.name);
  // Header values are one line.
  h.set(DLQ_HEADERS.error, error.replace(/[\r\n]+/g, ' ').slice(0, 1000));
  h.set(DLQ_HEADERS.deliveries, String(m.info.deliveryCount));
  h.set(DLQ_HEADERS.subject, m.subject);
  h.set(DLQ_HEADERS.streamSeq, String(m.seq));
  if (event) h.set(DLQ_HEADERS.eventId, event.id);
  try {
    await options.nc.jetstream().publish(`${DEAD_LETTER_SUBJECT_PREFIX}.${options.name}`, m.data, {
      headers: h,
      // One dead letter per stream message: a crash between this publish and term() does not duplicate it,
      // while a replayed copy (a new stream message) can be dead-lettered again.
      msgID: `${options.name}:${m.seq}`,
    });
  } catch (err) {
    // Not stored in the dead-letter stream: keep the event on the main stream and try again later.
    options.logger.error({ err, consumer: options.name, seq: m.seq }, 'consumer: dead-letter publish failed');
    m.nak(5000);
    return;
  }
  // No reason string: NATS servers before 2.10.4 do not understand one.
  m.term();
  consumerOutcomes.inc({ consumer: options.name, outcome: 'dead_lettered' });
  options.logger.error({ consumer: options.name, eventId: event?.id, error }, 'consumer: event moved to the dead-letter stream');
}
