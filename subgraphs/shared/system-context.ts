// A request context for work that does not come from an HTTP request (CLI, seed, consumers).
import { newId } from '../../platform/ids';
import type { RequestContext, ServiceDeps } from './context';

export function systemContext(deps: ServiceDeps, actorId: string, correlationId: string = newId()): RequestContext {
  return {
    ...deps,
    requestId: newId(),
    correlationId,
    actor: { id: actorId },
    loaders: new Map(),
  };
}
