// The project's migration runner on the real database: applies once, records what it applied,
// refuses an edited migration, and rolls back a failing one completely.
import { applyMigrations, MigrationError, pendingMigrations, readMigrations } from '../../platform/migrate';
import { createTestDatabase, type TestDatabase } from '../support/database';

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await t?.dispose();
});

it('applies every migration once and is safe to run again', async () => {
  const all = readMigrations();
  expect(await pendingMigrations(t.db.raw)).toEqual(all.map((m) => m.name));
  const first = await applyMigrations(t.db.raw);
  expect(first.applied).toEqual(all.map((m) => m.name));
  const second = await applyMigrations(t.db.raw);
  expect(second).toEqual({ applied: [], alreadyApplied: all.map((m) => m.name) });
  expect(await pendingMigrations(t.db.raw)).toEqual([]);
  const rows = await t.db.raw.query<{ migration_name: string; checksum: string }>('SELECT migration_name, checksum FROM "_prisma_migrations"');
  expect(rows).toEqual(all.map((m) => ({ migration_name: m.name, checksum: m.checksum })));
});

it('refuses a migration whose file changed after it was applied', async () => {
  const edited = readMigrations().map((m, i) => (i === 0 ? { ...m, sql: `${m.sql}\n-- edited`, checksum: 'f'.repeat(64) } : m));
  await expect(applyMigrations(t.db.raw, edited)).rejects.toMatchObject({ code: 'MIGRATION_CHECKSUM_MISMATCH' });
});

it('rolls back a failing migration with its bookkeeping row', async () => {
  const broken = [...readMigrations(), { name: '99990101000000_broken', sql: 'CREATE TABLE "Half" (id int);\nSELECT * FROM no_such_table;', checksum: 'a'.repeat(64) }];
  const err = await applyMigrations(t.db.raw, broken).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(MigrationError);
  expect((err as MigrationError).code).toBe('MIGRATION_FAILED');
  const half = await t.db.raw.query<{ t: string | null }>(`SELECT to_regclass('"Half"')::text AS t`);
  expect(half[0].t).toBeNull();
  expect(await pendingMigrations(t.db.raw)).toEqual([]);
});

it('makes the audit log append-only in the database itself', async () => {
  await t.db.raw.exec(`INSERT INTO "AuditEvent" ("eventId","type","correlationId","actorId","entityType","entityId","occurredAt","prevHash","hash")
    VALUES ('01a216c5-0000-7000-8000-000000000001','Test','c','a','Person','01a216c5-0000-7000-8000-000000000002',now(),'0','1')`);
  await expect(t.db.raw.exec(`UPDATE "AuditEvent" SET "type" = 'Tampered'`)).rejects.toThrow(/append-only/);
  await expect(t.db.raw.exec(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
});
