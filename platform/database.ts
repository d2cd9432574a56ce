// Opens the database behind every process: PostgreSQL through node-postgres when DATABASE_URL is set,
// otherwise embedded PGlite in a local folder. Both are wrapped in the same Prisma client, plus a raw
// SQL handle for migrations and set-based statements Prisma cannot express.
import fs from 'node:fs';
import path from 'node:path';
import { Pool, type PoolClient } from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client';
import type { Config } from './config';

export type Db = PrismaClient;
/** The client handed to repositories inside `$transaction(async (tx) => …)`. */
export type Tx = Omit<PrismaClient, '$connect' | '$disconnect' | '$on' | '$transaction' | '$extends'>;

export interface RawSql {
  /** Runs a script of one or more statements without parameters. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs fn on one dedicated connection (session-level locks, multi-statement transactions). */
  session<T>(fn: (raw: RawSql) => Promise<T>): Promise<T>;
}

/** Statements on a transaction's own connection (see Database.txSql). */
export interface TxSql {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string, params?: unknown[]): Promise<number>;
}

export interface Database {
  kind: 'postgres' | 'pglite';
  prisma: PrismaClient;
  raw: RawSql;
  /** Parameterized reads on the request path that skip Prisma's query engine; counted in statementCount(). */
  reads: Pick<RawSql, 'query'>;
  /**
   * Large set-based statements inside a Prisma transaction (or, given the client itself, outside any),
   * sent on that transaction's own connection
   * (PostgreSQL) instead of through Prisma's raw query methods. Prisma keeps its last 100 debug lines
   * whether or not debugging is on, and the line of a raw query holds its SQL and serialized
   * parameters: with an import batch's multi-megabyte JSON parameters that buffer held 80 MiB more every
   * three batches, up to several hundred MiB. On PGlite (one connection) the statements go through Prisma.
   */
  txSql(tx: Tx): Promise<TxSql>;
  /** Number of SQL statements Prisma (and `reads`, and `txSql`) have sent since start (used by the N+1 test and benchmarks). */
  statementCount(): number;
  /** Their summed durations in ms as measured by the client (Prisma's query events, and the time of each `reads` and `txSql` statement). */
  statementMilliseconds(): number;
  close(): Promise<void>;
}

/**
 * Columns no Prisma read returns: a record's blocking-key hashes (22 bigints on average) are read and
 * written by the ingest store in SQL, and would otherwise ride along with every source record a resolver
 * or use case loads (and break JSON.stringify of one).
 */
const OMITTED = { sourceRecord: { blockingKeys: true } } as const;

/**
 * The client with its statement counter. The omission is a runtime setting: the rest of the code base
 * types the client without it (and never reads the column).
 */
function withOmissions(client: PrismaClient<'query', typeof OMITTED>, onQuery: (e: { duration: number | bigint }) => void): PrismaClient {
  client.$on('query', onQuery);
  return client as unknown as PrismaClient;
}

export async function openDatabase(config: Config['database']): Promise<Database> {
  let statements = 0;
  let statementMs = 0;
  /** Counts and times a statement sent outside Prisma. */
  const timed = async <T>(run: Promise<T>): Promise<T> => {
    const started = performance.now();
    statements += 1;
    try {
      return await run;
    } finally {
      statementMs += performance.now() - started;
    }
  };
  /** Counted, timed statements on a connection (or the pool), chosen as each statement is sent. */
  const timedOn = (target: () => Pool | PoolClient): TxSql => ({
    query: async (sql, params) => (await timed(target().query(sql, params as unknown[]))).rows,
    exec: async (sql, params) => (await timed(target().query(sql, params as unknown[]))).rowCount ?? 0,
  });
  const counted = (e: { duration: number | bigint }) => {
    statements += 1;
    statementMs += Number(e.duration);
  };
  const log = [{ emit: 'event', level: 'query' } as const];
  if (config.kind === 'postgres') {
    // A new connection turns JIT off before the pool hands it out (a server without JIT, before 11, has
    // nothing to turn off).
    const pool = new Pool({ connectionString: config.url, max: config.poolSize, onConnect: async (client) => { await client.query(JIT_OFF); } });
    // A connection the server drops while idle (restart, failover, terminated backend) is discarded by the
    // pool; without a listener node-postgres would turn it into an uncaught exception.
    pool.on('error', () => undefined);
    const claimed = new Map<string, PoolClient>();
    beginWithIsolationLevel(pool, (marker, client) => {
      claimed.set(marker, client);
      statements -= 1; // answered without a round trip; Prisma counts it when it returns
    });
    // A transaction's connection goes back to the pool when Prisma commits or rolls back (a timeout
    // included): a statement sent on it after that would run outside the transaction, so it is refused.
    const txClients = new WeakMap<Tx, { client: PoolClient; lease: number }>();
    const leases = new WeakMap<PoolClient, number>();
    pool.on('release', (_err: unknown, client: PoolClient) => leases.set(client, (leases.get(client) ?? 0) + 1));
    const prisma = withOmissions(new PrismaClient({ adapter: new PrismaPg(pool), log, omit: OMITTED }), counted);
    const rawOn = (q: Pool | PoolClient): RawSql => ({
      exec: async (sql) => { await q.query(sql); },
      query: async (sql, params) => (await q.query(sql, params as unknown[])).rows,
      session: async (fn) => {
        const client = await pool.connect();
        try {
          return await fn(rawOn(client));
        } finally {
          client.release();
        }
      },
    });
    return {
      kind: 'postgres',
      prisma,
      raw: rawOn(pool),
      reads: timedOn(() => pool),
      txSql: async (tx) => {
        // Outside a transaction (the client itself): any pooled connection.
        if ((tx as unknown) === prisma) return timedOn(() => pool);
        let bound = txClients.get(tx);
        if (!bound) {
          // The connection Prisma runs this transaction on names itself to the pool hook (see beginWithIsolationLevel).
          const marker = `${TX_CONNECTION_MARKER}${process.hrtime.bigint()}-${Math.random()}`;
          await tx.$executeRawUnsafe(marker);
          const client = claimed.get(marker)!;
          claimed.delete(marker);
          bound = { client, lease: leases.get(client) ?? 0 };
          txClients.set(tx, bound);
        }
        const { client: on, lease } = bound;
        return timedOn(() => {
          if ((leases.get(on) ?? 0) !== lease) throw new Error('Transaction already closed: its connection went back to the pool');
          return on;
        });
      },
      statementCount: () => statements,
      statementMilliseconds: () => statementMs,
      close: async () => {
        await prisma.$disconnect();
        await pool.end().catch(() => undefined);
      },
    };
  }
  // PGlite is loaded lazily: it is ESM-only WASM and costs ~100 MB of memory, so PostgreSQL users never pay for it.
  const { PGlite } = await import('@electric-sql/pglite');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const dataDir = config.dataDir.startsWith('memory://') ? config.dataDir : path.resolve(config.dataDir);
  if (!dataDir.startsWith('memory://')) fs.mkdirSync(dataDir, { recursive: true });
  const releaseLock = dataDir.startsWith('memory://') ? () => undefined : lockDataDir(dataDir);
  const pglite = await PGlite.create(dataDir).catch((err: unknown) => {
    releaseLock();
    throw err;
  });
  const prisma = withOmissions(new PrismaClient({ adapter: new PrismaPGlite(pglite), log, omit: OMITTED }), counted);
  // PGlite is a single connection already: a session is the database itself.
  const raw: RawSql = {
    exec: async (sql) => { await pglite.exec(sql); },
    query: async <T>(sql: string, params?: unknown[]) => (await pglite.query<T>(sql, params)).rows,
    session: (fn) => fn(raw),
  };
  return {
    kind: 'pglite',
    prisma,
    raw,
    reads: { query: (sql, params) => timed(raw.query(sql, params)) },
    // One connection: statements inside a transaction go through Prisma (its debug buffer holds them).
    txSql: async (tx) => ({
      query: (sql, params) => tx.$queryRawUnsafe(sql, ...(params ?? [])),
      exec: (sql, params) => tx.$executeRawUnsafe(sql, ...(params ?? [])),
    }),
    statementCount: () => statements,
    statementMilliseconds: () => statementMs,
    close: async () => {
      await prisma.$disconnect();
      if (!pglite.closed) await pglite.close();
      releaseLock();
    },
  };
}

const SET_ISOLATION = /^SET TRANSACTION ISOLATION LEVEL (READ UNCOMMITTED|READ COMMITTED|REPEATABLE READ|SERIALIZABLE)$/;
const NO_ROWS = { command: 'BEGIN', rowCount: 0, rows: [], fields: [] };

/**
 * Every pool connection turns JIT off when it opens. The hub's statements are short and index-driven,
 * but the planner cannot see how many rows a JSON parameter holds and overestimates batch statements
 * past jit_above_cost: the ingest view of a 500-record batch spent 390 of its 650 ms compiling itself
 * (bench:import). A statement rather than a startup option, so connection poolers and proxies that
 * refuse startup options (PgBouncer by default) still accept the connection; the URL's own `options`
 * apply as node-postgres sends them.
 */
const JIT_OFF = `SELECT set_config('jit', 'off', false) WHERE current_setting('jit', true) IS NOT NULL`;

/**
 * Prisma opens an interactive transaction with two round trips, `BEGIN` and then `SET TRANSACTION
 * ISOLATION LEVEL …`. Every connection of the pool holds Prisma's `BEGIN` back (answering it at once) and
 * sends it with the next statement: as `BEGIN ISOLATION LEVEL …` when that is the isolation level, else
 * queued just before it (a connection runs its queries in order). A connection going back to the pool
 * with a `BEGIN` still held never sent it, so it is dropped. Same transactions, one round trip fewer.
 * The hook also answers Database.txSql's marker statement, which tells it the transaction's connection.
 */
const TX_CONNECTION_MARKER = '/* peoplegraph: transaction connection */ ';
const MARKED = { command: 'SELECT', rowCount: 0, rows: [], fields: [] };

function beginWithIsolationLevel(pool: Pool, onMarker: (marker: string, client: PoolClient) => void): void {
  const held = new WeakSet<PoolClient>();
  pool.on('release', (_err: unknown, client: PoolClient) => held.delete(client));
  pool.on('connect', (client: PoolClient) => {
    const send = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (config: unknown, ...rest: unknown[]) => {
      // Prisma's driver adapter sends every statement as a config object; plain-text queries pass untouched.
      const text = typeof config === 'object' && config !== null ? (config as { text?: unknown }).text : undefined;
      // Database.txSql asking which connection its transaction runs on: answered here, nothing is sent.
      if (typeof text === 'string' && text.startsWith(TX_CONNECTION_MARKER)) {
        onMarker(text, client);
        return Promise.resolve(MARKED);
      }
      if (text === 'BEGIN' && rest.length === 0 && !held.has(client)) {
        held.add(client);
        return Promise.resolve(NO_ROWS);
      }
      if (!held.has(client)) return send(config, ...rest);
      held.delete(client);
      const level = typeof text === 'string' ? SET_ISOLATION.exec(text)?.[1] : undefined;
      if (level) return send({ ...(config as object), text: `BEGIN ISOLATION LEVEL ${level}` }, ...rest);
      // A failed BEGIN fails the statement queued behind it as well; that one reports.
      (send('BEGIN') as Promise<unknown>).catch(() => undefined);
      return send(config, ...rest);
    };
  });
}

export class DatabaseInUseError extends Error {
  constructor(dataDir: string, pid: number) {
    super(
      `The embedded database in ${dataDir} is in use by process ${pid} (for example \`npm start\`). ` +
        'PGlite serves one process at a time: stop that process first, or point every process at PostgreSQL with DATABASE_URL.',
    );
    this.name = 'DatabaseInUseError';
  }
}

/**
 * PGlite keeps its files in one folder and must not be opened by two processes at once (the second
 * would corrupt it). A lock file with the owner's pid guards it; a lock left by a dead process is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockFile = path.join(dataDir, '.peoplegraph.lock');
  const owner = readLockOwner(lockFile);
  if (owner !== null && owner !== process.pid && isAlive(owner)) throw new DatabaseInUseError(dataDir, owner);
  fs.writeFileSync(lockFile, String(process.pid));
  return () => {
    if (readLockOwner(lockFile) === process.pid) fs.rmSync(lockFile, { force: true });
  };
}

function readLockOwner(lockFile: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(lockFile, 'utf8'), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
