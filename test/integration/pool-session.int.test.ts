// The pool's session options: JIT is off on every connection (the ingest view of a large batch spent most
// of its time compiling itself), and options the operator put in the URL still apply.
import { openDatabase, withoutJit } from '../../platform/database';

const baseUrl = process.env.DATABASE_URL;

describe('pool session options', () => {
  it('moves the URL options into the session options, after jit=off', () => {
    const out = withoutJit('postgresql://u@h:5432/db?sslmode=disable&options=-c%20statement_timeout%3D5000');
    expect(out.options).toBe('-c jit=off -c statement_timeout=5000');
    expect(new URL(out.connectionString).searchParams.get('options')).toBeNull();
    expect(new URL(out.connectionString).searchParams.get('sslmode')).toBe('disable');
    expect(withoutJit('postgresql://u@h/db').options).toBe('-c jit=off');
  });

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
});
