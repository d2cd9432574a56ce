// Which people a caller may see at all, before any field rule: a purpose that rests on consent limits
// the caller to people who granted it, and a token limited to regions sees only people of those regions
// (a person without a region is outside every region). One rule for every subgraph: person lookups,
// lists and entity references return null or skip the person, and employments and offers of a person
// the caller may not see are hidden the same way.
import DataLoader from 'dataloader';
import type { Prisma } from '../../generated/prisma/client';
import { requiredConsentFor } from '../../core/privacy/purposes';
import type { Actor, RequestContext } from './context';

/** Conditions on Person rows for this caller; null when it may see everyone. */
export function personVisibilityWhere(actor: Pick<Actor, 'purpose' | 'regions'>): Prisma.PersonWhereInput | null {
  const conditions: Prisma.PersonWhereInput[] = [];
  const consent = requiredConsentFor(actor.purpose);
  if (consent) conditions.push({ consents: { some: { purpose: consent, status: 'GRANTED' } } });
  if (actor.regions?.length) conditions.push({ region: { in: [...actor.regions] } });
  return conditions.length ? { AND: conditions } : null;
}

/** For queries of rows that belong to a person (employments, offers): the same conditions through the relation. */
export function ownedByVisiblePersonWhere(actor: Pick<Actor, 'purpose' | 'regions'>): { person: Prisma.PersonWhereInput } | Record<string, never> {
  const where = personVisibilityWhere(actor);
  return where ? { person: where } : {};
}

const LOADER = 'shared.personVisible';

/** Per request (the conditions depend on the token): one statement per batch of ids, whatever number of rows asks. */
function visibilityLoader(ctx: RequestContext): DataLoader<string, boolean> {
  let loader = ctx.loaders.get(LOADER) as DataLoader<string, boolean> | undefined;
  if (!loader) {
    const where = personVisibilityWhere(ctx.actor)!;
    loader = new DataLoader<string, boolean>(async (ids) => {
      const rows = await ctx.db.prisma.person.findMany({ where: { AND: [{ id: { in: [...ids] } }, where] }, select: { id: true } });
      const visible = new Set(rows.map((r) => r.id));
      return ids.map((id) => visible.has(id));
    }, { maxBatchSize: 1000 });
    ctx.loaders.set(LOADER, loader);
  }
  return loader;
}

export async function isPersonVisible(ctx: RequestContext, personId: string): Promise<boolean> {
  if (!personVisibilityWhere(ctx.actor)) return true;
  return visibilityLoader(ctx).load(personId);
}

/** Keeps the rows whose person the caller may see (order kept). */
export async function filterVisible<T>(ctx: RequestContext, rows: readonly T[], personIdOf: (row: T) => string | null): Promise<T[]> {
  if (!personVisibilityWhere(ctx.actor) || rows.length === 0) return [...rows];
  const flags = await Promise.all(rows.map((r) => {
    const id = personIdOf(r);
    return id ? visibilityLoader(ctx).load(id) : Promise.resolve(true);
  }));
  return rows.filter((_, i) => flags[i]);
}

/** A row of a person, or null when the caller may not see that person. */
export async function visibleOrNull<T>(ctx: RequestContext, row: T | null, personIdOf: (row: T) => string): Promise<T | null> {
  if (!row) return null;
  return (await isPersonVisible(ctx, personIdOf(row))) ? row : null;
}

/** A reference to another person (a manager, a hiring manager): null when the caller may not see them, like any lookup. */
export async function visiblePersonRef(ctx: RequestContext, personId: string | null | undefined): Promise<{ id: string } | null> {
  if (!personId) return null;
  return (await isPersonVisible(ctx, personId)) ? { id: personId } : null;
}
