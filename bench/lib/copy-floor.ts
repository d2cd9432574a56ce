// The floor an import is measured against: a plain COPY of the same CSV rows into a table of text
// columns, on the same server, in the same run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Anything that runs SQL on the server (the project's raw driver, or a pg client). */
export interface SqlRunner {
  query<T = Record<string, unknown>>(sql: string): Promise<T[]>;
}

/**
 * COPY of the files' rows into a scratch table of text columns, timed; rows per second. The server
 * reads the files, so each is first copied where its process can read it. The scratch tables are dropped.
 */
export async function measureCopyFloor(db: SqlRunner, files: string[]): Promise<number> {
  let rows = 0;
  let ms = 0;
  for (const [i, file] of files.entries()) {
    const header = fs.readFileSync(file, 'utf8').split('\n', 1)[0].split(',').map((h) => h.trim().replace(/[^a-z0-9_]/gi, '_'));
    const table = `bench_copy_floor_${process.pid}_${i}`;
    const readable = path.join(os.tmpdir(), `bench-copy-${process.pid}-${i}.csv`);
    fs.copyFileSync(file, readable);
    fs.chmodSync(readable, 0o644);
    try {
      await db.query(`CREATE TABLE ${table} (${header.map((h) => `"${h}" text`).join(', ')})`);
      const started = process.hrtime.bigint();
      await db.query(`COPY ${table} FROM '${readable}' WITH (FORMAT csv, HEADER true)`);
      ms += Number(process.hrtime.bigint() - started) / 1e6;
      rows += Number((await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n);
      await db.query(`DROP TABLE ${table}`);
    } finally {
      fs.rmSync(readable, { force: true });
    }
  }
  return rows / (ms / 1000);
}
