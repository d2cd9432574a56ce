// Per-request context shared by every subgraph: database, request-scoped loaders cache, ids, logger, actor.
import type { Request } from 'express';
import type { Database } from '../../platform/database';
import type { Config } from '../../platform/config';
import type { Logger } from '../../platform/logger';
import { newId } from '../../platform/ids';

export interface Actor {
  /** Who is calling: a user id or a system client id. */
  id: string;
  /** For system clients, the source system they write as. */
  system?: string;
}

export interface ServiceDeps {
  db: Database;
  config: Config;
  logger: Logger;
}

export interface RequestContext extends ServiceDeps {
  requestId: string;
  correlationId: string;
  actor: Actor;
  /** Per-request DataLoader instances, created on first use (see defineLoader). */
  loaders: Map<string, unknown>;
}

function header(req: Request, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

export function createRequestContext(req: Request, deps: ServiceDeps): RequestContext {
  const requestId = header(req, 'x-request-id') ?? newId();
  const correlationId = header(req, 'x-correlation-id') ?? requestId;
  return {
    ...deps,
    requestId,
    correlationId,
    actor: { id: header(req, 'x-actor-id') ?? 'anonymous' },
    loaders: new Map(),
    logger: deps.logger.child({ requestId, correlationId }),
  };
}
