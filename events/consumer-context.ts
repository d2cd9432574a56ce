// A service context for a consumer's effect that joins the consumer's transaction: services called
// with it (upsertEmployment, linkExternalId, …) run their usual validation, audit and outbox writes on
// the same transaction as the consumer's inbox row, so the effect and "event handled" commit together.
import type { PrismaClient } from '../generated/prisma/client';
import type { Database, Tx } from '../platform/database';
import type { RequestContext, ServiceDeps } from '../subgraphs/shared/context';
import { systemContext } from '../subgraphs/shared/system-context';

/** The database as seen from inside `tx`: a service's own `$transaction` joins `tx` instead of opening one. */
function joinTransaction(db: Database, tx: Tx): Database {
  const prisma = new Proxy(tx, {
    get(target, prop) {
      if (prop === '$transaction') return (fn: (t: Tx) => Promise<unknown>) => fn(tx);
      return Reflect.get(target, prop);
    },
  }) as unknown as PrismaClient;
  return { ...db, prisma };
}

export interface ConsumerContextOptions {
  /** Who acts: the consumer's system client id. */
  actorId: string;
  correlationId: string;
  /** The id of the event being handled: what caused the changes. */
  causationId: string;
}

export function consumerContext(deps: ServiceDeps, tx: Tx, options: ConsumerContextOptions): RequestContext {
  const ctx = systemContext({ ...deps, db: joinTransaction(deps.db, tx) }, options.actorId, options.correlationId);
  return { ...ctx, causationId: options.causationId };
}
