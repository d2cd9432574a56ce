// The ingest use cases of the API: one record (`ingestPersonRecord`) and up to 500 (`ingestPersonRecords`).
// Both validate (losslessly: invalid attribute values are flagged and kept, see parseInput), check that the caller writes as its own system, and hand the records to the one ingest
// pipeline (store/ingest-store.ts: the planner of core/identity decides, the store writes) in a transaction.
import { DomainError, ErrorCode, invalidInput } from '../../../core/errors/domain-error';
import { recordIngestOutcome } from '../../../platform/metrics';
import type { Tx } from '../../../platform/database';
import { assertCanWriteAs } from '../../shared/auth/assert-can-write-as';
import type { RequestContext } from '../../shared/context';
import { runMutation } from '../../shared/mutation';
import { sanitizeInputStrings } from '../../../core/text/sanitize-input-text';
import { ingestInputSchema, type IngestInput, type IngestResult } from './ingest-input';
import { parseLosslessly, type FlaggedAttribute } from './quarantine-invalid-attributes';
import { ingestInTransaction, type BatchRowOutcome } from '../store/ingest-store';

export { ingestInputSchema, toStoredAttributes, INGEST_SYSTEMS, type IngestDecision, type IngestInput, type IngestResult } from './ingest-input';
export { previewResolution } from '../store/ingest-store';

export const MAX_BATCH_SIZE = 500;

/** One input schema per configuration, reading the clock at each validation (see ingestInputSchema). */
const schemas = new WeakMap<RequestContext['config'], ReturnType<typeof ingestInputSchema>>();
function inputSchema(config: RequestContext['config']) {
  let schema = schemas.get(config);
  if (!schema) schemas.set(config, (schema = ingestInputSchema(config, () => new Date())));
  return schema;
}

/**
 * Lossless intake, as the import takes rows in (quarantine-invalid-attributes.ts): an attribute whose
 * value fails validation is kept raw on the source record with the reason, left out of matching and
 * survivorship, and named in the result; anything else that fails (system, source id, timestamp, an
 * unknown attribute) refuses the record.
 */
function parseInput(config: RequestContext['config'], raw: unknown): { input: IngestInput; flagged: FlaggedAttribute[] } | { problems: Array<{ field: string; message: string }> } {
  const request = sanitizeInputStrings(raw) as { attributes: Record<string, unknown> };
  const { parsed, flagged } = parseLosslessly(inputSchema(config), request);
  if (!parsed.success) return { problems: parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(input)', message: i.message })) };
  return { input: parsed.data as IngestInput, flagged };
}

const withFlags = (result: IngestResult, flagged: FlaggedAttribute[]): IngestResult => ({ ...result, flaggedValues: flagged.map(({ attribute, reason }) => ({ attribute, reason })) });

export async function ingestPersonRecord(ctx: RequestContext, raw: unknown): Promise<IngestResult> {
  const parsed = parseInput(ctx.config, raw);
  if ('problems' in parsed) throw invalidInput(parsed.problems);
  const { input, flagged } = parsed;
  assertCanWriteAs(ctx, input.system);
  const [result] = await runMutation(ctx, { operation: 'ingestPersonRecord', idempotencyKey: input.idempotencyKey ?? ctx.idempotencyKey, request: input }, (tx) =>
    ingestRecords(tx, ctx, [input]),
  );
  recordIngestOutcome(result.decision);
  return withFlags(result, flagged);
}

/**
 * The records resolve in order, each seeing the effects of the earlier ones, exactly as if sent one by
 * one. The whole batch is validated first: one bad record rejects the batch before anything is written.
 * Without per-record idempotency keys the batch is one transaction; a record that carries its own key
 * is claimed with it, in a transaction of its own.
 */
export async function ingestPersonRecords(ctx: RequestContext, raw: unknown[]) {
  if (!Array.isArray(raw) || raw.length === 0) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'inputs must hold at least one record', { field: 'inputs' });
  if (raw.length > MAX_BATCH_SIZE) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `A batch holds at most ${MAX_BATCH_SIZE} records (got ${raw.length}); split it or use the import command`, { field: 'inputs', max: MAX_BATCH_SIZE });
  }
  const problems: Array<{ field: string; message: string }> = [];
  const flags: FlaggedAttribute[][] = [];
  const inputs = raw.map((r, i) => {
    const parsed = parseInput(ctx.config, r);
    if ('problems' in parsed) {
      for (const p of parsed.problems) problems.push({ field: `inputs.${i}.${p.field}`, message: p.message });
      return null;
    }
    flags.push(parsed.flagged);
    return parsed.input;
  }) as IngestInput[];
  if (problems.length) throw invalidInput(problems);
  for (const input of inputs) assertCanWriteAs(ctx, input.system);
  const results: IngestResult[] = [];
  if (inputs.every((i) => !i.idempotencyKey)) {
    results.push(...(await runMutation(ctx, { operation: 'ingestPersonRecords', idempotencyKey: ctx.idempotencyKey, request: inputs }, (tx) => ingestRecords(tx, ctx, inputs))));
  } else {
    for (const input of inputs) {
      results.push(...(await runMutation(ctx, { operation: 'ingestPersonRecord', idempotencyKey: input.idempotencyKey ?? null, request: input }, (tx) => ingestRecords(tx, ctx, [input]))));
    }
  }
  for (const [i, r] of results.entries()) results[i] = withFlags(r, flags[i]);
  for (const r of results) recordIngestOutcome(r.decision);
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.decision, (counts.get(r.decision) ?? 0) + 1);
  return { results, counts: [...counts].map(([decision, count]) => ({ decision, count })) };
}

/** Through the pipeline with per-key locks; a record that identifies nobody is refused (nothing is written). */
async function ingestRecords(tx: Tx, ctx: RequestContext, inputs: IngestInput[]): Promise<IngestResult[]> {
  const outcomes = await ingestInTransaction(tx, ctx, inputs, { locking: 'keys' });
  const rejected = outcomes.findIndex((o) => !o.ok);
  if (rejected >= 0) {
    const problems = (outcomes[rejected] as Extract<BatchRowOutcome, { ok: false }>).problems;
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A person record must carry at least a name, an e-mail, a phone or a legal identifier', {
      problems: inputs.length === 1 ? problems : problems.map((p) => ({ ...p, field: `inputs.${rejected}.${p.field}` })),
    });
  }
  return outcomes.map((o) => (o as Extract<BatchRowOutcome, { ok: true }>).result);
}
