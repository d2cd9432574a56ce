// The import command: streams a CSV of person records through the bulk ingest path in batches, writes
// rejected rows (line and reason) to a rejects file while good rows load, and counts outcomes.
import fs from 'node:fs';
import type { RequestContext } from '../../subgraphs/shared/context';
import { ingestInputSchema, type IngestInput, type IngestResult } from '../../subgraphs/person/use-cases/ingest-record';
import { ingestBatch } from '../../subgraphs/person/store/ingest-store';
import { parseLosslessly } from '../../subgraphs/person/use-cases/quarantine-invalid-attributes';
import { readCsv } from './read-csv';
import { columnOfPath, createRowMapper, toIngestRequest, type ColumnMapping } from './map-row';
import { formatCsvLine } from './write-csv';

export const DEFAULT_BATCH_SIZE = 500;

export interface ImportOptions {
  file: string;
  /** System of rows whose `system` cell is empty or absent. */
  system?: string | null;
  mapping?: ColumnMapping | null;
  batchSize?: number;
  /** Where rejected rows go; default `<file>.rejects.csv`, written only when a row is rejected. */
  rejectsPath?: string;
  onProgress?(p: ImportProgress): void;
  /** Called for every loaded row in file order (benchmarks read decisions and candidates here). */
  onRow?(row: { line: number; system: string; sourceId: string; result: IngestResult; candidates?: Array<{ system: string; sourceId: string }> }): void;
  collectCandidates?: boolean;
}

export interface ImportProgress {
  rows: number;
  bytesRead: number;
  totalBytes: number;
  elapsedMs: number;
}

export interface ImportSummary {
  rows: number;
  loaded: number;
  rejected: number;
  /** Attributes that failed validation on loaded rows: kept raw on the source record, flagged, not matched on (listed in the issues file). */
  flagged: number;
  /** Loaded rows per decision (CREATED, MATCHED, AUTO_MERGED, REVIEW_QUEUED, CREATED_FLAGGED, UNCHANGED). */
  outcomes: Record<string, number>;
  rejectsPath: string | null;
  seconds: number;
}

interface PendingRow { line: number; fields: string[]; input: IngestInput }

export async function importPeople(ctx: RequestContext, options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const totalBytes = fs.statSync(options.file).size;
  const rejectsPath = options.rejectsPath ?? `${options.file}.rejects.csv`;
  // The rejects file belongs to this run: a stale one from an earlier run would mislead.
  fs.rmSync(rejectsPath, { force: true });
  const importedAt = new Date();
  const schema = ingestInputSchema(ctx.config, importedAt);
  const outcomes: Record<string, number> = {};
  let rows = 0;
  let loaded = 0;
  let rejected = 0;
  let flagged = 0;
  let header: string[] | null = null;
  let rejects: fs.WriteStream | null = null;
  let mapper: ReturnType<typeof createRowMapper> | null = null;
  let pending: PendingRow[] = [];

  const reject = (line: number, fields: string[], reason: string, loadedWithFlags = false) => {
    if (!loadedWithFlags) rejected++;
    if (!rejects) {
      rejects = fs.createWriteStream(rejectsPath);
      rejects.write(formatCsvLine(['line', 'reason', ...header!]));
    }
    rejects.write(formatCsvLine([String(line), reason, ...fields]));
  };

  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    const results = await ingestBatch(ctx, batch.map((p) => p.input), { collectCandidates: options.collectCandidates });
    for (const [i, outcome] of results.entries()) {
      const row = batch[i];
      if (!outcome.ok) {
        reject(row.line, row.fields, outcome.problems.map((p) => `${columnOfPath(p.field.split('.'))}: ${p.message}`).join('; '));
        continue;
      }
      loaded++;
      outcomes[outcome.result.decision] = (outcomes[outcome.result.decision] ?? 0) + 1;
      options.onRow?.({ line: row.line, system: row.input.system, sourceId: row.input.sourceId, result: outcome.result, candidates: outcome.candidates });
    }
  };

  let bytesRead = 0;
  for await (const rec of readCsv(options.file)) {
    bytesRead = rec.bytesRead;
    if (!header) {
      header = rec.fields.map((h) => h.trim());
      mapper = createRowMapper(header, options.mapping ?? null, options.system ?? null);
      continue;
    }
    rows++;
    const request = toIngestRequest(mapper!.toCanonical(rec.fields), options.system ?? null, importedAt);
    if (!request.ok) {
      reject(rec.line, rec.fields, request.problems.map((p) => `${p.column}: ${p.message}`).join('; '));
      continue;
    }
    // Lossless intake: invalid attributes are flagged and kept raw, the rest of the row loads.
    const intake = parseLosslessly(schema, request.request);
    const parsed = intake.parsed;
    if (intake.flagged.length > 0) {
      flagged += intake.flagged.length;
      reject(rec.line, rec.fields, `loaded, flagged (kept raw, not used for matching): ${intake.flagged.map((f) => `${columnOfPath(['attributes', f.attribute])}: ${f.reason}`).join('; ')}`, true);
    }
    if (!parsed.success) {
      reject(rec.line, rec.fields, parsed.error.issues.map((i) => `${columnOfPath(i.path)}: ${i.message}`).join('; '));
      continue;
    }
    pending.push({ line: rec.line, fields: rec.fields, input: parsed.data });
    if (pending.length >= batchSize) {
      await flush();
      options.onProgress?.({ rows, bytesRead, totalBytes, elapsedMs: Date.now() - started });
    }
  }
  await flush();
  options.onProgress?.({ rows, bytesRead: totalBytes, totalBytes, elapsedMs: Date.now() - started });
  if (rejects) await new Promise<void>((resolve, reject) => (rejects as fs.WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())));
  if (!header) throw new Error(`${options.file} is empty: expected a header line`);
  return { rows, loaded, rejected, flagged, outcomes, rejectsPath: rejected + flagged > 0 ? rejectsPath : null, seconds: (Date.now() - started) / 1000 };
}
