// Ingestion entry points for the API: one record, or a batch with the same semantics per record.
import { z } from 'zod';
import { DomainError, ErrorCode, invalidInput } from '../../core/errors/domain-error';
import type { RequestContext } from '../shared/context';
import { runMutation } from '../shared/mutation';
import { recordIngestOutcome } from '../../platform/metrics';
import { assertCanWriteAs } from '../shared/auth/assert-can-write-as';
import { ingestInputSchema, ingestValidated, type IngestResult } from './ingest-record';

export { ingestPersonRecord } from './ingest-record';

export const MAX_BATCH_SIZE = 500;

/**
 * Each record is resolved in its own transaction, in order, exactly as `ingestPersonRecord` would, so a
 * later record can match an earlier one. The whole batch is validated first: one bad record rejects
 * the batch before anything is written.
 */
export async function ingestPersonRecords(ctx: RequestContext, raw: unknown[]) {
  if (!Array.isArray(raw) || raw.length === 0) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'inputs must hold at least one record', { field: 'inputs' });
  if (raw.length > MAX_BATCH_SIZE) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `A batch holds at most ${MAX_BATCH_SIZE} records (got ${raw.length}); split it or use the import command`, { field: 'inputs', max: MAX_BATCH_SIZE });
  }
  const schema = ingestInputSchema(ctx.config, new Date());
  const problems: Array<{ field: string; message: string }> = [];
  const inputs = raw.map((r, i) => {
    const parsed = schema.safeParse(r);
    if (!parsed.success) for (const issue of parsed.error.issues) problems.push({ field: `inputs.${i}.${issue.path.join('.')}`, message: issue.message });
    return parsed.success ? parsed.data : null;
  });
  if (problems.length) throw invalidInput(problems);
  for (const input of inputs) assertCanWriteAs(ctx, input!.system);
  const results: IngestResult[] = [];
  for (const input of inputs as Array<z.infer<ReturnType<typeof ingestInputSchema>>>) {
    const result = await runMutation(ctx, { operation: 'ingestPersonRecord', idempotencyKey: input.idempotencyKey ?? null, request: input }, (tx) => ingestValidated(tx, ctx, input));
    recordIngestOutcome(result.decision);
    results.push(result);
  }
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.decision, (counts.get(r.decision) ?? 0) + 1);
  return { results, counts: [...counts].map(([decision, count]) => ({ decision, count })) };
}
