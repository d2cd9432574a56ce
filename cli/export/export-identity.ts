// Exports of identity-resolution state: one line per source record with its golden person and how it
// was linked, and the open review tasks. Read in pages by key, so memory does not grow with the table.
import type { Database } from '../../platform/database';
import { formatCsvLine } from '../import/write-csv';

export type ExportFormat = 'csv' | 'json';

/** How a source record came to its person, in the export's words (SourceRecord.linkType). */
export const LINK_TYPE_LABEL: Record<string, string> = {
  DETERMINISTIC: 'deterministic_key',
  AUTOMATIC: 'automatic_match',
  MANUAL: 'manual_decision',
  NEW: 'new',
};

export const LINK_COLUMNS = ['system', 'source_id', 'person_id', 'link_type', 'score'] as const;
export const REVIEW_COLUMNS = ['review_id', 'created_at', 'system', 'source_id', 'person_id', 'candidate_person_id', 'score', 'reason'] as const;

const PAGE = 5000;

type Row = Record<string, string | number | null>;

async function* pages<T extends { cursor: string }>(db: Database, sql: (after: string) => string): AsyncGenerator<T[]> {
  let after = '';
  for (;;) {
    const rows = await db.raw.query<T>(sql('$1'), [after]);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1].cursor;
  }
}

/** Source records with the surviving person (merge redirects followed), in (system, source id) order. */
export async function* linkRows(db: Database): AsyncGenerator<Row> {
  type R = { cursor: string; system: string; sourceId: string; personId: string; linkType: string; matchScore: number | null };
  for await (const rows of pages<R>(db, (p) => `
    SELECT sr.system::text || chr(1) || sr."sourceId" AS cursor, sr.system::text AS system, sr."sourceId" AS "sourceId",
           COALESCE(p."mergedIntoId", sr."personId")::text AS "personId", sr."linkType"::text AS "linkType", sr."matchScore" AS "matchScore"
    FROM "SourceRecord" sr JOIN "Person" p ON p.id = sr."personId"
    WHERE sr.system::text || chr(1) || sr."sourceId" > ${p}
    ORDER BY sr.system::text || chr(1) || sr."sourceId" LIMIT ${PAGE}`)) {
    for (const r of rows) {
      yield { system: r.system, source_id: r.sourceId, person_id: r.personId, link_type: LINK_TYPE_LABEL[r.linkType] ?? r.linkType.toLowerCase(), score: r.matchScore };
    }
  }
}

/** Open (pending) review tasks, oldest first. */
export async function* reviewRows(db: Database): AsyncGenerator<Row> {
  type R = { cursor: string; id: string; createdAt: string; system: string; sourceId: string; personId: string; candidatePersonId: string; score: number; reason: string | null };
  for await (const rows of pages<R>(db, (p) => `
    SELECT to_char(r."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || r.id::text AS cursor, r.id::text AS id,
           to_char(r."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt", sr.system::text AS system, sr."sourceId" AS "sourceId",
           sr."personId"::text AS "personId", r."candidatePersonId"::text AS "candidatePersonId", r.score, r.explanation->>'reason' AS reason
    FROM "MatchReview" r JOIN "SourceRecord" sr ON sr.id = r."sourceRecordId"
    WHERE r.status = 'PENDING' AND to_char(r."createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') || r.id::text > ${p}
    ORDER BY 1 LIMIT ${PAGE}`)) {
    for (const r of rows) {
      yield { review_id: r.id, created_at: r.createdAt, system: r.system, source_id: r.sourceId, person_id: r.personId, candidate_person_id: r.candidatePersonId, score: r.score, reason: r.reason };
    }
  }
}

/** Writes rows as CSV (header first) or as a JSON array, one object per line. Returns the row count. */
export async function writeExport(rows: AsyncIterable<Row>, columns: readonly string[], format: ExportFormat, out: NodeJS.WritableStream): Promise<number> {
  // A reader that goes away (`export … | head`) fails the export with EPIPE instead of leaving it waiting
  // for a 'drain' that never comes, so the caller still closes the database.
  let failed: Error | null = null;
  const onError = (err: Error) => { failed ??= err; };
  out.on('error', onError);
  const write = (s: string) => new Promise<void>((resolve, reject) => {
    if (failed) return reject(failed);
    if (out.write(s)) return resolve();
    const settle = (err?: Error) => { out.off('drain', settle); out.off('error', settle); return err ? reject(err) : resolve(); };
    out.once('drain', settle);
    out.once('error', settle);
  });
  try {
    return await writeRows(rows, columns, format, write);
  } finally {
    out.off('error', onError);
  }
}

async function writeRows(rows: AsyncIterable<Row>, columns: readonly string[], format: ExportFormat, write: (s: string) => Promise<void>): Promise<number> {
  let n = 0;
  if (format === 'csv') await write(formatCsvLine(columns));
  else await write('[');
  for await (const row of rows) {
    if (format === 'csv') await write(formatCsvLine(columns.map((c) => (row[c] === null || row[c] === undefined ? '' : String(row[c])))));
    else await write(`${n === 0 ? '\n' : ',\n'}${JSON.stringify(row)}`);
    n++;
  }
  if (format === 'json') await write(n === 0 ? ']\n' : '\n]\n');
  return n;
}
