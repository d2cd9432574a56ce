// `peoplegraph import` and `peoplegraph export links|reviews`: argument checks, progress on stderr, summary.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import os from 'node:os';
import type { Config } from '../../platform/config';
import type { Logger } from '../../platform/logger';
import { openDatabase } from '../../platform/database';
import { applyMigrations } from '../../platform/migrate';
import { systemContext } from '../../subgraphs/shared/system-context';
import { importPeople, DEFAULT_BATCH_SIZE, type ImportProgress } from './import-people';
import { loadMapping } from './map-row';
import { LINK_COLUMNS, REVIEW_COLUMNS, linkRows, reviewRows, writeExport, type ExportFormat } from '../export/export-identity';

export interface ImportArgs { file?: string; system?: string; mapping?: string; batchSize?: string; rejects?: string }

const SYSTEMS = ['CRM', 'ATS', 'HRIS'];

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/** One progress line: rows, records/s and ETA from the share of bytes read. */
export function formatProgress(p: ImportProgress): string {
  const seconds = p.elapsedMs / 1000;
  const rate = seconds > 0 ? p.rows / seconds : 0;
  const share = p.totalBytes > 0 ? p.bytesRead / p.totalBytes : 1;
  const eta = share > 0 ? seconds * (1 - share) / share : Infinity;
  return `${p.rows} rows  ${(100 * share).toFixed(0)}%  ${rate.toFixed(0)} records/s  elapsed ${formatDuration(seconds)}  ETA ${formatDuration(eta)}`;
}

const HEAP_BUDGET_ENV = 'PEOPLEGRAPH_IMPORT_HEAP_BUDGET';

/**
 * The import holds one batch at a time, but V8 lets its heap grow far past what is live before it
 * collects hard (a 100,000-record run peaked at 1 GB RSS with under 200 MB live). So the command runs in
 * a child process whose heap is capped at IMPORT_HEAP_MB: its footprint is bounded by the batch, not by
 * the file. Returns the child's exit code, or null in the child itself (or with a budget of 0).
 */
export async function runWithHeapBudget(heapMb: number): Promise<number | null> {
  if (heapMb === 0 || process.env[HEAP_BUDGET_ENV]) return null;
  const child = spawn(process.execPath, [...process.execArgv, `--max-old-space-size=${heapMb}`, ...process.argv.slice(1)], {
    stdio: 'inherit', env: { ...process.env, [HEAP_BUDGET_ENV]: String(heapMb) },
  });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  try {
    const [code, signal] = (await once(child, 'exit')) as [number | null, NodeJS.Signals | null];
    return code ?? 128 + (signal ? os.constants.signals[signal] : 0);
  } finally {
    process.off('SIGINT', forward);
    process.off('SIGTERM', forward);
  }
}

export async function runImportCommand(config: Config, logger: Logger, args: ImportArgs): Promise<number> {
  if (!args.file) {
    process.stderr.write('Usage: peoplegraph import --file people.csv [--system CRM|ATS|HRIS] [--mapping mapping.json] [--batch-size N] [--rejects path]\n');
    return 2;
  }
  if (!fs.existsSync(args.file)) {
    process.stderr.write(`No such file: ${args.file}\n`);
    return 2;
  }
  const system = args.system?.toUpperCase() ?? null;
  if (system && !SYSTEMS.includes(system)) {
    process.stderr.write(`--system must be one of ${SYSTEMS.join(', ')}\n`);
    return 2;
  }
  const batchSize = args.batchSize === undefined ? DEFAULT_BATCH_SIZE : Number(args.batchSize);
  if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 10_000) {
    process.stderr.write('--batch-size must be a whole number from 1 to 10000\n');
    return 2;
  }
  let mapping = null;
  try {
    mapping = args.mapping ? loadMapping(args.mapping) : null;
  } catch (err) {
    process.stderr.write(`Invalid mapping: ${(err as Error).message}\n`);
    return 2;
  }
  const db = await openDatabase(config.database);
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  try {
    await applyMigrations(db.raw);
    const ctx = systemContext({ db, config, logger }, 'cli:import');
    const summary = await importPeople(ctx, {
      file: args.file, system, mapping, batchSize, rejectsPath: args.rejects,
      onProgress: (p) => {
        if (tty) process.stderr.write(`\r${formatProgress(p)}\x1b[K`);
        else if (p.elapsedMs - lastLine >= 5000 || p.bytesRead === p.totalBytes) {
          lastLine = p.elapsedMs;
          process.stderr.write(`${formatProgress(p)}\n`);
        }
      },
    });
    if (tty) process.stderr.write('\n');
    const order = ['CREATED', 'CREATED_FLAGGED', 'MATCHED', 'AUTO_MERGED', 'REVIEW_QUEUED', 'UNCHANGED'];
    const counts = order.filter((k) => summary.outcomes[k]).map((k) => `  ${k.padEnd(16)} ${summary.outcomes[k]}`);
    process.stdout.write(
      `Imported ${summary.loaded} of ${summary.rows} rows from ${args.file} in ${summary.seconds.toFixed(1)} s (${(summary.rows / Math.max(summary.seconds, 0.001)).toFixed(0)} records/s), peak memory ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB.\n` +
      `${counts.join('\n')}${counts.length ? '\n' : ''}  ${'REJECTED'.padEnd(16)} ${summary.rejected}\n  ${'FLAGGED VALUES'.padEnd(16)} ${summary.flagged}${summary.rejectsPath ? `  (line and reason of each rejected row and flagged value in ${summary.rejectsPath})` : ''}\n`,
    );
    return summary.rejected > 0 ? 1 : 0;
  } catch (err) {
    if (tty) process.stderr.write('\n');
    if (err instanceof Error && /^the file has no|is empty/.test(err.message)) {
      process.stderr.write(`${err.message}\n`);
      return 2;
    }
    throw err;
  } finally {
    await db.close();
  }
}

export async function runExportCommand(config: Config, what: string | undefined, args: { format?: string; out?: string }): Promise<number> {
  if (what !== 'links' && what !== 'reviews') {
    process.stderr.write('Usage: peoplegraph export links|reviews [--format csv|json] [--out file]\n');
    return 2;
  }
  const format = (args.format ?? 'csv') as ExportFormat;
  if (format !== 'csv' && format !== 'json') {
    process.stderr.write('--format must be csv or json\n');
    return 2;
  }
  const db = await openDatabase(config.database);
  const out = args.out ? fs.createWriteStream(args.out) : process.stdout;
  try {
    await applyMigrations(db.raw);
    const n = what === 'links'
      ? await writeExport(linkRows(db), LINK_COLUMNS, format, out)
      : await writeExport(reviewRows(db), REVIEW_COLUMNS, format, out);
    if (args.out) {
      await new Promise<void>((resolve, reject) => (out as fs.WriteStream).end((err?: Error | null) => (err ? reject(err) : resolve())));
      process.stderr.write(`Wrote ${n} ${what === 'links' ? 'source record links' : 'open review tasks'} to ${args.out}\n`);
    }
    return 0;
  } finally {
    await db.close();
  }
}
