// Seals the change log after commit (see change-log.ts for why): chains committed audit entries into seal
// blocks, gives committed outbox events their position in commit order, and publishes keyed checkpoints
// of the audit chain outside the database. One sealer at a time per kind (an advisory lock that only
// sealers take; writers never do). Runs in the service's background loop and on demand before
// verification and before the `events` query reads.
import fs from 'node:fs/promises';
import path from 'node:path';
import { formatCheckpointLine, parseCheckpointLines, signCheckpoint, type SignedCheckpoint } from '../../core/audit/checkpoint';
import { GENESIS_HASH } from '../../core/audit/hash-audit-event';
import { SealHasher, type SealBlock } from '../../core/audit/seal-block';
import type { Config } from '../../platform/config';
import type { Database, RawSql } from '../../platform/database';
import { newId } from '../../platform/ids';
import type { Logger } from '../../platform/logger';

// Advisory lock ids taken only by sealers, each for the length of one short sealing transaction.
const AUDIT_SEAL_LOCK = 5170002;
const OUTBOX_SEAL_LOCK = 5170003;

/** Entries per seal block (one transaction's entries are never split, so a block may hold more). */
const BLOCK_ENTRIES = 50_000;
const PAGE = 10_000;
const OUTBOX_BATCH = 10_000;

export interface SealOptions {
  /** Wait for a sealer already at work instead of leaving the work to it. */
  wait?: boolean;
  now?: Date;
}

// PGlite is one connection in one process: sealers of the same database queue here instead of behind an
// advisory lock, and run without an explicit transaction, which would block every API write meanwhile.
// Each statement is atomic on its own, and the horizon keeps later transactions out of the block.
const embeddedQueues = new WeakMap<Database, Map<number, Promise<unknown>>>();

/**
 * Runs one sealing step as the only sealer of its kind: on PostgreSQL in a transaction of its own on a
 * dedicated connection (raw SQL, so sealing never counts as a request's statements), holding the lock.
 * Returns null when another sealer holds the lock and `wait` is false.
 */
async function asSealer<T>(db: Database, lock: number, wait: boolean, fn: (raw: RawSql) => Promise<T>): Promise<T | null> {
  if (db.kind === 'pglite') {
    let queues = embeddedQueues.get(db);
    if (!queues) embeddedQueues.set(db, (queues = new Map()));
    const busy = queues.get(lock);
    if (busy && !wait) return null;
    const run = (busy ?? Promise.resolve()).catch(() => undefined).then(() => fn(db.raw));
    queues.set(lock, run);
    try {
      return await run;
    } finally {
      if (queues.get(lock) === run) queues.delete(lock);
    }
  }
  return db.raw.session(async (raw) => {
    await raw.exec('BEGIN');
    try {
      const [row] = await raw.query<{ locked: boolean }>(wait ? 'SELECT true AS locked FROM (SELECT pg_advisory_xact_lock($1::bigint)) l' : 'SELECT pg_try_advisory_xact_lock($1::bigint) AS locked', [lock]);
      const result = row.locked ? await fn(raw) : null;
      await raw.exec('COMMIT');
      return result;
    } catch (err) {
      await raw.exec('ROLLBACK').catch(() => undefined);
      throw err;
    }
  });
}

/**
 * Gives every committed outbox event without a position the next positions, in sequence order. An event
 * whose transaction is still open is invisible here and gets a later position once it commits, so a
 * reader following positions never passes it. Returns how many events were placed.
 */
export async function sealOutboxPositions(db: Database, options: SealOptions = {}): Promise<number> {
  let placed = 0;
  for (;;) {
    const rows = await asSealer(db, OUTBOX_SEAL_LOCK, options.wait ?? true, (raw) => raw.query<{ seq: string }>(
      `UPDATE "OutboxEvent" o SET "position" = b.base + t.rn
         FROM (SELECT "seq", row_number() OVER (ORDER BY "seq") AS rn FROM "OutboxEvent" WHERE "position" IS NULL ORDER BY "seq" LIMIT $1) t,
              (SELECT COALESCE(MAX("position"), 0) AS base FROM "OutboxEvent") b
        WHERE o."seq" = t."seq"
      RETURNING o."seq"::text AS seq`,
      [OUTBOX_BATCH],
    ));
    const n = rows?.length ?? 0;
    placed += n;
    if (n < OUTBOX_BATCH) return placed;
  }
}

interface SealRow {
  block: bigint;
  chain: string;
  txidFrom: bigint;
  txidTo: bigint;
  rowCount: number;
  totalRows: bigint;
  prevHash: string;
  hash: string;
  sealedAt: Date;
}

export function toSealBlock(r: SealRow): SealBlock {
  return {
    block: Number(r.block), chain: r.chain, txidFrom: BigInt(r.txidFrom), txidTo: BigInt(r.txidTo), rowCount: r.rowCount,
    totalRows: Number(r.totalRows), prevHash: r.prevHash, hash: r.hash, sealedAt: r.sealedAt.toISOString(),
  };
}

export async function latestSeal(db: Database): Promise<SealBlock | null> {
  const row = await db.prisma.auditSeal.findFirst({ orderBy: { block: 'desc' } });
  return row ? toSealBlock(row) : null;
}

interface SealHead { block: number; chain: string; txidTo: bigint; totalRows: number; hash: string }

// Raw SQL, like all of the sealer's reads: background work never counts as a request's statements.
async function sealHead(raw: RawSql): Promise<SealHead | null> {
  const [r] = await raw.query<{ block: string; chain: string; txidTo: string; totalRows: string; hash: string }>(
    `SELECT s."block"::text AS block, s."chain"::text AS chain, s."txidTo"::text AS "txidTo", s."totalRows"::text AS "totalRows", s."hash"
       FROM "AuditSeal" s ORDER BY s."block" DESC LIMIT 1`,
  );
  return r ? { block: Number(r.block), chain: r.chain, txidTo: BigInt(r.txidTo), totalRows: Number(r.totalRows), hash: r.hash } : null;
}

/** Seals one block, or returns null when no ended transaction left entries since the last block. */
async function sealNextBlock(raw: RawSql, horizon: bigint, now: Date): Promise<SealBlock | null> {
  const last = await sealHead(raw);
  const from = last?.txidTo ?? 0n;
  if (horizon <= from) return null;
  // Bound the block: stop before the transaction that holds the BLOCK_ENTRIES-th entry (at least one transaction).
  const [cut] = await raw.query<{ txid: string }>(
    `SELECT e."txid"::text AS txid FROM "AuditEvent" e WHERE e."txid" >= $1::bigint AND e."txid" < $2::bigint ORDER BY e."txid", e."seq" OFFSET $3 LIMIT 1`,
    [String(from), String(horizon), BLOCK_ENTRIES],
  );
  const to = cut ? (BigInt(cut.txid) > from ? BigInt(cut.txid) : from + 1n) : horizon;
  const hasher = new SealHasher();
  let after = { txid: from - 1n, seq: 0n };
  for (;;) {
    const page = await raw.query<{ txid: string; seq: string; hash: string }>(
      // Ordered by the bigint columns, not by the text aliases of the select list.
      `SELECT e."txid"::text AS txid, e."seq"::text AS seq, e."hash" FROM "AuditEvent" e
        WHERE e."txid" >= $1::bigint AND e."txid" < $2::bigint AND (e."txid", e."seq") > ($3::bigint, $4::bigint) ORDER BY e."txid", e."seq" LIMIT $5`,
      [String(from), String(to), String(after.txid), String(after.seq), PAGE],
    );
    for (const r of page) hasher.add(r.seq, r.hash);
    if (page.length < PAGE) break;
    const tail = page[page.length - 1];
    after = { txid: BigInt(tail.txid), seq: BigInt(tail.seq) };
  }
  // Empty ranges make no block: the next block simply starts where the last one ended.
  if (hasher.count === 0) return null;
  const header = {
    block: (last?.block ?? 0) + 1, chain: last?.chain ?? newId(), txidFrom: from, txidTo: to, rowCount: hasher.count,
    totalRows: (last?.totalRows ?? 0) + hasher.count, prevHash: last?.hash ?? GENESIS_HASH, sealedAt: now.toISOString(),
  };
  const block: SealBlock = { ...header, hash: hasher.digest(header) };
  await raw.query(
    `INSERT INTO "AuditSeal" ("block", "chain", "txidFrom", "txidTo", "rowCount", "totalRows", "prevHash", "hash", "sealedAt")
     VALUES ($1::bigint, $2::uuid, $3::bigint, $4::bigint, $5::int, $6::bigint, $7, $8, $9::timestamp(3))`,
    [String(block.block), block.chain, String(block.txidFrom), String(block.txidTo), block.rowCount, String(block.totalRows), block.prevHash, block.hash, block.sealedAt.replace('T', ' ').replace('Z', '')],
  );
  return block;
}

export interface AuditSealResult { blocks: SealBlock[]; entries: number }

/**
 * Seals the entries of every transaction that has ended, up to the oldest transaction still running.
 * A long transaction (anywhere on the server) holds the horizon back until it ends; its entries and
 * those after it wait, nothing is lost.
 */
export async function sealAuditLog(db: Database, options: SealOptions = {}): Promise<AuditSealResult> {
  const now = options.now ?? new Date();
  const blocks: SealBlock[] = [];
  for (;;) {
    const block = await asSealer(db, AUDIT_SEAL_LOCK, options.wait ?? false, async (raw) => {
      // Read before this transaction writes anything, so it does not hold the horizon back itself.
      const [{ horizon }] = await raw.query<{ horizon: string }>('SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS horizon');
      return sealNextBlock(raw, BigInt(horizon), now);
    });
    if (!block) break;
    blocks.push(block);
  }
  return { blocks, entries: blocks.reduce((n, b) => n + b.rowCount, 0) };
}

export interface CheckpointTarget {
  /** Append-only file of checkpoints, one JSON line each; null publishes to the log only. */
  file: string | null;
  key: string;
}

export function checkpointTarget(config: Config): CheckpointTarget {
  return { file: config.audit.checkpointFile, key: config.audit.checkpointKey };
}

/** Signs the head of the audit chain and publishes it outside the database: the file and the log. */
export async function publishAuditCheckpoint(db: Database, target: CheckpointTarget, logger?: Logger, now = new Date()): Promise<SignedCheckpoint | null> {
  const head = await sealHead(db.raw);
  if (!head) return null;
  const signed = signCheckpoint(target.key, { chain: head.chain, block: head.block, totalRows: head.totalRows, head: head.hash, at: now.toISOString() });
  if (target.file) {
    await fs.mkdir(path.dirname(target.file), { recursive: true });
    const handle = await fs.open(target.file, 'a');
    try {
      await handle.appendFile(formatCheckpointLine(signed));
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
  logger?.info({ auditCheckpoint: signed }, 'audit checkpoint published');
  return signed;
}

/** Checkpoints published to the file so far (none when it does not exist yet). */
export async function readPublishedCheckpoints(file: string): Promise<ReturnType<typeof parseCheckpointLines>> {
  const text = await fs.readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return '';
    throw err;
  });
  return parseCheckpointLines(text);
}

export interface RunningSealer {
  /** One pass now: outbox positions, audit blocks, and a checkpoint when the head moved (tests, shutdown). */
  runOnce(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The background loop of a running service: seals every AUDIT_SEAL_INTERVAL_MS and publishes a
 * checkpoint every AUDIT_CHECKPOINT_INTERVAL_SECONDS when the chain has grown. An in-memory database
 * publishes no checkpoint: it ends with the process.
 */
export function startChangeLogSealer(db: Database, config: Config, logger: Logger): RunningSealer {
  const log = logger.child({ component: 'sealer' });
  const target = checkpointTarget(config);
  const publishes = !(config.database.kind === 'pglite' && config.database.dataDir.startsWith('memory://'));
  let lastPublished: string | null = null;
  let lastCheckpointAt = Date.now();
  let stopped = false;
  let running: Promise<void> = Promise.resolve();

  const pass = async (forceCheckpoint: boolean) => {
    try {
      await sealOutboxPositions(db, { wait: false });
      await sealAuditLog(db);
      const due = forceCheckpoint || Date.now() - lastCheckpointAt >= config.audit.checkpointIntervalSeconds * 1000;
      if (publishes && due) {
        lastCheckpointAt = Date.now();
        const head = await sealHead(db.raw);
        if (head && head.hash !== lastPublished) {
          await publishAuditCheckpoint(db, target, log);
          lastPublished = head.hash;
        }
      }
    } catch (err) {
      log.error({ err }, 'sealer: pass failed, will retry');
    }
  };
  let busy = false;
  const timer = setInterval(() => {
    // A pass slower than the interval is not queued behind: the next tick after it does the work.
    if (stopped || busy) return;
    busy = true;
    running = running.then(() => pass(false)).finally(() => (busy = false));
  }, config.audit.sealIntervalMs);
  timer.unref();
  return {
    runOnce: () => (running = running.then(() => pass(true))),
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
