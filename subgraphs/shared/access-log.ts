// Access log: every full read of a personal field (what the masking middleware answers with 'full') is
// recorded — who, which person, which field, for which purpose, when. Reads are collected per request
// and written in one statement when the response is sent, so a list of people costs one insert.
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from './context';

interface AccessEntry { personId: string; field: string }

const pending = new WeakMap<object, Map<string, AccessEntry>>();

/**
 * The person a row's personal data is about: the person itself; the person of an employment, offer,
 * identifier or source record; the person an audit event, a review or an ingest result names.
 */
export function personIdOf(typeName: string, row: unknown): string | null {
  const r = (row ?? {}) as { id?: unknown; personId?: unknown; entityType?: unknown; entityId?: unknown; candidatePersonId?: unknown; suggestedPersonId?: unknown };
  const pick = (...vs: unknown[]) => (vs.find((v) => typeof v === 'string') as string | undefined) ?? null;
  if (typeName === 'Person') return pick(r.id);
  if (typeName === 'AuditEvent') return r.entityType === 'Person' ? pick(r.entityId) : null;
  if (typeName === 'MatchReview') return pick(r.candidatePersonId);
  if (typeName === 'IngestPersonRecordPayload') return pick(r.suggestedPersonId, r.personId);
  return pick(r.personId);
}

export function recordFullRead(ctx: RequestContext, typeName: string, fieldName: string, parent: unknown): void {
  recordPersonRead(ctx, personIdOf(typeName, parent), `${typeName}.${fieldName}`);
}

/** A full read of a person's data reached by another route (a filter, provenance, an audit value, an explanation). */
export function recordPersonRead(ctx: RequestContext, personId: string | null | undefined, field: string): void {
  if (typeof personId !== 'string' || !ctx?.actor) return;
  let entries = pending.get(ctx);
  if (!entries) pending.set(ctx, (entries = new Map()));
  entries.set(`${personId}|${field}`, { personId, field });
}

/** Writes the request's reads (one insert); called once per request. */
export async function flushAccessLog(ctx: RequestContext, at = new Date()): Promise<number> {
  const entries = pending.get(ctx);
  if (!entries?.size) return 0;
  pending.delete(ctx);
  const purpose = ctx.actor.purpose ?? null;
  const { count } = await ctx.db.prisma.accessLog.createMany({
    data: [...entries.values()].map((e) => ({ actorId: ctx.actor.id, personId: e.personId, field: e.field, purpose, at })),
  });
  return count;
}

export function accessLogPlugin(): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          try {
            await flushAccessLog(contextValue);
          } catch (err) {
            contextValue.logger.error({ err }, 'access log could not be written');
          }
        },
      };
    },
  };
}
