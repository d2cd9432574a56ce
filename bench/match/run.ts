/**
 * Match quality through the real import path: each labelled data set is written as canonical CSV,
 * loaded with `importPeople` (the code behind `peoplegraph import`) into a throwaway PostgreSQL
 * database, the links are read back with the export, and scored against the ground truth as
 * ../shared/benchmarks/README.md defines.
 *
 *   npm run bench:match [-- --people 10000,100000] [--data DIR] [--batch-size N] [--only generated|labelled] [--model default|trained|both]
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { openDatabase } from '../../platform/database';
import { applyMigrations } from '../../platform/migrate';
import { normalizeEmail } from '../../core/identity/normalize-email';
import { systemContext } from '../../subgraphs/shared/system-context';
import { importPeople } from '../../cli/import/import-people';
import { formatCsvLine } from '../../cli/import/write-csv';
import { readCsv } from '../../cli/import/read-csv';
import { linkRows } from '../../cli/export/export-identity';
import { writePopulationFiles } from '../synthetic/write-population';
import { createThrowawayDatabase } from '../read/database';
import { findLargestCluster, scoreBCubed, scorePairwise } from '../lib/score-clusters';
import { computeBlockingKeys } from '../../core/identity/blocking-keys';
import { DEFAULT_MATCH_MODEL } from '../../core/identity/default-match-model';
import { trainMatchModel } from '../../core/identity/estimate-match-model';
import { readFileFeatures } from '../../cli/commands/match-model';
import { saveMatchModel } from '../../subgraphs/person/store/match-models';
import { measureCopyFloor } from '../lib/copy-floor';

const HEADER = ['system', 'source_id', 'source_timestamp', 'given_name', 'middle_name', 'family_name', 'full_name', 'preferred_name', 'email', 'phone',
  'birth_date', 'national_id', 'street', 'city', 'postcode', 'country', 'employer', 'job_title'];

function flag(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

interface Dataset {
  name: string;
  /** CSV files in load order. */
  files: string[];
  /** `${system}:${sourceId}` → entity. */
  truth: Map<string, string>;
}

/** Spread labelled rows over CRM/ATS/HRIS by a hash of the row id (benchmarks README). */
function systemOf(rowId: string): string {
  let h = 0;
  for (const ch of rowId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return ['CRM', 'ATS', 'HRIS'][h % 3];
}

function isCalendarDate(d: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d) && d >= '1900-01-01';
}

/**
 * Writes a labelled file as the canonical CSV, values as they are. Those that fail validation (an
 * impossible date such as 1956-02-31, an address without @) are counted and printed: the import keeps
 * them raw and flagged, out of matching.
 */
async function writeLabelled(name: string, source: string, dir: string, toRow: (r: Record<string, string>) => { id: string; entity: string; cells: Record<string, string> }): Promise<Dataset & { cleaned: number }> {
  const out = path.join(dir, `${name}.csv`);
  const fd = fs.openSync(out, 'w');
  fs.writeSync(fd, formatCsvLine(HEADER));
  const truth = new Map<string, string>();
  let header: string[] | null = null;
  let cleaned = 0;
  for await (const rec of readCsv(source)) {
    if (!header) {
      header = rec.fields.map((h) => h.trim());
      continue;
    }
    const raw = Object.fromEntries(header.map((h, i) => [h, (rec.fields[i] ?? '').trim()]));
    const { id, entity, cells } = toRow(raw);
    // Left as they are: the import keeps such values raw and flagged, out of matching (lossless intake).
    if (cells.birth_date && !isCalendarDate(cells.birth_date)) cleaned++;
    if (cells.email && !normalizeEmail(cells.email)) cleaned++;
    const system = systemOf(id);
    truth.set(`${system}:${id}`, entity);
    fs.writeSync(fd, formatCsvLine(HEADER.map((h) => (h === 'system' ? system : h === 'source_id' ? id : (cells[h] ?? '')))));
  }
  fs.closeSync(fd);
  return { name, files: [out], truth, cleaned };
}

const yyyymmdd = (v: string) => (/^\d{8}$/.test(v) ? `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}` : v);

async function labelledDatasets(dataDir: string, dir: string): Promise<Dataset[]> {
  const out: Dataset[] = [];
  const febrl = path.join(dataDir, 'febrl3.csv');
  if (fs.existsSync(febrl)) {
    const d = await writeLabelled('febrl3', febrl, dir, (r) => ({
      id: r.rec_id, entity: r.rec_id.split('-')[1],
      cells: {
        given_name: r.given_name, family_name: r.surname, street: [r.street_number, r.address_1].filter(Boolean).join(' '), city: r.suburb,
        postcode: r.postcode, birth_date: yyyymmdd(r.date_of_birth), national_id: r.soc_sec_id, country: 'AU',
      },
    }));
    console.log(`febrl3: ${d.cleaned} values that fail validation (flagged and kept raw)`);
    out.push(d);
  } else console.log(`skipping febrl3: ${febrl} not found`);
  const splink = path.join(dataDir, 'splink_fake_1000.csv');
  if (fs.existsSync(splink)) {
    const d = await writeLabelled('splink_fake_1000', splink, dir, (r) => ({
      id: r.unique_id, entity: r.cluster,
      cells: { given_name: r.first_name, family_name: r.surname, birth_date: r.dob, city: r.city, email: r.email },
    }));
    console.log(`splink_fake_1000: ${d.cleaned} values that fail validation (flagged and kept raw)`);
    out.push(d);
  } else console.log(`skipping splink_fake_1000: ${splink} not found`);
  return out;
}

async function generatedDataset(people: number, dir: string): Promise<Dataset> {
  const outDir = path.join(dir, `generated-${people}`);
  writePopulationFiles({ people, seed: 'peoplegraph', outDir });
  const truth = new Map<string, string>();
  let header = true;
  for await (const rec of readCsv(path.join(outDir, 'truth.csv'))) {
    if (header) {
      header = false;
      continue;
    }
    truth.set(`${rec.fields[0]}:${rec.fields[1]}`, rec.fields[2]);
  }
  // HRIS first: the system of record for legal identity, as a backfill would usually start.
  return { name: `generated ${people.toLocaleString('en-US')} people`, files: ['hris.csv', 'ats.csv', 'crm.csv'].map((f) => path.join(outDir, f)), truth };
}

interface Report {
  name: string;
  records: number;
  rejected: number;
  /** Attribute values the import flagged (kept raw, out of matching). */
  flagged: number;
  /** Predicted people whose records belong to more than one real person. */
  mixedPeople: number;
  /** The match model the import decided with: the built-in one, or one trained (EM) on the data set's files first. */
  model: 'default' | 'trained';
  seconds: number;
  peakRssMiB: number;
  pairwise: ReturnType<typeof scorePairwise>;
  bcubed: { precision: number; recall: number };
  autoMerges: number;
  autoMergePrecision: number;
  reviewShare: number;
  outcomes: Record<string, number>;
  largestPredicted: number;
  largestTrue: number;
  candidatePairsPerRecord: number;
  pairsCompleteness: number;
  /** Growth of the database (pg_database_size) over the import, per loaded source record. */
  bytesPerRecord: number;
  /** The same CSV rows through a plain COPY into a table of text columns: the floor for the import. */
  copyRowsPerSecond: number;
  /** The largest tables' share of that growth, bytes per source record. */
  bytesPerRecordByTable: Array<[string, number]>;
}

const TABLE_SIZES = `SELECT c.relname AS name, pg_total_relation_size(c.oid)::text AS bytes FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind = 'r'`;

async function measure(dataset: Dataset, batchSize: number, model: 'default' | 'trained' = 'default'): Promise<Report> {
  const server = await createThrowawayDatabase(undefined, { prefix: 'bench_match' });
  const config = { ...loadConfig({ LOG_LEVEL: 'warn' }), database: { kind: 'postgres' as const, url: server.url, poolSize: 4 } };
  const db = await openDatabase(config.database);
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => { peakRss = Math.max(peakRss, process.memoryUsage().rss); }, 200);
  try {
    await applyMigrations(db.raw);
    const ctx = systemContext({ db, config, logger: createLogger('warn') }, 'bench:match');
    if (model === 'trained') {
      // What `peoplegraph match-model train --file … --activate` does: EM on the files' own records, no labels.
      const features = (await Promise.all(dataset.files.map((f) => readFileFeatures(config, f)))).flat();
      const trained = trainMatchModel(features, DEFAULT_MATCH_MODEL, computeBlockingKeys);
      await saveMatchModel(db.prisma, trained.model, { trainedOn: features.length, labelledPairs: 0, note: 'bench:match', createdBy: 'bench:match', activate: true });
    }
    const sizeOf = async () => Number((await db.raw.query<{ n: string }>(`SELECT pg_database_size(current_database())::text AS n`))[0].n);
    const sizeBefore = await sizeOf();
    const tablesBefore = new Map((await db.raw.query<{ name: string; bytes: string }>(TABLE_SIZES)).map((t) => [t.name, Number(t.bytes)]));
    // Decision-time bookkeeping: who was already in the person a record joined, which earlier records it saw.
    const membersOf = new Map<string, string[]>();
    const seenByEntity = new Map<string, string[]>();
    const outcomes: Record<string, number> = {};
    let autoMerges = 0;
    let correctAutoMerges = 0;
    let candidatePairs = 0;
    let truePairs = 0;
    let keptPairs = 0;
    let rejected = 0;
    let flagged = 0;
    let records = 0;
    const started = Date.now();
    for (const file of dataset.files) {
      const summary = await importPeople(ctx, {
        file, batchSize, collectCandidates: true, rejectsPath: `${file}.rejects.csv`,
        onRow: ({ system, sourceId, result, candidates }) => {
          const key = `${system}:${sourceId}`;
          const entity = dataset.truth.get(key) ?? `?${key}`;
          outcomes[result.decision] = (outcomes[result.decision] ?? 0) + 1;
          const members = membersOf.get(result.personId) ?? [];
          if (result.decision === 'AUTO_MERGED') {
            autoMerges++;
            if (members.every((m) => dataset.truth.get(m) === entity)) correctAutoMerges++;
          }
          members.push(key);
          membersOf.set(result.personId, members);
          const seen = candidates?.map((c) => `${c.system}:${c.sourceId}`) ?? [];
          candidatePairs += seen.length;
          const earlier = seenByEntity.get(entity) ?? [];
          const scored = new Set(seen);
          truePairs += earlier.length;
          keptPairs += earlier.filter((k) => scored.has(k)).length;
          earlier.push(key);
          seenByEntity.set(entity, earlier);
        },
      });
      rejected += summary.rejected;
      flagged += summary.flagged;
      records += summary.rows;
    }
    const seconds = (Date.now() - started) / 1000;
    await db.raw.query('CHECKPOINT');
    const bytesPerRecord = (await sizeOf() - sizeBefore) / Math.max(1, records - rejected);
    const loaded = Math.max(1, records - rejected);
    const bytesPerRecordByTable = (await db.raw.query<{ name: string; bytes: string }>(TABLE_SIZES))
      .map((t): [string, number] => [t.name, (Number(t.bytes) - (tablesBefore.get(t.name) ?? 0)) / loaded])
      .sort((a, b) => b[1] - a[1]).slice(0, 6);
    const copyRowsPerSecond = await measureCopyFloor(db.raw, dataset.files);
    const predicted: string[] = [];
    const truth: string[] = [];
    for await (const link of linkRows(db)) {
      const entity = dataset.truth.get(`${link.system}:${link.source_id}`);
      if (entity === undefined) continue;
      predicted.push(String(link.person_id));
      truth.push(entity);
    }
    return {
      name: dataset.name, records, rejected, flagged, model, mixedPeople: countMixedPeople(predicted, truth), seconds, peakRssMiB: peakRss / 2 ** 20,
      pairwise: scorePairwise(predicted, truth), bcubed: scoreBCubed(predicted, truth),
      autoMerges, autoMergePrecision: autoMerges === 0 ? 1 : correctAutoMerges / autoMerges,
      reviewShare: (outcomes.REVIEW_QUEUED ?? 0) / Math.max(1, records - rejected), outcomes,
      largestPredicted: findLargestCluster(predicted), largestTrue: findLargestCluster(truth),
      candidatePairsPerRecord: candidatePairs / Math.max(1, records - rejected), pairsCompleteness: truePairs === 0 ? 1 : keptPairs / truePairs,
      bytesPerRecord, copyRowsPerSecond, bytesPerRecordByTable,
    };
  } finally {
    clearInterval(sampler);
    await db.close();
    await server.drop();
  }
}

const f4 = (x: number) => x.toFixed(4);

function countMixedPeople(predicted: readonly string[], truth: readonly string[]): number {
  const entities = new Map<string, Set<string>>();
  predicted.forEach((p, i) => entities.set(p, (entities.get(p) ?? new Set()).add(truth[i])));
  return [...entities.values()].filter((e) => e.size > 1).length;
}

function print(r: Report): void {
  console.log(`\n== ${r.name}, ${r.model} model: ${r.records} records (${r.rejected} rejected, ${r.flagged} values flagged), ${r.pairwise.truePairs} true pairs`);
  console.log(`pairwise        precision ${f4(r.pairwise.precision)}  recall ${f4(r.pairwise.recall)}  F1 ${f4(r.pairwise.f1)}`);
  console.log(`b-cubed         precision ${f4(r.bcubed.precision)}  recall ${f4(r.bcubed.recall)}`);
  console.log(`auto-merge      ${r.autoMerges} decisions, precision ${f4(r.autoMergePrecision)}`);
  console.log(`outcomes        ${Object.entries(r.outcomes).map(([k, v]) => `${k} ${v}`).join(', ')}; review share ${(100 * r.reviewShare).toFixed(2)}%`);
  console.log(`clusters        largest predicted ${r.largestPredicted} vs largest true ${r.largestTrue}; ${r.mixedPeople} predicted people mix two or more real people`);
  console.log(`blocking        ${r.candidatePairsPerRecord.toFixed(2)} candidate pairs scored per record, pairs completeness ${f4(r.pairsCompleteness)}`);
  console.log(`throughput      ${(r.records / r.seconds).toFixed(0)} records/s (${r.seconds.toFixed(1)} s), peak RSS ${r.peakRssMiB.toFixed(0)} MiB`);
  console.log(`floor           COPY of the same rows ${r.copyRowsPerSecond.toFixed(0)} rows/s; import at ${(100 * (r.records / r.seconds) / r.copyRowsPerSecond).toFixed(2)}% of it`);
  console.log(`storage         ${(r.bytesPerRecord / 1024).toFixed(1)} KiB of database per source record (${r.bytesPerRecordByTable.map(([t, b]) => `${t} ${(b / 1024).toFixed(2)}`).join(', ')} KiB, with indexes)`);
}

async function main(): Promise<void> {
  const dataDir = flag('--data') ?? path.join(__dirname, '..', '..', '..', '..', 'shared', 'benchmarks', 'data');
  const people = (flag('--people') ?? '10000,100000').split(',').map(Number).filter((n) => n > 0);
  const batchSize = Number(flag('--batch-size') ?? 1000);
  const only = flag('--only');
  const models: Array<'default' | 'trained'> = flag('--model') === 'default' ? ['default'] : flag('--model') === 'trained' ? ['trained'] : ['default', 'trained'];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-match-'));
  const reports: Report[] = [];
  try {
    const datasets: Dataset[] = [];
    if (only !== 'generated') datasets.push(...(await labelledDatasets(path.resolve(dataDir), dir)));
    for (const dataset of datasets) {
      for (const model of models) {
        reports.push(await measure(dataset, batchSize, model));
        print(reports[reports.length - 1]);
      }
    }
    if (only !== 'labelled') {
      for (const n of people) {
        const dataset = await generatedDataset(n, dir);
        for (const model of models) {
          reports.push(await measure(dataset, batchSize, model));
          print(reports[reports.length - 1]);
        }
      }
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  console.log('\n| data | model | records | F1 | precision | recall | auto-merge precision | review share | mixed people | rejected | flagged values |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of reports) {
    console.log(`| ${r.name} | ${r.model} | ${r.records} | ${f4(r.pairwise.f1)} | ${f4(r.pairwise.precision)} | ${f4(r.pairwise.recall)} | ${f4(r.autoMergePrecision)} | ${(100 * r.reviewShare).toFixed(2)}% | ${r.mixedPeople} | ${r.rejected} | ${r.flagged} |`);
  }
  console.log('\n| data | records | F1 | precision | recall | auto-merge precision | review share | largest pred/true | pairs/record | completeness | records/s | peak RSS | KiB/record | COPY rows/s | import/COPY |');
  console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of reports) {
    console.log(`| ${r.name} (${r.model}) | ${r.records} | ${f4(r.pairwise.f1)} | ${f4(r.pairwise.precision)} | ${f4(r.pairwise.recall)} | ${f4(r.autoMergePrecision)} | ${(100 * r.reviewShare).toFixed(2)}% | ${r.largestPredicted}/${r.largestTrue} | ${r.candidatePairsPerRecord.toFixed(1)} | ${f4(r.pairsCompleteness)} | ${(r.records / r.seconds).toFixed(0)} | ${r.peakRssMiB.toFixed(0)} MiB | ${(r.bytesPerRecord / 1024).toFixed(1)} | ${r.copyRowsPerSecond.toFixed(0)} | ${(100 * (r.records / r.seconds) / r.copyRowsPerSecond).toFixed(2)}% |`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
