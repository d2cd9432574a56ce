// schema.prisma and the database built by the SQL migrations must agree: same tables, columns, types,
// nullability, defaults-of-kind, primary keys, unique constraints and indexes.
import fs from 'node:fs';
import path from 'node:path';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import { projectRoot } from '../../platform/paths';
import { createTestDatabase, type TestDatabase } from '../support/database';

interface DmmfField { name: string; kind: string; type: string; isList: boolean; isRequired: boolean; nativeType: [string, string[]] | null; dbName?: string | null }
interface DmmfModel { name: string; dbName: string | null; fields: DmmfField[] }
interface DmmfIndex { model: string; type: 'id' | 'unique' | 'normal' | 'fulltext'; fields: Array<{ name: string }>; algorithm?: string }

const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: fs.readFileSync(path.join(projectRoot(), 'prisma', 'schema.prisma'), 'utf8') }))).datamodel as {
  models: DmmfModel[];
  enums: Array<{ name: string; values: Array<{ name: string }> }>;
  indexes: DmmfIndex[];
};

function expectedType(f: DmmfField): string {
  if (f.kind === 'enum') return f.isList ? `_${f.type}` : f.type;
  const native = f.nativeType?.[0];
  const base =
    native === 'Uuid' ? 'uuid'
    : native === 'Date' ? 'date'
    : native === 'Decimal' ? 'numeric'
    : ({ String: 'text', Int: 'int4', BigInt: 'int8', Float: 'float8', Boolean: 'bool', DateTime: 'timestamp', Json: 'jsonb', Bytes: 'bytea', Decimal: 'numeric' } as Record<string, string>)[f.type];
  return f.isList ? `_${base}` : base;
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t?.dispose();
});

it('has exactly the tables of schema.prisma (plus the migrations table)', async () => {
  const rows = await t.db.raw.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
  expect(rows.map((r) => r.table_name).filter((n) => n !== '_prisma_migrations').sort()).toEqual(dmmf.models.map((m) => m.dbName ?? m.name).sort());
});

it('has the columns of every model with the same types and nullability', async () => {
  const rows = await t.db.raw.query<{ table_name: string; column_name: string; udt_name: string; is_nullable: string }>(
    `SELECT table_name, column_name, udt_name, is_nullable FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'`,
  );
  const actual = rows.map((r) => `${r.table_name}.${r.column_name} ${r.udt_name} ${r.is_nullable === 'YES' ? 'NULL' : 'NOT NULL'}`).sort();
  const expected = dmmf.models
    .flatMap((m) => m.fields.filter((f) => f.kind !== 'object').map((f) => `${m.dbName ?? m.name}.${f.dbName ?? f.name} ${expectedType(f)} ${f.isRequired && !f.isList ? 'NOT NULL' : 'NULL'}`))
    .sort();
  expect(actual).toEqual(expected);
});

it('has the enums of schema.prisma with the same values in order', async () => {
  const rows = await t.db.raw.query<{ typname: string; labels: string[] | string }>(
    `SELECT t.typname, array_agg(e.enumlabel ORDER BY e.enumsortorder) AS labels FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid GROUP BY t.typname`,
  );
  const parse = (l: string[] | string) => (Array.isArray(l) ? l : l.replace(/^{|}$/g, '').split(','));
  expect(Object.fromEntries(rows.map((r) => [r.typname, parse(r.labels)]))).toEqual(Object.fromEntries(dmmf.enums.map((e) => [e.name, e.values.map((v) => v.name)])));
});

it('has the primary keys, unique constraints and indexes of schema.prisma', async () => {
  const rows = await t.db.raw.query<{ table: string; indexdef: string; is_unique: boolean; is_primary: boolean; method: string; columns: string[] | string }>(`
    SELECT c.relname AS table, ix.indisunique AS is_unique, ix.indisprimary AS is_primary, am.amname AS method,
           array_agg(a.attname ORDER BY k.ord) AS columns, pg_get_indexdef(ix.indexrelid) AS indexdef
    FROM pg_index ix
    JOIN pg_class c ON c.oid = ix.indrelid
    JOIN pg_class i ON i.oid = ix.indexrelid
    JOIN pg_am am ON am.oid = i.relam
    JOIN pg_namespace n ON n.oid = c.relnamespace
    CROSS JOIN LATERAL unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
    WHERE n.nspname = 'public' AND c.relname <> '_prisma_migrations'
    GROUP BY c.relname, ix.indisunique, ix.indisprimary, am.amname, ix.indexrelid`);
  const cols = (c: string[] | string) => (Array.isArray(c) ? c : c.replace(/^{|}$/g, '').split(','));
  const actual = rows.map((r) => `${r.table} ${r.is_primary ? 'id' : r.is_unique ? 'unique' : 'normal'} ${r.method} (${cols(r.columns).join(',')})`).sort();
  const modelTable = new Map(dmmf.models.map((m) => [m.name, m.dbName ?? m.name]));
  const expected = dmmf.indexes
    .map((i) => `${modelTable.get(i.model)} ${i.type} ${(i.algorithm ?? 'BTree').toLowerCase()} (${i.fields.map((f) => f.name).join(',')})`)
    .sort();
  expect(actual).toEqual(expected);
});
