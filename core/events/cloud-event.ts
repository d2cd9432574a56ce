// The CloudEvents 1.0 envelope (JSON format) every published event uses, built from an outbox row by a
// pure function so the relay, the `events` query and the tests all produce the same bytes.
import { z } from 'zod';

/** What the envelope needs from an OutboxEvent row. */
export interface OutboxRecord {
  seq: bigint | number;
  eventId: string;
  type: string;
  version: number;
  aggregateType: string;
  aggregateId: string;
  payload: unknown;
  correlationId: string;
  causationId: string | null;
  actorId: string;
  sourceSystem: string | null;
  occurredAt: Date;
}

export const CLOUDEVENTS_SPEC_VERSION = '1.0';
export const EVENT_SUBJECT_PREFIX = 'peoplegraph.events';

export const CloudEventSchema = z.object({
  specversion: z.literal(CLOUDEVENTS_SPEC_VERSION),
  id: z.string().uuid(),
  source: z.string().min(1),
  type: z.string().min(1),
  time: z.string().datetime({ offset: true }),
  subject: z.string().uuid(),
  datacontenttype: z.literal('application/json'),
  dataschema: z.string().min(1),
  // Extension attributes: lowercase alphanumeric names, as CloudEvents requires.
  correlationid: z.string().min(1),
  causationid: z.string().min(1).optional(),
  actor: z.string().min(1),
  sourcesystem: z.string().min(1).optional(),
  dataversion: z.number().int().min(1),
  aggregatetype: z.string().min(1),
  /** Position in the outbox: total order of commits, used as the `events` query cursor. */
  sequence: z.string().regex(/^\d+$/),
  data: z.unknown(),
});

export type CloudEvent = z.infer<typeof CloudEventSchema>;

/** `Person` → `urn:peoplegraph:person`: which kind of record the event is about. */
export function eventSource(aggregateType: string): string {
  return `urn:peoplegraph:${aggregateType.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase()}`;
}

export function eventDataSchema(type: string, version: number): string {
  return `urn:peoplegraph:events:${type}:v${version}`;
}

/** The NATS subject an event type is published on. */
export function eventSubject(type: string): string {
  return `${EVENT_SUBJECT_PREFIX}.${type}`;
}

export function buildCloudEvent(row: OutboxRecord): CloudEvent {
  const event: CloudEvent = {
    specversion: CLOUDEVENTS_SPEC_VERSION,
    id: row.eventId,
    source: eventSource(row.aggregateType),
    type: row.type,
    time: row.occurredAt.toISOString(),
    subject: row.aggregateId,
    datacontenttype: 'application/json',
    dataschema: eventDataSchema(row.type, row.version),
    correlationid: row.correlationId,
    actor: row.actorId,
    dataversion: row.version,
    aggregatetype: row.aggregateType,
    sequence: String(row.seq),
    data: row.payload,
  };
  // CloudEvents omits absent optional attributes rather than sending null.
  if (row.causationId) event.causationid = row.causationId;
  if (row.sourceSystem) event.sourcesystem = row.sourceSystem;
  return event;
}
