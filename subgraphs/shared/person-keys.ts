// Crypto-shredding of audit values: the personal old/new values of a person's audit events are sealed
// with that person's data key (AES-256-GCM, PersonKey table) before they are hashed into the chain.
// Readers open them with the key; erasure deletes the key, so the values become unreadable while every
// hash still verifies (the chain covers the ciphertext, which never changes).
import { randomBytes } from 'node:crypto';
import DataLoader from 'dataloader';
import { attributePolicyFor } from '../../core/privacy/field-policy';
import type { Tx } from '../../platform/database';
import { decryptWithKey, encryptWithKey } from '../../platform/encryption';
import type { RequestContext } from './context';

/** How a sealed value is stored in AuditEvent.oldValue/newValue. */
export interface SealedValue { $sealed: 'v1'; n: string; c: string; t: string }

export function isSealed(v: unknown): v is SealedValue {
  return !!v && typeof v === 'object' && (v as { $sealed?: unknown }).$sealed === 'v1';
}

/**
 * Values of a Person's audit event are sealed unless the attribute is known to be non-personal (role
 * statuses, region, deletion policy). Entries without an attribute (links, merges) name source records
 * and system ids: sealed too.
 */
export function isPersonalAuditValue(entityType: string, attribute: string | null | undefined): boolean {
  if (entityType !== 'Person') return false;
  if (!attribute) return true;
  const policy = attributePolicyFor('Person', attribute);
  return !policy || policy.kind === 'personal' || policy.kind === 'attributeValue';
}

const aad = (eventId: string, which: 'old' | 'new') => `AuditEvent:${eventId}:${which}`;

export function sealValue(key: Buffer, eventId: string, which: 'old' | 'new', value: unknown): SealedValue {
  const s = encryptWithKey(key, Buffer.from(JSON.stringify(value), 'utf8'), aad(eventId, which));
  return { $sealed: 'v1', n: s.nonce.toString('base64'), c: s.ciphertext.toString('base64'), t: s.authTag.toString('base64') };
}

/** The value, or null when the key is gone (the person was erased). */
export function openValue(key: Buffer | null, eventId: string, which: 'old' | 'new', stored: unknown): unknown {
  if (!isSealed(stored)) return stored;
  if (!key) return null;
  const plain = decryptWithKey(key, { nonce: Buffer.from(stored.n, 'base64'), ciphertext: Buffer.from(stored.c, 'base64'), authTag: Buffer.from(stored.t, 'base64') }, aad(eventId, which));
  return JSON.parse(plain.toString('utf8'));
}

const keyCache = new WeakMap<object, Map<string, Buffer>>();

/**
 * Keys the caller already holds for this transaction: read with other rows of the people (the ingest
 * store's read of the people it changes) or created for new people, whose PersonKey rows the caller
 * writes itself in the same transaction. Sealing later in the transaction reads none of them again.
 */
export function rememberPersonKeys(tx: Tx, keys: Iterable<[string, Buffer]>): void {
  let cache = keyCache.get(tx);
  if (!cache) keyCache.set(tx, (cache = new Map()));
  for (const [personId, key] of keys) cache.set(personId, key);
}

/** A new person's data key (AES-256). */
export function newPersonKey(): Buffer {
  return randomBytes(32);
}

/** The person's data key, created on first use; cached for the rest of the transaction. */
export async function personKeyFor(tx: Tx, personId: string): Promise<Buffer> {
  return (await personKeysFor(tx, [personId])).get(personId)!;
}

/**
 * The data keys of many people in one statement: the missing ones are created, the others read (the
 * insert's RETURNING gives the new keys, the select the ones that were there before the statement).
 */
export async function personKeysFor(tx: Tx, personIds: readonly string[]): Promise<Map<string, Buffer>> {
  let cache = keyCache.get(tx);
  if (!cache) keyCache.set(tx, (cache = new Map()));
  const missing = [...new Set(personIds)].filter((id) => !cache!.has(id));
  if (missing.length > 0) {
    const rows = await tx.$queryRawUnsafe<Array<{ personId: string; key: string }>>(
      `WITH wanted AS (SELECT id, decode(k, 'base64') AS key FROM unnest($1::uuid[], $2::text[]) AS w(id, k)),
            created AS (INSERT INTO "PersonKey" ("personId", "key") SELECT id, key FROM wanted ON CONFLICT ("personId") DO NOTHING RETURNING "personId", "key")
       SELECT "personId"::text AS "personId", encode("key", 'base64') AS key FROM created
       UNION ALL SELECT "personId"::text, encode("key", 'base64') FROM "PersonKey" WHERE "personId" = ANY($1::uuid[])`,
      missing, missing.map(() => newPersonKey().toString('base64')),
    );
    for (const r of rows) cache.set(r.personId, Buffer.from(r.key, 'base64'));
    // A key another transaction created while this statement waited on it is visible only to a new statement.
    const raced = missing.filter((id) => !cache!.has(id));
    if (raced.length > 0) {
      for (const r of await tx.personKey.findMany({ where: { personId: { in: raced } } })) cache.set(r.personId, Buffer.from(r.key));
    }
  }
  return new Map(personIds.map((id) => [id, cache!.get(id)!]));
}

/** Seals the personal values of audit entries in place of the plain ones (before they are hashed). */
export async function sealAuditValues<E extends { entityType: string; entityId: string; attribute?: string | null; oldValue?: unknown; newValue?: unknown; eventId: string }>(tx: Tx, entries: E[]): Promise<E[]> {
  const sealed = (e: E) => ((e.oldValue !== undefined && e.oldValue !== null) || (e.newValue !== undefined && e.newValue !== null)) && isPersonalAuditValue(e.entityType, e.attribute);
  // Every key the entries need, in one statement.
  await personKeysFor(tx, entries.filter(sealed).map((e) => e.entityId));
  const out: E[] = [];
  for (const e of entries) {
    const hasValue = (e.oldValue !== undefined && e.oldValue !== null) || (e.newValue !== undefined && e.newValue !== null);
    if (!hasValue || !isPersonalAuditValue(e.entityType, e.attribute)) {
      out.push(e);
      continue;
    }
    const key = await personKeyFor(tx, e.entityId);
    out.push({
      ...e,
      oldValue: e.oldValue === undefined || e.oldValue === null ? null : sealValue(key, e.eventId, 'old', e.oldValue),
      newValue: e.newValue === undefined || e.newValue === null ? null : sealValue(key, e.eventId, 'new', e.newValue),
    });
  }
  return out;
}

const LOADER = 'shared.personKeys';

function keysLoader(ctx: Pick<RequestContext, 'loaders' | 'db'>): DataLoader<string, Buffer | null> {
  let loader = ctx.loaders.get(LOADER) as DataLoader<string, Buffer | null> | undefined;
  if (!loader) {
    loader = new DataLoader<string, Buffer | null>(async (ids) => {
      const rows = await ctx.db.prisma.personKey.findMany({ where: { personId: { in: [...ids] } } });
      const byId = new Map(rows.map((r) => [r.personId, Buffer.from(r.key)]));
      return ids.map((id) => byId.get(id) ?? null);
    }, { maxBatchSize: 1000 });
    ctx.loaders.set(LOADER, loader);
  }
  return loader;
}

/** Audit rows with their values opened for reading (null where the person was erased). */
export async function openAuditRows<R extends { entityType: string; entityId: string; eventId: string; oldValue: unknown; newValue: unknown }>(
  ctx: Pick<RequestContext, 'loaders' | 'db'>,
  rows: R[],
): Promise<R[]> {
  const sealed = rows.filter((r) => isSealed(r.oldValue) || isSealed(r.newValue));
  if (sealed.length === 0) return rows;
  const keys = await keysLoader(ctx).loadMany([...new Set(sealed.map((r) => r.entityId))]);
  const byId = new Map([...new Set(sealed.map((r) => r.entityId))].map((id, i) => [id, keys[i] instanceof Buffer ? (keys[i] as Buffer) : null]));
  return rows.map((r) => {
    if (!isSealed(r.oldValue) && !isSealed(r.newValue)) return r;
    const key = byId.get(r.entityId) ?? null;
    return { ...r, oldValue: openValue(key, r.eventId, 'old', r.oldValue), newValue: openValue(key, r.eventId, 'new', r.newValue) };
  });
}

/** Erasure: the keys go, and with them every sealed value of these people. */
export async function destroyPersonKeys(tx: Tx, personIds: string[]): Promise<number> {
  if (personIds.length === 0) return 0;
  const cache = keyCache.get(tx);
  for (const id of personIds) cache?.delete(id);
  return (await tx.personKey.deleteMany({ where: { personId: { in: personIds } } })).count;
}
