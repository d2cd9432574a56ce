// Applies prisma/migrations/<timestamp>_<name>/migration.sql in order, on PGlite and PostgreSQL alike.
// Bookkeeping uses Prisma's own `_prisma_migrations` table and checksum (sha256 of the file), so a
// database migrated here is also understood by `prisma migrate deploy` where that CLI can run.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { RawSql } from './database';
import { newId } from './ids';
import { migrationsDir } from './paths';

export interface MigrationFile { name: string; sql: string; checksum: string }
export interface MigrationResult { applied: string[]; alreadyApplied: string[] }

export class MigrationError extends Error {
  constructor(public readonly code: 'MIGRATION_CHECKSUM_MISMATCH' | 'MIGRATION_FAILED' | 'MIGRATION_UNKNOWN', message: string) {
    super(message);
    this.name = 'MigrationError';
  }
}

export function readMigrations(dir: string = migrationsDir()): MigrationFile[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

const BOOKKEEPING = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
);`;

// Arbitrary constant: one migrator at a time across processes sharing a PostgreSQL database.
const LOCK_ID = 72707369;

export async function applyMigrations(db: RawSql, migrations: MigrationFile[] = readMigrations()): Promise<MigrationResult> {
  return db.session((raw) => applyOnSession(raw, migrations));
}

async function applyOnSession(raw: RawSql, migrations: MigrationFile[]): Promise<MigrationResult> {
  await raw.query('SELECT pg_advisory_lock($1)', [LOCK_ID]);
  try {
    await raw.exec(BOOKKEEPING);
    const rows = await raw.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const known = new Set(migrations.map((m) => m.name));
    const unknown = [...applied.keys()].filter((n) => !known.has(n));
    if (unknown.length > 0) {
      throw new MigrationError('MIGRATION_UNKNOWN', `database has migrations that are not on disk: ${unknown.join(', ')}`);
    }
    for (const m of migrations) {
      const checksum = applied.get(m.name);
      if (checksum !== undefined && checksum !== m.checksum) {
        throw new MigrationError('MIGRATION_CHECKSUM_MISMATCH', `migration ${m.name} was changed after it was applied (checksum ${checksum.slice(0, 12)}… on the database, ${m.checksum.slice(0, 12)}… on disk); add a new migration instead`);
      }
    }
    const result: MigrationResult = { applied: [], alreadyApplied: [] };
    for (const m of migrations) {
      if (applied.has(m.name)) {
        result.alreadyApplied.push(m.name);
        continue;
      }
      // The migration and its bookkeeping row commit together, or not at all.
      const id = newId();
      const escaped = (s: string) => s.replace(/'/g, "''");
      try {
        await raw.exec(
          `BEGIN;\n${m.sql}\n;INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count) VALUES ('${id}', '${m.checksum}', '${escaped(m.name)}', now(), now(), 1);\nCOMMIT;`,
        );
      } catch (err) {
        await raw.exec('ROLLBACK').catch(() => undefined);
        throw new MigrationError('MIGRATION_FAILED', `migration ${m.name} failed: ${(err as Error).message}`);
      }
      result.applied.push(m.name);
    }
    return result;
  } finally {
    await raw.query('SELECT pg_advisory_unlock($1)', [LOCK_ID]);
  }
}

/** Names of migrations on disk that the database has not applied (readiness check). */
export async function pendingMigrations(raw: RawSql, migrations: MigrationFile[] = readMigrations()): Promise<string[]> {
  const exists = await raw.query<{ t: string | null }>(`SELECT to_regclass('"_prisma_migrations"')::text AS t`);
  if (!exists[0]?.t) return migrations.map((m) => m.name);
  const rows = await raw.query<{ migration_name: string }>(
    'SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL',
  );
  const done = new Set(rows.map((r) => r.migration_name));
  return migrations.filter((m) => !done.has(m.name)).map((m) => m.name);
}
