// `peoplegraph reconcile --system HRIS --file export.csv [--apply] [--format table|json] [--mapping m.json]`:
// reads a system's export (the import's CSV reader and row mapper), compares it with the golden records
// and prints the drift; --apply sends the fixes through the ingest pipeline.
import fs from 'node:fs';
import path from 'node:path';
import type { Config } from '../../platform/config';
import type { Logger } from '../../platform/logger';
import { openDatabase } from '../../platform/database';
import { applyMigrations } from '../../platform/migrate';
import { newId } from '../../platform/ids';
import { systemContext } from '../../subgraphs/shared/system-context';
import { reconcileExport, type ExportRecord, type ReconcileResult } from '../../subgraphs/person/use-cases/reconciliation';
import { DRIFT_KINDS, type Drift } from '../../core/reconciliation/compare-export';
import { readCsv } from '../import/read-csv';
import { createRowMapper, loadMapping, toIngestRequest, type ColumnMapping } from '../import/map-row';

export interface ReconcileArgs { system?: string; file?: string; apply?: boolean; format?: string; mapping?: string }

const USAGE = 'Usage: peoplegraph reconcile --system CRM|ATS|HRIS --file export.csv [--apply] [--format table|json] [--mapping mapping.json]\n';
const SYSTEMS = ['CRM', 'ATS', 'HRIS'] as const;

/** Rows of the file as ingest requests; rows that cannot even be expressed as one are returned as problems. */
export async function readExport(file: string, system: string, mapping: ColumnMapping | null, now: Date) {
  const records: ExportRecord[] = [];
  const unreadable: Array<{ line: number; sourceId: string; problems: string[] }> = [];
  let mapper: ReturnType<typeof createRowMapper> | null = null;
  for await (const rec of readCsv(file)) {
    if (!mapper) {
      mapper = createRowMapper(rec.fields, mapping, system);
      continue;
    }
    const row = mapper.toCanonical(rec.fields);
    const r = toIngestRequest(row, system, now);
    if (r.ok) records.push({ line: rec.line, request: r.request });
    else unreadable.push({ line: rec.line, sourceId: row.source_id ?? '', problems: r.problems.map((p) => `${p.column}: ${p.message}`) });
  }
  if (!mapper) throw new Error(`${file} is empty: expected a header line`);
  return { records, unreadable };
}

function describe(d: Drift): [string, string, string, string] {
  switch (d.kind) {
    case 'UNLINKED':
      return [String(d.line), d.sourceId, d.candidate?.personId ?? '', d.candidate ? `best candidate (${d.candidate.decision}${d.candidate.score !== null ? ` ${d.candidate.score.toFixed(2)}` : ''})` : 'no candidate: --apply creates a person'];
    case 'MISSING_FROM_EXPORT':
      return ['', d.sourceId, d.personId, 'linked, but not in the export'];
    case 'DIVERGENT_VALUE':
      return [String(d.line), d.sourceId, d.personId, `${d.attribute}: golden ${JSON.stringify(d.goldenValue)}, export ${JSON.stringify(d.exportValue)}`];
    case 'DUPLICATE_ROWS':
      return [d.lines.join(','), d.sourceIds.join(','), d.personId, `${d.sourceIds.length} rows resolve to one person`];
    case 'LINK_DISAGREES_WITH_MATCH':
      return [String(d.line), d.sourceId, d.linkedPersonId, `linked here, but matches ${d.candidate.personId} (${d.candidate.decision})`];
  }
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (i === head.length - 1 ? 0 : r[i].length))));
  const line = (r: string[]) => r.map((c, i) => (i === head.length - 1 ? c : c.padEnd(widths[i]))).join('  ');
  return [line(head), ...rows.map(line)].join('\n');
}

export function formatReport(result: ReconcileResult, unreadable: Array<{ line: number; sourceId: string; problems: string[] }>): string {
  const { report } = result;
  const out: string[] = [];
  out.push(`Reconciliation of ${report.system}: ${report.rows} row(s) compared; authoritative for ${report.authoritativeAttributes.join(', ') || 'no compared attribute'}.`);
  out.push(table(['DRIFT', 'COUNT'], DRIFT_KINDS.map((k) => [k, String(report.counts[k])])));
  if (report.drift.length) out.push('', table(['KIND', 'LINE', 'SOURCE ID', 'PERSON', 'DETAIL'], report.drift.map((d) => [d.kind, ...describe(d)])));
  const problems = [...unreadable, ...result.invalidRows];
  if (problems.length) out.push('', `${problems.length} row(s) not compared:`, table(['LINE', 'SOURCE ID', 'PROBLEM'], problems.map((p) => [String(p.line), p.sourceId, p.problems.join('; ')])));
  if (result.applied.length || result.failedFixes.length) {
    out.push('', `Applied through ingest: ${result.applied.filter((a) => a.decision !== 'UNCHANGED').length} changed, ${result.applied.filter((a) => a.decision === 'UNCHANGED').length} unchanged, ${result.failedFixes.length} failed.`);
    out.push(table(['LINE', 'SOURCE ID', 'DECISION', 'PERSON', 'CHANGED'], [
      ...result.applied.map((a) => [String(a.line), a.sourceId, a.decision, a.personId, a.changedAttributes.join(',')]),
      ...result.failedFixes.map((f) => [String(f.line), f.sourceId, 'FAILED', '', f.problems.join('; ')]),
    ]));
  }
  out.push('', `Run ${result.runId}.`);
  return `${out.join('\n')}\n`;
}

export async function runReconcileCommand(config: Config, logger: Logger, args: ReconcileArgs): Promise<number> {
  const system = args.system?.toUpperCase();
  if (!args.file || !system) {
    process.stderr.write(USAGE);
    return 2;
  }
  if (!(SYSTEMS as readonly string[]).includes(system)) {
    process.stderr.write(`--system must be one of ${SYSTEMS.join(', ')}\n`);
    return 2;
  }
  const format = args.format ?? 'table';
  if (format !== 'table' && format !== 'json') {
    process.stderr.write('--format must be table or json\n');
    return 2;
  }
  if (!fs.existsSync(args.file)) {
    process.stderr.write(`No such file: ${args.file}\n`);
    return 2;
  }
  let input: Awaited<ReturnType<typeof readExport>>;
  try {
    input = await readExport(args.file, system, args.mapping ? loadMapping(args.mapping) : null, new Date());
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    return 2;
  }
  const db = await openDatabase(config.database);
  try {
    await applyMigrations(db.raw);
    const runId = newId();
    const ctx = systemContext({ db, config, logger }, `cli:reconcile:${system}`, runId);
    const result = await reconcileExport(ctx, { system: system as (typeof SYSTEMS)[number], file: path.basename(args.file), records: input.records, apply: Boolean(args.apply), runId });
    process.stdout.write(format === 'json'
      ? `${JSON.stringify({ ...result, unreadableRows: input.unreadable }, null, 2)}\n`
      : formatReport(result, input.unreadable));
    return 0;
  } finally {
    await db.close();
  }
}
