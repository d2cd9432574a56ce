// Set-based writes for bulk work (the import batch path): many rows in one statement, passed as a
// single JSON parameter and expanded with jsonb_to_recordset, so the statement size does not depend
// on the parameter limit and works the same on PostgreSQL and PGlite.
import type { Tx } from '../../platform/database';

/** Column name → PostgreSQL type of the recordset (e.g. `uuid`, `text`, `jsonb`, `"SourceSystem"`). */
export type ColumnTypes = Readonly<Record<string, string>>;

/** Rows per statement: keeps each JSON parameter to a few megabytes. */
const CHUNK_ROWS = 5000;

function recordset(columns: ColumnTypes): string {
  return Object.entries(columns).map(([name, type]) => `"${name}" ${type}`).join(', ');
}

function chunks<T>(rows: readonly T[], size = CHUNK_ROWS): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}

/**
 * INSERT of many rows in their array order (so serial columns follow it). `onConflict` is appended as
 * is, e.g. `ON CONFLICT DO NOTHING`. Values must be JSON-serializable: dates as ISO strings, JSON
 * columns as plain values (JSON null becomes SQL NULL).
 */
export async function insertRows(tx: Tx, table: string, columns: ColumnTypes, rows: readonly Record<string, unknown>[], onConflict = ''): Promise<void> {
  const names = Object.keys(columns).map((c) => `"${c}"`).join(', ');
  for (const part of chunks(rows)) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "${table}" (${names}) SELECT ${names} FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (${recordset(columns)})) WITH ORDINALITY AS x(${names}, ord) ORDER BY ord ${onConflict}`,
      JSON.stringify(part),
    );
  }
}

/** UPDATE of many rows matched on `key`; every other listed column is set from the row. */
export async function updateRows(tx: Tx, table: string, key: string, columns: ColumnTypes, rows: readonly Record<string, unknown>[]): Promise<void> {
  const sets = Object.keys(columns).filter((c) => c !== key).map((c) => `"${c}" = x."${c}"`).join(', ');
  for (const part of chunks(rows)) {
    await tx.$executeRawUnsafe(
      `UPDATE "${table}" t SET ${sets} FROM jsonb_to_recordset($1::jsonb) AS x(${recordset(columns)}) WHERE t."${key}" = x."${key}"`,
      JSON.stringify(part),
    );
  }
}
