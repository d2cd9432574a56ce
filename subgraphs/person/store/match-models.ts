// Versioned match models (the MatchModel table): the active version the ingest store decides with, and
// the writes behind `peoplegraph match-model train|activate`. At most one version is active; activating
// one deactivates the others in the same statement.
import { completeMatchModel, DEFAULT_MATCH_MODEL, type MatchModel } from '../../../core/identity/default-match-model';
import type { Tx } from '../../../platform/database';

export interface StoredMatchModel {
  version: number;
  parameters: MatchModel;
  trainedOn: number;
  labelledPairs: number;
  note: string | null;
  active: boolean;
  createdBy: string;
  createdAt: Date;
}

/** The version label decisions carry. */
export const versionLabel = (version: number) => `v${version}`;

/** The model a stored row describes, completed with the built-in levels it lacks. */
export function modelOfRow(row: { version: number; parameters: unknown } | null | undefined): MatchModel {
  return row ? completeMatchModel(row.parameters, versionLabel(row.version)) : DEFAULT_MATCH_MODEL;
}

type Db = Pick<Tx, '$queryRawUnsafe' | '$executeRawUnsafe'>;

export async function listMatchModels(db: Db): Promise<StoredMatchModel[]> {
  return db.$queryRawUnsafe<StoredMatchModel[]>(
    `SELECT "version", parameters, "trainedOn", "labelledPairs", note, active, "createdBy", "createdAt" FROM "MatchModel" ORDER BY "version"`,
  );
}

export async function loadActiveMatchModel(db: Db): Promise<MatchModel> {
  const [row] = await db.$queryRawUnsafe<Array<{ version: number; parameters: unknown }>>(`SELECT "version", parameters FROM "MatchModel" WHERE active ORDER BY "version" DESC LIMIT 1`);
  return modelOfRow(row);
}

/** Stores a new version (the next number) and, with `activate`, makes it the one ingest decides with. */
export async function saveMatchModel(db: Db, model: MatchModel, meta: { trainedOn: number; labelledPairs: number; note: string | null; createdBy: string; activate: boolean }): Promise<number> {
  const [{ version }] = await db.$queryRawUnsafe<Array<{ version: number }>>(
    `INSERT INTO "MatchModel" ("version", parameters, "trainedOn", "labelledPairs", note, active, "createdBy")
     SELECT COALESCE(MAX("version"), 0) + 1, $1::jsonb, $2, $3, $4, false, $5 FROM "MatchModel" RETURNING "version"`,
    JSON.stringify({ ...model, version: undefined }), meta.trainedOn, meta.labelledPairs, meta.note, meta.createdBy,
  );
  if (meta.activate) await activateMatchModel(db, version);
  return version;
}

/** Makes one version active (0: none, back to the built-in model). Returns false for an unknown version. */
export async function activateMatchModel(db: Db, version: number): Promise<boolean> {
  if (version !== 0) {
    const [row] = await db.$queryRawUnsafe<Array<{ n: number }>>(`SELECT count(*)::int AS n FROM "MatchModel" WHERE "version" = $1`, version);
    if (row.n === 0) return false;
  }
  await db.$executeRawUnsafe(`UPDATE "MatchModel" SET active = ("version" = $1) WHERE active OR "version" = $1`, version);
  return true;
}
