// The candidate-to-employee flow is correlated by the person id: every step of one person's journey
// (the ATS record that made them a candidate, records that join that candidate, offers, the accepted
// offer's intent, the HRIS employment and its employee id) carries correlationId = person id, so the
// whole timeline reads back from the audit log and the event stream with one id. What caused a step
// stays as its causation: the request's own correlation id (the request id unless the caller sent
// x-correlation-id), or the id of the event a consumer acted on.
import type { ChangeMeta } from './change-log';
import type { RequestContext } from './context';

/** The context for a step of this person's flow. */
export function inPersonFlow(ctx: RequestContext, personId: string): RequestContext {
  if (ctx.correlationId === personId) return ctx;
  return { ...ctx, correlationId: personId, causationId: ctx.causationId ?? ctx.correlationId };
}

/** The same rule for change metadata already built from a request context. */
export function personFlowMeta(meta: ChangeMeta, personId: string): ChangeMeta {
  if (meta.correlationId === personId) return meta;
  return { ...meta, correlationId: personId, causationId: meta.correlationId };
}
