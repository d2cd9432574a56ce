// Crypto-shredding of audit values: the personal old/new values of a person's audit events are sealed
// with that person's data key (AES-256-GCM, PersonKey table) before they are hashed into the chain.
// Readers open them with the key; erasure deletes the key, so the values become unreadable while every
// hash still verifies (the chain covers the ciphertext, which never changes).
import { randomBytes } from 'node:crypto';
import DataLoader from 'dataloader';
import { packJson, unpackJson } from '../../core/audit/pack-json';
import { attributePolicyFor } from '../../core/privacy/field-policy';
import type { Tx } from '../../platform/database';
import { decryptWithKey, encryptWithKey } from '../../platform/encryption';
import type { RequestContext } from './context';

/**
 * How a sealed value is stored in AuditEvent.oldValue/newValue. v2 (written since 2026-12): one base64
 * string of nonce (12 bytes), GCM tag (16) and ciphertext, the plaintext being a format byte and the
 * value in packJson's compact form. About 170 bytes of jsonb per value against 260 for v1, whose nonce,
 * ciphertext and tag of the plain JSON text are base64 fields of their own. v1 values stay readable.
 */
export type SealedValue = { $sealed: 'v1'; n: string; c: string; t: string } | { $sealed: 'v2'; d: string };

export function isSealed(v: unknown): v is SealedValue {
  const version = !!v && typeof v === 'object' ? (v as { $sealed?: unknown }).$sealed : undefined;
  return version === 'v1' || version === 'v2';
}

/** v2's format byte: the value packed by packJson (its token table 1). */
const PACKED_JSON = 1;

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
  const s = encryptWithKey(key, Buffer.concat([Buffer.of(PACKED_JSON), packJson(value)]), aad(eventId, which));
  return { $sealed: 'v2', d: Buffer.concat([s.nonce, s.authTag, s.ciphertext]).toString('base64') };
}

/** The value, or null when the key is gone (the person was erased). */
export function openValue(key: Buffer | null, eventId: string, which: 'old' | 'new', stored: unknown): unknown {
  if (!isSealed(stored)) return stored;
  if (!key) return null;
  if (stored.$sealed === 'v1') {
    const plain = decryptWithKey(key, { nonce: Buffer.from(stored.n, 'base64'), ciphertext: Buffer.from(stored.c, 'base64'), authTag: Buffer.from(stored.t, 'base64') }, aad(eventId, which));
    return JSON.parse(plain.toString('utf8'));
  }
  const packed = Buffer.from(stored.d, 'base64');
  const body = decryptWithKey(key, { nonce: packed.subarray(0, 12), authTag: packed.subarray(12, 28), ciphertext: packed.subarray(28) }, aad(eventId, which));
  if (body[0] !== PACKED_JSON) throw new Error(`sealed audit value of event ${eventId}: unknown format ${body[0]}`);
  return unpackJson(body.subarray(1));
}

/** A new person's data key (AES-256). */
export function newPersonKey(): Buffer {
  return randomBytes(32);
}

/**
 * The data keys of many people in one statement: the missing ones are created, the others read (the
 * insert's RETURNING gives the new keys, the select the ones that were there before the statement).
 */
export async function personKeysFor(tx: Tx, personIds: readonly string[]): Promise<Map<string, Buffer>> {
  const keys = new Map<string, Buffer>();
  const wanted = [...new Set(personIds)];
  if (wanted.length === 0) return keys;
  const rows = await tx.$queryRawUnsafe<Array<{ personId: string; key: string }>>(
    `WITH wanted AS (SELECT id, decode(k, 'base64') AS key FROM unnest($1::uuid[], $2::text[]) AS w(id, k)),
          created AS (INSERT INTO "PersonKey" ("personId", "key") SELECT id, key FROM wanted ON CONFLICT ("personId") DO NOTHING RETURNING "personId", "key")
     SELECT "personId"::text AS "personId", encode("key", 'base64') AS key FROM created
     UNION ALL SELECT "personId"::text, encode("key", 'base64') FROM "PersonKey" WHERE "personId" = ANY($1::uuid[])`,
    wanted, wanted.map(() => newPersonKey().toString('base64')),
  );
  for (const r of rows) keys.set(r.personId, Buffer.from(r.key, 'base64'));
  // A key another transaction created while this statement waited on it is visible only to a new statement.
  const raced = wanted.filter((id) => !keys.has(id));
  if (raced.length > 0) {
    for (const r of await tx.personKey.findMany({ where: { personId: { in: raced } } })) keys.set(r.personId, Buffer.from(r.key));
  }
  return keys;
}

/**
 * Seals the personal values of audit entries in place of the plain ones (before they are hashed).
 * `known` holds keys the caller already has (read with the people it changes, or made for people it
 * creates and writes their PersonKey rows itself in the same transaction); the others are read or
 * created in one statement.
 */
export async function sealAuditValues<E extends { entityType: string; entityId: string; attribute?: string | null; oldValue?: unknown; newValue?: unknown; eventId: string }>(
  tx: Tx, entries: E[], known: ReadonlyMap<string, Buffer> = new Map(),
): Promise<E[]> {
  const hasValue = (e: E) => (e.oldValue !== undefined && e.oldValue !== null) || (e.newValue !== undefined && e.newValue !== null);
  const sealed = (e: E) => hasValue(e) && isPersonalAuditValue(e.entityType, e.attribute);
  const missing = entries.filter(sealed).map((e) => e.entityId).filter((id) => !known.has(id));
  const fetched = missing.length > 0 ? await personKeysFor(tx, missing) : new Map<string, Buffer>();
  return entries.map((e) => {
    if (!sealed(e)) return e;
    const key = known.get(e.entityId) ?? fetched.get(e.entityId)!;
    return {
      ...e,
      oldValue: e.oldValue === undefined || e.oldValue === null ? null : sealValue(key, e.eventId, 'old', e.oldValue),
      newValue: e.newValue === undefined || e.newValue === null ? null : sealValue(key, e.eventId, 'new', e.newValue),
    };
  });
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
  return (await tx.personKey.deleteMany({ where: { personId: { in: personIds } } })).count;
}
