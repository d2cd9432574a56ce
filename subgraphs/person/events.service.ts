// Reads the change log (the outbox) as CloudEvents, oldest first, for callers without NATS.
import { buildCloudEvent, type CloudEvent } from '../../core/events';
import { DomainError, ErrorCode } from '../../core/errors/domain-error';
import type { RequestContext } from '../shared/context';

export interface EventPage {
  edges: Array<{ node: Omit<CloudEvent, 'time' | 'causationid' | 'sourcesystem'> & { time: Date; causationid: string | null; sourcesystem: string | null }; cursor: string }>;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
}

export function encodeEventCursor(seq: bigint | string): string {
  return Buffer.from(`seq:${seq}`, 'utf8').toString('base64url');
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
  const afterSeq = args.after ? decodeEventCursor(args.after) : null;
  const rows = await ctx.db.prisma.outboxEvent.findMany({
    where: {
      ...(afterSeq !== null ? { seq: { gt: afterSeq } } : {}),
      ...(args.types?.length ? { type: { in: args.types } } : {}),
    },
    orderBy: { seq: 'asc' },
    take: first + 1,
  });
  const page = rows.slice(0, first);
  const edges = page.map((row) => {
    const event = buildCloudEvent(row);
    return {
      node: { ...event, time: row.occurredAt, causationid: event.causationid ?? null, sourcesystem: event.sourcesystem ?? null },
      cursor: encodeEventCursor(row.seq),
    };
  });
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: afterSeq !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? (args.after ?? null),
    },
  };
}
