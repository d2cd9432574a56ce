// Reads the change log (the outbox) as CloudEvents in commit order, for callers without NATS. The cursor
// is the event's position, which the sealer gives only once the event's transaction has committed (see
// shared/change-log.ts): an event whose transaction commits late gets a later position, so a poller
// reading on from its cursor never skips it, even though its sequence number is lower.
import { buildCloudEvent, type CloudEvent } from '../../../core/events';
import { DomainError, ErrorCode } from '../../../core/errors/domain-error';
import { sealOutboxPositions } from '../../shared/change-log-sealer';
import type { RequestContext } from '../../shared/context';
import { findPositionedEvents } from '../store/audit-log';

export interface EventPage {
  edges: Array<{ node: Omit<CloudEvent, 'time' | 'causationid' | 'sourcesystem'> & { time: Date; causationid: string | null; sourcesystem: string | null }; cursor: string }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

// Cursors written before positions existed (`seq:N`) stay valid: those events' positions are their sequences.
export function encodeEventCursor(position: bigint | string): string {
  return Buffer.from(`seq:${position}`, 'utf8').toString('base64url');
}

function decodeEventCursor(cursor: string): bigint {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^seq:\d{1,19}$/.test(decoded)) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Invalid cursor', { field: 'after' });
  return BigInt(decoded.slice(4));
}

export async function listEvents(ctx: RequestContext, args: { after?: string | null; types?: string[] | null; first?: number | null }): Promise<EventPage> {
  const first = args.first ?? 50;
  if (!Number.isInteger(first) || first < 0 || first > ctx.config.maxPageSize) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `first must be between 0 and ${ctx.config.maxPageSize}`, { field: 'first', max: ctx.config.maxPageSize });
  }
  const afterPosition = args.after ? decodeEventCursor(args.after) : null;
  // Place what has committed since the sealer last ran, so a poller sees its own writes at once.
  await sealOutboxPositions(ctx.db);
  const rows = await findPositionedEvents(ctx.db, afterPosition, args.types, first + 1);
  const page = rows.slice(0, first);
  const edges = page.map((row) => {
    const event = buildCloudEvent(row);
    return {
      node: { ...event, time: row.occurredAt, causationid: event.causationid ?? null, sourcesystem: event.sourcesystem ?? null },
      cursor: encodeEventCursor(row.position!),
    };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: afterPosition !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? (args.after ?? null),
    },
  };
}
