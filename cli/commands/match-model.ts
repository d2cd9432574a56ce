// `peoplegraph match-model train|show|diff|activate`: fit the match model's m, u and prior to the
// deployment's own records (EM, core/identity/estimate-match-model.ts) starting from the active model,
// store it as a new version, inspect a version and compare two.
import fs from 'node:fs';
import { computeBlockingKeys } from '../../core/identity/blocking-keys';
import { DEFAULT_MATCH_MODEL, type MatchAttribute, type MatchModel } from '../../core/identity/default-match-model';
import { trainMatchModel, type LabelledPair } from '../../core/identity/estimate-match-model';
import { decodeStoredFeatures } from '../../core/identity/stored-features';
import type { MatchFeatures } from '../../core/identity/types';
import type { Config } from '../../platform/config';
import type { Database } from '../../platform/database';
import { featuresOf, ingestInputSchema, toStoredAttributes } from '../../subgraphs/person/use-cases/ingest-input';
import { activateMatchModel, listMatchModels, loadActiveMatchModel, modelOfRow, saveMatchModel, versionLabel } from '../../subgraphs/person/store/match-models';
import { createRowMapper, loadMapping, toIngestRequest } from '../import/map-row';
import { readCsv } from '../import/read-csv';

export const MATCH_MODEL_USAGE = `Usage:
  peoplegraph match-model train [--file people.csv [--mapping mapping.json] [--system S]] [--activate] [--note text]
      estimate m, u and the prior from the hub's source records (or from an import file before it is
      loaded), starting from the active model; steward decisions count as labelled pairs; stores a new version
  peoplegraph match-model show [VERSION]        parameters and weights of a version (default: the active one)
  peoplegraph match-model diff A B              levels whose weight differs between two versions (0 = built-in)
  peoplegraph match-model activate VERSION      decide with this version from now on (0: the built-in model)
`;

export interface MatchModelArgs { file?: string; mapping?: string; system?: string; activate?: boolean; note?: string }

/** Matching features of an import file's rows, read as the import reads them; rows it would refuse are skipped. */
export async function readFileFeatures(config: Config, file: string, options: { mapping?: string; system?: string } = {}): Promise<MatchFeatures[]> {
  const schema = ingestInputSchema(config, new Date());
  const mapping = options.mapping ? loadMapping(options.mapping) : null;
  const out: MatchFeatures[] = [];
  let mapper: ReturnType<typeof createRowMapper> | null = null;
  for await (const rec of readCsv(file)) {
    if (!mapper) {
      mapper = createRowMapper(rec.fields.map((h) => h.trim()), mapping, options.system ?? null);
      continue;
    }
    const request = toIngestRequest(mapper.toCanonical(rec.fields), options.system ?? null, new Date());
    if (!request.ok) continue;
    const parsed = schema.safeParse(request.request);
    if (!parsed.success) continue;
    out.push(featuresOf(toStoredAttributes(parsed.data.attributes, config.legalIdHmacKey), parsed.data.system, config));
  }
  return out;
}

/** Non-erased source records' features, and the pairs steward decisions labelled (reviews decided, constraints). */
async function readHub(db: Database): Promise<{ records: MatchFeatures[]; labelled: LabelledPair[] }> {
  const rows = await db.prisma.$queryRawUnsafe<Array<{ id: string; personId: string; features: unknown }>>(
    `SELECT id::text, "personId"::text AS "personId", features FROM "SourceRecord" WHERE "erasedAt" IS NULL ORDER BY id`,
  );
  const index = new Map(rows.map((r, i) => [r.id, i]));
  const firstOf = new Map<string, number>();
  rows.forEach((r, i) => { if (!firstOf.has(r.personId)) firstOf.set(r.personId, i); });
  const decided = await db.prisma.$queryRawUnsafe<Array<{ a: string; person: string; same: boolean }>>(
    `SELECT "sourceRecordId"::text AS a, "candidatePersonId"::text AS person, status = 'SAME_PERSON' AS same FROM "MatchReview" WHERE status IN ('SAME_PERSON', 'DIFFERENT_PEOPLE')`,
  );
  const constraints = await db.prisma.$queryRawUnsafe<Array<{ a: string; b: string; same: boolean }>>(
    `SELECT "sourceRecordAId"::text AS a, "sourceRecordBId"::text AS b, kind::text = 'MUST_LINK' AS same FROM "MatchConstraint"`,
  );
  const labelled: LabelledPair[] = [];
  for (const d of decided) {
    const a = index.get(d.a);
    // A merged-away candidate's records moved to the survivor; the review's own record stands for the pair then.
    const b = firstOf.get(d.person);
    if (a !== undefined && b !== undefined && a !== b) labelled.push({ a, b, match: d.same });
  }
  for (const c of constraints) {
    const a = index.get(c.a);
    const b = index.get(c.b);
    if (a !== undefined && b !== undefined) labelled.push({ a, b, match: c.same });
  }
  return { records: rows.map((r) => decodeStoredFeatures(r.features)), labelled };
}

const weightOf = (p: { m: number; u: number }) => Math.log2(p.m / p.u);

function formatModel(model: MatchModel): string {
  const lines = [`model ${model.version ?? 'default'}: prior ${model.prior.toExponential(3)}`, 'attribute      level              m          u          weight'];
  for (const [attribute, levels] of Object.entries(model.attributes)) {
    for (const [level, p] of Object.entries(levels)) {
      lines.push(`${attribute.padEnd(14)} ${level.padEnd(18)} ${p.m.toExponential(3).padEnd(10)} ${p.u.toExponential(3).padEnd(10)} ${weightOf(p).toFixed(2).padStart(7)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Levels whose weight moved by at least 0.1 bit, largest change first; the prior's change as log2 odds. */
export function diffModels(a: MatchModel, b: MatchModel): string {
  const rows: Array<[string, number, number]> = [];
  for (const attribute of Object.keys(a.attributes) as MatchAttribute[]) {
    for (const level of Object.keys(a.attributes[attribute])) {
      const wa = weightOf(a.attributes[attribute][level]);
      const wb = weightOf(b.attributes[attribute][level]);
      if (Math.abs(wa - wb) >= 0.1) rows.push([`${attribute}.${level}`, wa, wb]);
    }
  }
  rows.sort((x, y) => Math.abs(y[2] - y[1]) - Math.abs(x[2] - x[1]));
  const logOdds = (p: number) => Math.log2(p / (1 - p));
  const lines = [`${a.version ?? 'default'} → ${b.version ?? 'default'}`, `prior          ${a.prior.toExponential(3)} → ${b.prior.toExponential(3)} (${(logOdds(b.prior) - logOdds(a.prior)).toFixed(2)} bits)`];
  for (const [name, wa, wb] of rows) lines.push(`${name.padEnd(32)} ${wa.toFixed(2).padStart(7)} → ${wb.toFixed(2).padStart(7)}`);
  if (rows.length === 0) lines.push('no level weight differs by 0.1 bit or more');
  return `${lines.join('\n')}\n`;
}

async function modelOfVersion(db: Database, version: string | undefined): Promise<MatchModel | null> {
  if (version === undefined) return loadActiveMatchModel(db.prisma);
  const n = Number(version.replace(/^v/, ''));
  if (n === 0) return DEFAULT_MATCH_MODEL;
  const row = (await listMatchModels(db.prisma)).find((r) => r.version === n);
  return row ? modelOfRow(row) : null;
}

export async function runMatchModelCommand(config: Config, db: Database, action: string | undefined, positionals: string[], args: MatchModelArgs): Promise<number> {
  switch (action) {
    case 'train': {
      if (args.file && !fs.existsSync(args.file)) {
        process.stderr.write(`No such file: ${args.file}\n`);
        return 2;
      }
      const start = await loadActiveMatchModel(db.prisma);
      const { records, labelled } = args.file
        ? { records: await readFileFeatures(config, args.file, args), labelled: [] as LabelledPair[] }
        : await readHub(db);
      if (records.length < 2) {
        process.stderr.write('Not enough records to train on (need at least 2).\n');
        return 1;
      }
      const trained = trainMatchModel(records, start, computeBlockingKeys, { labelledPairs: labelled });
      const version = await saveMatchModel(db.prisma, trained.model, {
        trainedOn: records.length, labelledPairs: labelled.length, note: args.note ?? (args.file ? `trained on ${args.file}` : null),
        createdBy: 'cli:match-model', activate: Boolean(args.activate),
      });
      process.stdout.write(`stored ${versionLabel(version)}${args.activate ? ' (active)' : ''}: ${records.length} records, ${labelled.length} labelled pairs, `
        + `${trained.iterations} EM iteration(s), expected match share among candidate pairs ${trained.candidateMatchShare.toFixed(3)}\n`);
      process.stdout.write(diffModels(start, { ...trained.model, version: versionLabel(version) }));
      return 0;
    }
    case 'show': {
      const model = await modelOfVersion(db, positionals[0]);
      if (!model) {
        process.stderr.write(`No match model version ${positionals[0]}\n`);
        return 1;
      }
      process.stdout.write(formatModel(model));
      const rows = await listMatchModels(db.prisma);
      if (rows.length) {
        process.stdout.write('\nversions:\n');
        for (const r of rows) process.stdout.write(`  ${versionLabel(r.version)}${r.active ? ' (active)' : ''}  ${new Date(r.createdAt).toISOString()}  ${r.trainedOn} records, ${r.labelledPairs} labelled pairs${r.note ? `  ${r.note}` : ''}\n`);
      }
      return 0;
    }
    case 'diff': {
      if (positionals.length !== 2) {
        process.stderr.write(MATCH_MODEL_USAGE);
        return 2;
      }
      const [a, b] = await Promise.all(positionals.map((v) => modelOfVersion(db, v)));
      if (!a || !b) {
        process.stderr.write('Unknown match model version\n');
        return 1;
      }
      process.stdout.write(diffModels(a, b));
      return 0;
    }
    case 'activate': {
      const n = Number((positionals[0] ?? '').replace(/^v/, ''));
      if (!Number.isInteger(n) || n < 0 || !(await activateMatchModel(db.prisma, n))) {
        process.stderr.write(`No match model version ${positionals[0] ?? ''}\n`);
        return 1;
      }
      process.stdout.write(n === 0 ? 'deciding with the built-in model\n' : `deciding with ${versionLabel(n)}\n`);
      return 0;
    }
    default:
      process.stderr.write(MATCH_MODEL_USAGE);
      return 2;
  }
}
