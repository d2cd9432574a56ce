// The pool's connections: JIT is off on every one (the ingest view of a large batch spent most of its time
// compiling itself), options the operator put in the URL still apply, and txSql finds a transaction's own.
import { openDatabase } from '../../platform/database';
import { createTestDatabase } from '../support/database';

const baseUrl = process.env.DATABASE_URL;

describe('pool session options', () => {
  (baseUrl ? it : it.skip)('connections run without JIT and keep the URL options', async () => {
    const url = new URL(baseUrl!);
    url.searchParams.set('options', '-c statement_timeout=4321');
    const db = await openDatabase({ kind: 'postgres', url: url.toString(), poolSize: 2 });
    try {
      const rows = await db.raw.query<{ jit: string; timeout: string }>(`SELECT current_setting('jit') AS jit, current_setting('statement_timeout') AS timeout`);
      expect(rows[0]).toEqual({ jit: 'off', timeout: '4321ms' });
      const viaPrisma = await db.prisma.$transaction((tx) => tx.$queryRawUnsafe<Array<{ jit: string }>>(`SELECT current_setting('jit') AS jit`));
      expect(viaPrisma[0].jit).toBe('off');
    } finally {
      await db.close();
    }
  });

  (baseUrl ? it : it.skip)('txSql runs on the transaction\'s own connection, and on any connection outside one', async () => {
    const db = await openDatabase({ kind: 'postgres', url: baseUrl!, poolSize: 4 });
    try {
      const before = db.statementCount();
      // Two transactions at once: each sees its own temporary table, made through Prisma, from txSql.
      const seen = await Promise.all(['a', 'b'].map((name) => db.prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`CREATE TEMP TABLE t_${name} (v text) ON COMMIT DROP`);
        await tx.$executeRawUnsafe(`INSERT INTO t_${name} VALUES ('${name}')`);
        const sql = await db.txSql(tx);
        const [row] = await sql.query<{ v: string; pid: number }>(`SELECT v, pg_backend_pid() AS pid FROM t_${name}`);
        const [prismaPid] = await tx.$queryRawUnsafe<Array<{ pid: number }>>('SELECT pg_backend_pid() AS pid');
        return { v: row.v, same: row.pid === prismaPid.pid, pid: row.pid };
      })));
      expect(seen.map((s) => [s.v, s.same])).toEqual([['a', true], ['b', true]]);
      expect(seen[0].pid).not.toBe(seen[1].pid);
      const outside = await db.txSql(db.prisma);
      expect(await outside.query<{ one: number }>('SELECT 1 AS one')).toEqual([{ one: 1 }]);
      // Every statement counted once (the marker statement is answered without a round trip and not counted).
      expect(db.statementCount() - before).toBe(2 * 5 + 1);
    } finally {
      await db.close();
    }
  });

  (baseUrl ? it : it.skip)('refuses a txSql statement once its transaction is over (committed, rolled back or timed out)', async () => {
    const scratch = await createTestDatabase({ migrate: false });
    const db = await openDatabase({ kind: 'postgres', url: (scratch.config as { url: string }).url, poolSize: 1 });
    try {
      await db.raw.exec('CREATE TABLE probe (v int)');
      let kept: Awaited<ReturnType<typeof db.txSql>> | null = null;
      await db.prisma.$transaction(async (tx) => {
        kept = await db.txSql(tx);
        await kept.exec('INSERT INTO probe VALUES (1)');
      });
      // The one connection now serves other work outside that transaction: nothing may be sent on it as if in it.
      await expect(kept!.exec('INSERT INTO probe VALUES (2)')).rejects.toThrow(/Transaction already closed/);
      // A transaction that times out while the caller computes: its later write must not land on its own.
      await expect(db.prisma.$transaction(async (tx) => {
        const sql = await db.txSql(tx);
        await new Promise((resolve) => setTimeout(resolve, 300));
        await sql.exec('INSERT INTO probe VALUES (3)');
      }, { timeout: 100 })).rejects.toThrow();
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect((await db.raw.query<{ v: number }>('SELECT v FROM probe ORDER BY v')).map((r) => r.v)).toEqual([1]);
    } finally {
      await db.close();
      await scratch.dispose();
    }
  });
});
