// Per-request DataLoaders: defined once next to the subgraph that owns them, instantiated lazily per
// request, never cached across requests. Batch functions return rows in key order.
import DataLoader from 'dataloader';
import type { PrismaClient } from '../../generated/prisma/client';
import type { Database } from '../../platform/database';
import type { RequestContext } from './context';
import type { RowReader } from './read-rows';

export type LoaderAccessor<K, V> = (ctx: Pick<RequestContext, 'loaders' | 'db'>) => DataLoader<K, V>;

export function defineLoader<K, V>(name: string, batch: (prisma: PrismaClient, keys: readonly K[], db: Database) => Promise<V[]>): LoaderAccessor<K, V> {
  return (ctx) => {
    let loader = ctx.loaders.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>((keys) => batch(ctx.db.prisma, keys, ctx.db), { maxBatchSize: 1000 });
      ctx.loaders.set(name, loader);
    }
    return loader;
  };
}

/** One row (or null) per key, in key order. */
export function byKey<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const map = new Map<K, T>();
  for (const row of rows) map.set(keyOf(row), row);
  return keys.map((k) => map.get(k) ?? null);
}

/** All rows per key, in key order (one-to-many relations). */
export function groupByKey<T, K>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): T[][] {
  const map = new Map<K, T[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

/** Loader of rows by primary key for any Prisma model delegate. */
export function defineByIdLoader<T extends { id: string }>(
  name: string,
  find: (prisma: PrismaClient, ids: string[]) => Promise<T[]>,
): LoaderAccessor<string, T | null> {
  return defineLoader<string, T | null>(name, async (prisma, ids) => byKey(ids, await find(prisma, [...ids]), (r) => r.id));
}

/** Loader of child rows grouped by a foreign key. */
export function defineByForeignKeyLoader<T, K extends keyof T>(
  name: string,
  foreignKey: K,
  find: (prisma: PrismaClient, keys: string[]) => Promise<T[]>,
): LoaderAccessor<string, T[]> {
  return defineLoader<string, T[]>(name, async (prisma, keys) =>
    groupByKey(keys, await find(prisma, [...keys]), (r) => r[foreignKey] as unknown as string),
  );
}

/** Loader of whole rows by primary key through a row reader (plain SQL, see read-rows.ts). */
export function defineRowByIdLoader<T extends { id: string }>(name: string, reader: RowReader<T>): LoaderAccessor<string, T | null> {
  return defineLoader<string, T | null>(name, async (_prisma, ids, db) => byKey(ids, await reader.where(db, 'id', ids), (r) => r.id));
}

/** Loader of child rows grouped by a foreign key through a row reader, each group in `orderBy` order. */
export function defineRowsByForeignKeyLoader<T, K extends keyof T & string>(name: string, reader: RowReader<T>, foreignKey: K, orderBy: string): LoaderAccessor<string, T[]> {
  return defineLoader<string, T[]>(name, async (_prisma, keys, db) =>
    groupByKey(keys, await reader.where(db, foreignKey, keys, orderBy), (r) => r[foreignKey] as unknown as string),
  );
}
