// Test databases: a fresh PostgreSQL database per test file when DATABASE_URL is set (dropped at the
// end), otherwise an in-memory PGlite. Either way migrated by the project's own runner.
import { Client } from 'pg';
import type { Config } from '../../platform/config';
import { openDatabase, type Database } from '../../platform/database';
import { applyMigrations } from '../../platform/migrate';

export interface TestDatabase {
  db: Database;
  config: Config['database'];
  dispose(): Promise<void>;
}

export function usingPostgres(): boolean {
  return Boolean(process.env.DATABASE_URL);
}

export async function createTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  const baseUrl = process.env.DATABASE_URL;
  let config: Config['database'];
  let drop: (() => Promise<void>) | undefined;
  if (baseUrl) {
    const name = `pg_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new Client({ connectionString: baseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    config = { kind: 'postgres', url: url.toString(), poolSize: 10 };
    drop = async () => {
      const c = new Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    config = { kind: 'pglite', dataDir: 'memory://' };
  }
  const db = await openDatabase(config);
  if (options.migrate ?? true) await applyMigrations(db.raw);
  return {
    db,
    config,
    dispose: async () => {
      await db.close();
      await drop?.();
    },
  };
}
