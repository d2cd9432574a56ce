// The audit log against a database superuser: with the append-only trigger bypassed
// (session_replication_role = replica), every kind of tampering is reported by verification, including a
// rewrite with every hash recomputed (caught by the keyed checkpoint published outside the database) and
// a tail cut together with its seal blocks. Runs on PostgreSQL when DATABASE_URL is set, else on PGlite.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatCheckpointLine, signCheckpoint } from '../../core/audit/checkpoint';
import { GENESIS_HASH, hashAuditContent, hashAuditEvent, type AuditEventContent } from '../../core/audit/hash-audit-event';
import { SealHasher } from '../../core/audit/seal-block';
import { AuditBreakKind } from '../../core/audit/verify-audit-log';
import { ConfigError, DEV_AUDIT_CHECKPOINT_KEY, loadConfig } from '../../platform/config';
import { newId } from '../../platform/ids';
import { applyMigrations, readMigrations } from '../../platform/migrate';
import { createLogger } from '../../platform/logger';
import { verifyAuditChain } from '../../subgraphs/person/use-cases/audit-log';
import { appendAudit, type ChangeMeta } from '../../subgraphs/shared/change-log';
import { latestSeal, publishAuditCheckpoint, readPublishedCheckpoints, sealAuditLog, startChangeLogSealer, type CheckpointTarget } from '../../subgraphs/shared/change-log-sealer';
import { inTransaction } from '../../subgraphs/shared/transaction';
import { createTestDatabase, usingPostgres, type TestDatabase } from '../support/database';

jest.setTimeout(120_000);

const KEY = 'audit-chain-test-checkpoint-key-0123456789';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-chain-'));
const open: TestDatabase[] = [];

afterAll(async () => {
  for (const t of open) await t.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

interface Log {
  t: TestDatabase;
  target: CheckpointTarget;
}

function meta(): ChangeMeta {
  return { actorId: 'crm-client', correlationId: newId(), sourceSystem: 'CRM', now: new Date() };
}

/** One transaction writing `count` entries, each about an organization of its own. */
async function writeTransaction(t: TestDatabase, n: number, count = 3): Promise<void> {
  await inTransaction(t.db, (tx) => appendAudit(tx, meta(), Array.from({ length: count }, (_, k) => k + 1).map((i) => ({
    type: 'OrganizationUpdated', entityType: 'Organization', entityId: newId(), attribute: 'name', oldValue: `Org ${n}.${i - 1}`, newValue: `Org ${n}.${i}`,
  }))));
}

/** Seals until nothing is pending: a transaction elsewhere on the server may hold the horizon back a moment. */
async function sealEverything(t: TestDatabase): Promise<void> {
  for (let i = 0; i < 300; i++) {
    await sealAuditLog(t.db, { wait: true });
    const pending = await t.db.raw.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "AuditEvent" WHERE "txid" >= COALESCE((SELECT max("txidTo") FROM "AuditSeal"), 0)`,
    );
    if (pending[0].n === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('audit entries stayed unsealed');
}

/** Three sealed transactions, a published checkpoint of the head, then one more sealed transaction. */
async function freshLog(): Promise<Log> {
  const t = await createTestDatabase();
  open.push(t);
  const target = { file: path.join(dir, `${newId()}.jsonl`), key: KEY };
  for (const n of [1, 2, 3]) {
    // The third transaction's entries run from seq 7 to 11: one block orders them as numbers, not text.
    await writeTransaction(t, n, n === 3 ? 5 : 3);
    await sealEverything(t);
  }
  expect(await publishAuditCheckpoint(t.db, target)).not.toBeNull();
  await writeTransaction(t, 4);
  await sealEverything(t);
  return { t, target };
}

/** What a superuser can do: bypass the append-only triggers for one transaction. */
async function asSuperuser(t: TestDatabase, sql: string): Promise<void> {
  await t.db.raw.exec(`BEGIN; SET LOCAL session_replication_role = replica; ${sql}; COMMIT;`);
}

async function entries(t: TestDatabase) {
  return t.db.raw.query<{ seq: string; txid: string; eventId: string }>(`SELECT e.seq::text AS seq, e.txid::text AS txid, e."eventId"::text AS "eventId" FROM "AuditEvent" e ORDER BY e.txid, e.seq`);
}

const verify = (log: Log) => verifyAuditChain(log.t.db, { checkpoints: log.target });

it('verifies an untouched log against its published checkpoint', async () => {
  const log = await freshLog();
  const r = await verify(log);
  expect(r).toMatchObject({ ok: true, checked: 14, sealed: 14, pending: 0, brokenAt: null });
  expect(r.checkpoints.verified).toBe(1);
  expect(r.checkpoints.latest).not.toBeNull();
  // The append-only triggers still refuse ordinary changes.
  await expect(log.t.db.raw.exec(`UPDATE "AuditEvent" SET "actorId" = 'x'`)).rejects.toThrow(/append-only/);
  await expect(log.t.db.raw.exec(`DELETE FROM "AuditSeal"`)).rejects.toThrow(/append-only/);
});

it('reports a changed entry', async () => {
  const log = await freshLog();
  const victim = (await entries(log.t))[4];
  await asSuperuser(log.t, `UPDATE "AuditEvent" SET "actorId" = 'mallory' WHERE seq = ${victim.seq}`);
  expect((await verify(log)).brokenAt).toMatchObject({ kind: AuditBreakKind.CHANGED_ENTRY, seq: victim.seq, eventId: victim.eventId, reason: 'content does not match its hash' });
});

it('reports a deleted entry', async () => {
  const log = await freshLog();
  const victim = (await entries(log.t))[4];
  await asSuperuser(log.t, `DELETE FROM "AuditEvent" WHERE seq = ${victim.seq}`);
  expect((await verify(log)).brokenAt).toMatchObject({ kind: AuditBreakKind.DELETED_ENTRIES });
});

it('reports an inserted entry, however well formed', async () => {
  const log = await freshLog();
  const neighbour = (await entries(log.t))[4];
  const content: AuditEventContent = {
    eventId: newId(), type: 'OrganizationUpdated', correlationId: 'forged', causationId: null, sourceSystem: 'CRM', actorId: 'crm-client', reasonCode: null,
    entityType: 'Organization', entityId: newId(), attribute: 'name', oldValue: null, newValue: 'Forged', occurredAt: '2026-12-01T08:00:00.000Z',
  };
  await asSuperuser(log.t, `INSERT INTO "AuditEvent" ("eventId","type","correlationId","sourceSystem","actorId","entityType","entityId","attribute","newValue","occurredAt","hash","txid")
    VALUES ('${content.eventId}','OrganizationUpdated','forged','CRM','crm-client','Organization','${content.entityId}','name','"Forged"','2026-12-01 08:00:00','${hashAuditContent(content)}',${neighbour.txid})`);
  expect((await verify(log)).brokenAt).toMatchObject({ kind: AuditBreakKind.INSERTED_ENTRIES });
});

it('reports entries that swapped places', async () => {
  const log = await freshLog();
  const all = await entries(log.t);
  const [a, b] = [all[3].seq, all[4].seq];
  await asSuperuser(log.t, `UPDATE "AuditEvent" SET seq = -seq WHERE seq IN (${a}, ${b});
    UPDATE "AuditEvent" SET seq = CASE WHEN seq = -${a} THEN ${b} ELSE ${a} END WHERE seq IN (-${a}, -${b})`);
  expect((await verify(log)).brokenAt).toMatchObject({ kind: AuditBreakKind.REORDERED_ENTRIES });
});

it('reports a tail cut after the checkpoint, entries and seal blocks alike', async () => {
  const log = await freshLog();
  const head = await latestSeal(log.t.db);
  // Cut every block from the last one before the checkpoint on, with the entries they sealed.
  const [cp] = fs.readFileSync(log.target.file!, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { block: number });
  const [from] = await log.t.db.raw.query<{ txid: string }>(`SELECT "txidFrom"::text AS txid FROM "AuditSeal" WHERE block = ${cp.block}`);
  await asSuperuser(log.t, `DELETE FROM "AuditEvent" WHERE txid >= ${from.txid}; DELETE FROM "AuditSeal" WHERE block >= ${cp.block}`);
  expect(head!.block).toBeGreaterThanOrEqual(cp.block);
  const r = await verify(log);
  expect(r.brokenAt).toMatchObject({ kind: AuditBreakKind.TRUNCATED });
  // Without the published checkpoint the cut would pass unnoticed: the checkpoint is what catches it.
  expect((await verifyAuditChain(log.t.db)).ok).toBe(true);
});

it('catches a rewrite with every hash recomputed through the keyed checkpoint', async () => {
  const log = await freshLog();
  const victim = (await entries(log.t))[1];
  const [row] = await log.t.db.prisma.auditEvent.findMany({ where: { seq: BigInt(victim.seq) } });
  const forged: AuditEventContent = {
    eventId: row.eventId, type: row.type, correlationId: row.correlationId, causationId: row.causationId, sourceSystem: row.sourceSystem, actorId: 'mallory',
    reasonCode: row.reasonCode, entityType: row.entityType, entityId: row.entityId, attribute: row.attribute, oldValue: row.oldValue, newValue: row.newValue,
    occurredAt: row.occurredAt.toISOString(),
  };
  await asSuperuser(log.t, `UPDATE "AuditEvent" SET "actorId" = 'mallory', hash = '${hashAuditContent(forged)}' WHERE seq = ${victim.seq}`);
  // Recompute every seal block as the sealer would, so the database is consistent with itself again.
  const seals = await log.t.db.prisma.auditSeal.findMany({ orderBy: { block: 'asc' } });
  let prev = '0'.repeat(64);
  const updates: string[] = [];
  for (const s of seals) {
    const covered = await log.t.db.raw.query<{ seq: string; hash: string }>(`SELECT e.seq::text AS seq, e.hash FROM "AuditEvent" e WHERE e.txid >= ${s.txidFrom} AND e.txid < ${s.txidTo} ORDER BY e.txid, e.seq`);
    const hasher = new SealHasher();
    for (const c of covered) hasher.add(c.seq, c.hash);
    const hash = hasher.digest({
      block: Number(s.block), chain: s.chain, txidFrom: s.txidFrom, txidTo: s.txidTo, rowCount: s.rowCount, totalRows: Number(s.totalRows), prevHash: prev, sealedAt: s.sealedAt.toISOString(),
    });
    updates.push(`UPDATE "AuditSeal" SET "prevHash" = '${prev}', hash = '${hash}' WHERE block = ${s.block}`);
    prev = hash;
  }
  await asSuperuser(log.t, updates.join('; '));
  expect((await verifyAuditChain(log.t.db)).ok).toBe(true);
  expect((await verify(log)).brokenAt).toMatchObject({ kind: AuditBreakKind.CHECKPOINT_MISMATCH });
});

it('refuses a checkpoint forged without the key', async () => {
  const log = await freshLog();
  const head = (await latestSeal(log.t.db))!;
  const forged = signCheckpoint('a-key-that-is-not-the-checkpoint-key-000', { chain: head.chain, block: head.block, totalRows: head.totalRows, head: head.hash, at: new Date().toISOString() });
  fs.appendFileSync(log.target.file!, formatCheckpointLine(forged));
  expect((await verify(log)).brokenAt).toMatchObject({ kind: AuditBreakKind.FORGED_CHECKPOINT });
});

it("the service's sealer seals what committed and publishes a signed checkpoint outside the database", async () => {
  const t = await createTestDatabase();
  open.push(t);
  const file = path.join(dir, `${newId()}.jsonl`);
  const config = { ...loadConfig({ LOG_LEVEL: 'silent', AUDIT_CHECKPOINT_KEY: KEY, AUDIT_CHECKPOINT_FILE: file, AUDIT_SEAL_INTERVAL_MS: '50' }), database: t.config };
  const sealer = startChangeLogSealer(t.db, config, createLogger('silent'));
  try {
    await writeTransaction(t, 1);
    for (let i = 0; i < 300 && (await t.db.prisma.auditSeal.count()) === 0; i++) await new Promise((r) => setTimeout(r, 50));
    await sealer.runOnce();
  } finally {
    await sealer.stop();
  }
  const published = await readPublishedCheckpoints(file);
  if (usingPostgres()) {
    const head = (await latestSeal(t.db))!;
    expect(published.checkpoints).toMatchObject([{ chain: head.chain, block: head.block, totalRows: 3, head: head.hash }]);
    expect((await verifyAuditChain(t.db, { checkpoints: { file, key: KEY } })).checkpoints.verified).toBe(1);
  } else {
    // An in-memory database ends with the process: nothing worth a checkpoint outlives it.
    expect(published.checkpoints).toEqual([]);
  }
  expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, sealed: 3 });
});

it('production refuses to start without its own checkpoint key', () => {
  const production = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), LEGAL_ID_HMAC_KEY: 'y'.repeat(40), LEGAL_ID_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}` };
  const problems = (env: Record<string, string>) => {
    try {
      loadConfig(env);
      return [];
    } catch (err) {
      return err instanceof ConfigError ? err.problems : [String(err)];
    }
  };
  expect(problems(production).some((p) => p.startsWith('AUDIT_CHECKPOINT_KEY'))).toBe(true);
  expect(problems({ ...production, AUDIT_CHECKPOINT_KEY: DEV_AUDIT_CHECKPOINT_KEY }).some((p) => p.startsWith('AUDIT_CHECKPOINT_KEY'))).toBe(true);
  expect(problems({ ...production, AUDIT_CHECKPOINT_KEY: KEY }).some((p) => p.startsWith('AUDIT_CHECKPOINT_KEY'))).toBe(false);
});

it('keeps verifying a log chained row by row before seal blocks existed, sealed into the first block, and its events in place', async () => {
  const t = await createTestDatabase({ migrate: false });
  open.push(t);
  await applyMigrations(t.db.raw, readMigrations().filter((m) => m.name < '20261201130000'));
  let prev = GENESIS_HASH;
  const values: string[] = [];
  for (let i = 1; i <= 12; i++) {
    const c: AuditEventContent = {
      eventId: newId(), type: 'OrganizationUpdated', correlationId: `legacy-${i}`, causationId: null, sourceSystem: 'CRM', actorId: 'crm-client', reasonCode: null,
      entityType: 'Organization', entityId: newId(), attribute: 'name', oldValue: null, newValue: `Org ${i}`, occurredAt: '2026-11-30T10:00:00.000Z',
    };
    const hash = hashAuditEvent(prev, c);
    values.push(`('${c.eventId}','OrganizationUpdated','${c.correlationId}','CRM','crm-client','Organization','${c.entityId}','name','"Org ${i}"','2026-11-30 10:00:00','${prev}','${hash}')`);
    prev = hash;
  }
  await t.db.raw.exec(`INSERT INTO "AuditEvent" ("eventId","type","correlationId","sourceSystem","actorId","entityType","entityId","attribute","newValue","occurredAt","prevHash","hash") VALUES ${values.join(',')}`);
  await t.db.raw.exec(`INSERT INTO "OutboxEvent" ("eventId","type","aggregateType","aggregateId","payload","correlationId","actorId","occurredAt")
    VALUES ('${newId()}','OrganizationUpdated','Organization','${newId()}','{}','legacy','crm-client','2026-11-30 10:00:00')`);
  await applyMigrations(t.db.raw);
  // Events written under the old lock keep their sequence as their position: old cursors stay valid.
  const [outbox] = await t.db.raw.query<{ same: boolean }>(`SELECT "position" = "seq" AS same FROM "OutboxEvent"`);
  expect(outbox.same).toBe(true);
  await writeTransaction(t, 1);
  await sealEverything(t);
  expect(await verifyAuditChain(t.db)).toMatchObject({ ok: true, checked: 15, sealed: 15, pending: 0 });
  await asSuperuser(t, `UPDATE "AuditEvent" SET "newValue" = '"Changed"' WHERE "correlationId" = 'legacy-11'`);
  expect((await verifyAuditChain(t.db)).brokenAt).toMatchObject({ kind: AuditBreakKind.CHANGED_ENTRY, reason: 'content does not match its hash' });
});
