// Per-request context shared by every subgraph: database, request-scoped loaders cache, ids, logger, actor.
import type { Request } from 'express';
import type { Database } from '../../platform/database';
import type { Config } from '../../platform/config';
import type { Logger } from '../../platform/logger';
import { newId } from '../../platform/ids';
import type { Principal } from './auth/verify-token';

/** Who is calling: the verified token's principal (see auth/verify-token.ts). */
export type Actor = Principal;

export interface ServiceDeps {
  db: Database;
  config: Config;
  logger: Logger;
}

export interface RequestContext extends ServiceDeps {
  requestId: string;
  correlationId: string;
  /** What caused this work when it is not the request itself (a consumed event's id); else the request id. */
  causationId?: string | null;
  actor: Actor;
  /** The Idempotency-Key request header, used by mutations whose input carries no key of its own. */
  idempotencyKey?: string | null;
  /** Per-request DataLoader instances, created on first use (see defineLoader). */
  loaders: Map<string, unknown>;
}

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** `actor` is the principal of the verified bearer token (see auth/verify-token.ts). */
export function createRequestContext(req: Request, deps: ServiceDeps, actor: Actor): RequestContext {
  const requestId = header(req, 'x-request-id') ?? newId();
  const correlationId = header(req, 'x-correlation-id') ?? requestId;
  return {
    ...deps,
    requestId,
    correlationId,
    actor,
    idempotencyKey: header(req, 'idempotency-key') ?? null,
    loaders: new Map(),
    logger: deps.logger.child({ requestId, correlationId }),
  };
}
