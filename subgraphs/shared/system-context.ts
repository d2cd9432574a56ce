// A request context for work that does not come from an HTTP request (CLI, seed, consumers).
import { newId } from '../../platform/ids';
import type { RequestContext, ServiceDeps } from './context';

export function systemContext(deps: ServiceDeps, actorId: string, correlationId: string = newId()): RequestContext {
  return {
    ...deps,
    requestId: newId(),
    correlationId,
    // Work started by the process itself, not by a caller: no token, so no scopes; field rules apply
    // only to GraphQL requests, and services check the actor's system, which is absent here.
    actor: { id: actorId, scopes: [], roles: [], writeBinding: { kind: 'any' } },
    loaders: new Map(),
  };
}
