// Every write is bound to one source system: a system client writes as its own system, a person who
// works in one system (a recruiter in the ATS) writes as that system only, and a token whose roles
// bind it to no single system cannot write as any. The process's own work (import, seed, consumers)
// and an unbound administrator name the system in the input.
import { DomainError, ErrorCode } from '../../../core/errors/domain-error';
import { SCOPES } from '../../../core/privacy/scopes';
import type { RequestContext } from '../context';

export function assertCanWriteAs(ctx: Pick<RequestContext, 'actor'>, system: string): void {
  const binding = ctx.actor.writeBinding;
  if (binding.kind === 'any') return;
  if (binding.kind === 'system' && binding.system === system) return;
  if (binding.kind === 'system') {
    throw new DomainError(ErrorCode.FORBIDDEN, `This token writes as ${binding.system} and cannot write as ${system}`, { system, tokenSystem: binding.system });
  }
  throw new DomainError(ErrorCode.FORBIDDEN, 'This token is not bound to one source system; writes need a token whose role or system claim names it', { system });
}

/**
 * Linking an external id: the system's own writers link their ids; stewards (who merge and unmerge
 * people) curate the crosswalk of every system, which is their job, not a write as that system.
 */
export function assertCanLinkFor(ctx: Pick<RequestContext, 'actor'>, system: string): void {
  if (ctx.actor.scopes.includes(SCOPES.IDENTITY_MERGE)) return;
  assertCanWriteAs(ctx, system);
}
