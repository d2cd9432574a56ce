// A system client writes as its own source system only: the CRM's token cannot upsert HRIS records.
// Callers without a `system` claim (people, using the API directly) are limited by scopes alone.
import { DomainError, ErrorCode } from '../../../core/errors/domain-error';
import type { RequestContext } from '../context';

export function assertCanWriteAs(ctx: Pick<RequestContext, 'actor'>, system: string): void {
  const own = ctx.actor.system;
  if (own !== undefined && own !== system) {
    throw new DomainError(ErrorCode.FORBIDDEN, `This token writes as ${own} and cannot write as ${system}`, { system, tokenSystem: own });
  }
}
