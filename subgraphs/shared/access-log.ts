// Access log: every full read of a personal field (what the masking middleware answers with 'full') is
// recorded — who, which person, which field, for which purpose, when. Reads are collected per request
// and written in one statement when the response is sent, so a list of people costs one insert.
import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestContext } from './context';

interface AccessEntry { personId: string; field: string }

const pending = new WeakMap<object, Map<string, AccessEntry>>();

/** The person a personal field belongs to: the person itself, or the person of an employment, offer or identifier. */
function personIdOf(typeName: string, parent: unknown): string | null {
  const p = (parent ?? {}) as { id?: unknown; personId?: unknown };
  const id = typeName === 'Person' ? p.id : p.personId;
  return typeof id === 'string' ? id : null;
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
