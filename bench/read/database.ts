// A throwaway PostgreSQL database for one benchmark run, created on the server DATABASE_URL points at
// (or the local default) and dropped afterwards, so the numbers always come from the same seeded data
// and the run never touches a database someone uses.
import { Client } from 'pg';

const LOCAL_SERVER = 'postgresql://postgres@127.0.0.1:5432/postgres';

export interface ThrowawayDatabase {
  name: string;
  url: string;
  /** Where the database lives, without credentials, for the report. */
  description: string;
  drop(): Promise<void>;
}

/**
 * `prefix` names the benchmark in the database name; `template` copies an existing database (which
 * must have no open connections) instead of starting empty.
 */
export async function createThrowawayDatabase(
  serverUrl = process.env.DATABASE_URL || LOCAL_SERVER,
  options: { prefix?: string; template?: ThrowawayDatabase } = {},
): Promise<ThrowawayDatabase> {
  const name = `${options.prefix ?? 'bench_read'}_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
  const template = options.template ? ` TEMPLATE ${options.template.name}` : '';
  await withClient(serverUrl, (c) => c.query(`CREATE DATABASE ${name}${template}`));
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    description: `${url.hostname}:${url.port || 5432}/${name}`,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await withClient(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

async function withClient<T>(url: string, fn: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
