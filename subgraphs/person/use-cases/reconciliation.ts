// Reconciliation of one system's export with the golden records: loads what core/reconciliation
// compares (the system's links, golden values, each row's best match candidate), sends fixes through
// the normal ingest pipeline when asked, and records the run, whose counts feed the divergence gauge.
import { compareExport, rowsToApply, type ComparableAttribute, type MatchCandidate, type ReconciliationReport } from '../../../core/reconciliation/compare-export';
import type { SourceSystem } from '../../../core/identity/types';
import { recordReconciliation } from '../../../platform/metrics';
import { newId } from '../../../platform/ids';
import type { RequestContext } from '../../shared/context';
import { loadStoredPolicy } from '../store/golden-record';
import { resolveSurvivors } from '../store/identity';
import * as store from '../store/reconciliation';
import { findConstraintsOfRecords } from '../store/reviews';
import { ingestInputSchema, ingestPersonRecord, previewResolution, type IngestInput } from './ingest-record';

export interface ExportRecord {
  line: number;
  /** The ingest request the row stands for (attributes as the file says them). */
  request: { system: string; sourceId: string; sourceTimestamp: Date; attributes: Record<string, unknown> };
}

export interface ReconcileOptions {
  system: 'CRM' | 'ATS' | 'HRIS';
  /** File name for the run record. */
  file: string;
  records: ExportRecord[];
  apply: boolean;
  /** Id of the run (also the correlation id of the fixes it applies). */
  runId?: string;
}

export interface RowProblem { line: number; sourceId: string; problems: string[] }
export interface AppliedFix { line: number; sourceId: string; personId: string; decision: string; changedAttributes: string[] }

export interface ReconcileResult {
  runId: string;
  report: ReconciliationReport;
  /** Rows left out of the comparison because the ingest pipeline would refuse them. */
  invalidRows: RowProblem[];
  applied: AppliedFix[];
  failedFixes: RowProblem[];
}

export async function reconcileExport(ctx: RequestContext, options: ReconcileOptions): Promise<ReconcileResult> {
  const startedAt = new Date();
  const prisma = ctx.db.prisma;
  const schema = ingestInputSchema(ctx.config, startedAt);
  const invalidRows: RowProblem[] = [];
  const valid: Array<{ line: number; input: IngestInput; raw: ExportRecord['request'] }> = [];
  for (const r of options.records) {
    if (r.request.system !== options.system) {
      invalidRows.push({ line: r.line, sourceId: r.request.sourceId, problems: [`system: the row says ${r.request.system || '(empty)'}, the reconciliation is for ${options.system}`] });
      continue;
    }
    const parsed = schema.safeParse(r.request);
    if (parsed.success) valid.push({ line: r.line, input: parsed.data, raw: r.request });
    else invalidRows.push({ line: r.line, sourceId: r.request.sourceId, problems: parsed.error.issues.map((i) => `${i.path.join('.') || 'row'}: ${i.message}`) });
  }

  // Every (system, id) → person link: source records of the system and ids linked by hand (the HRIS employee id).
  const [records, externalIds] = await Promise.all([
    store.sourceRecordLinksOf(prisma, options.system),
    store.externalIdLinksOf(prisma, options.system),
  ]);
  const rawLinks = new Map<string, string>([...externalIds.map((x) => [x.value, x.personId] as const), ...records.map((r) => [r.sourceId, r.personId] as const)]);

  const rawCandidates = new Map<string, MatchCandidate>();
  for (const { input } of valid) {
    const r = await previewResolution(prisma, ctx, input, { ignoreOwnLink: true });
    if (r.personId && r.decision !== 'CREATED') rawCandidates.set(input.sourceId, { personId: r.personId, decision: r.decision, score: r.score });
  }
  const survivorOf = await resolveSurvivors(prisma, [...rawLinks.values(), ...[...rawCandidates.values()].map((c) => c.personId)]);
  const links = new Map([...rawLinks].map(([k, p]) => [k, survivorOf.get(p) ?? p]));
  const candidates = new Map([...rawCandidates].map(([k, c]) => [k, { ...c, personId: survivorOf.get(c.personId) ?? c.personId }]));
  for (const sourceId of await stewardSettled(ctx, options.system, links, candidates)) candidates.delete(sourceId);

  const personIds = [...new Set([...links.values(), ...[...candidates.values()].map((c) => c.personId)])];
  const golden = new Map<string, Partial<Record<ComparableAttribute, unknown>>>();
  for (let i = 0; i < personIds.length; i += 1000) {
    for (const p of await store.goldenValuesOf(prisma, personIds.slice(i, i + 1000))) {
      const { id, birthDate, ...rest } = p;
      golden.set(id, { ...rest, birthDate: birthDate?.toISOString().slice(0, 10) ?? null });
    }
  }

  const report = compareExport({
    system: options.system,
    policy: await loadStoredPolicy(prisma),
    rows: valid.map(({ line, raw }) => ({ line, sourceId: raw.sourceId, attributes: raw.attributes as Record<string, string | null | undefined> })),
    links,
    golden,
    candidates,
    defaultRegion: ctx.config.matching.defaultRegion,
  });

  const applied: AppliedFix[] = [];
  const failedFixes: RowProblem[] = [];
  if (options.apply) {
    const fix = rowsToApply(report);
    for (const { line, raw } of valid) {
      if (!fix.has(raw.sourceId)) continue;
      try {
        // The normal pipeline: validation, resolution, survivorship, provenance, audit and outbox; a re-send
        // of what the source record already says is UNCHANGED, so a second --apply changes nothing.
        const r = await ingestPersonRecord(ctx, raw);
        applied.push({ line, sourceId: raw.sourceId, personId: r.personId, decision: r.decision, changedAttributes: r.changedAttributes });
      } catch (err) {
        failedFixes.push({ line, sourceId: raw.sourceId, problems: [(err as Error).message] });
      }
    }
  }

  const runId = options.runId ?? newId();
  await store.recordReconciliationRun(prisma, {
    id: runId, system: options.system, file: options.file, rows: options.records.length, counts: report.counts, applied: options.apply,
    appliedRows: applied.filter((a) => a.decision !== 'UNCHANGED').length, actorId: ctx.actor.id, startedAt, finishedAt: new Date(),
  });
  recordReconciliation(options.system as SourceSystem, report.counts);
  return { runId, report, invalidRows, applied, failedFixes };
}

/**
 * Records whose link a steward has settled, so a different match found now is no disagreement to
 * report: a must-link ties the record to a record of the person it is linked to, or a cannot-link
 * keeps it from a record of the person the match points to. Steward decisions outrank automatic runs.
 */
async function stewardSettled(
  ctx: RequestContext, system: string, links: ReadonlyMap<string, string>, candidates: ReadonlyMap<string, MatchCandidate>,
): Promise<string[]> {
  const disputed = [...candidates].filter(([sourceId, c]) => links.has(sourceId) && links.get(sourceId) !== c.personId).map(([sourceId]) => sourceId);
  if (disputed.length === 0) return [];
  const prisma = ctx.db.prisma;
  const records = await store.findSourceRecordsByKeys(prisma, system as IngestInput['system'], disputed);
  const constraints = await findConstraintsOfRecords(prisma, records.map((r) => r.id));
  if (constraints.length === 0) return [];
  const others = await store.ownersOf(prisma, constraints.flatMap((c) => [c.sourceRecordAId, c.sourceRecordBId]));
  const merged = await resolveSurvivors(prisma, others.map((o) => o.personId));
  const personOf = new Map(others.map((o) => [o.id, merged.get(o.personId) ?? o.personId]));
  const person = (id: string) => personOf.get(id);
  return records.filter((r) => constraints.some((c) => {
    const other = c.sourceRecordAId === r.id ? c.sourceRecordBId : c.sourceRecordAId;
    if (c.sourceRecordAId !== r.id && c.sourceRecordBId !== r.id) return false;
    return c.kind === 'MUST_LINK' ? person(other) === links.get(r.sourceId) : person(other) === candidates.get(r.sourceId)!.personId;
  })).map((r) => r.sourceId);
}
