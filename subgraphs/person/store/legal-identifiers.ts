// Legal identifiers (national id, passport): stored only as AES-256-GCM ciphertext (for the rare caller
// holding legal_identifier:read) next to an HMAC blind index (for matching and erasure tombstones).
// The plaintext exists in memory during ingest and during a permitted read, nowhere else.
import { createHmac } from 'node:crypto';
import { Prisma } from '../../../generated/prisma/client';
import { normalizeNationalId } from '../../../core/identity/derive-national-id-hashes';
import { maskLast4 } from '../../../core/privacy/masks';
import type { Config, EncryptionKeyRing } from '../../../platform/config';
import type { Database, Tx } from '../../../platform/database';
import { seal, unseal } from '../../../platform/encryption';
import { newId } from '../../../platform/ids';
import type { RequestContext } from '../../shared/context';
import { defineLoader, groupByKey } from '../../shared/loaders';
import { insertRows } from '../../shared/bulk-sql';
import { inTransaction } from '../../shared/transaction';

export const LEGAL_IDENTIFIER_KINDS = { nationalId: 'NATIONAL_ID', passport: 'PASSPORT' } as const;
export type LegalIdentifierKind = (typeof LEGAL_IDENTIFIER_KINDS)[keyof typeof LEGAL_IDENTIFIER_KINDS];

/**
 * Blind index of an identifier: HMAC-SHA-256 of its canonical form. For national ids it equals the
 * `nationalIdHash` matching uses, so an erasure tombstone and a later ingest compare the same value.
 */
export function blindIndexOf(kind: LegalIdentifierKind, value: string, hmacKey: string): string | null {
  const canonical = normalizeNationalId(value);
  if (!canonical) return null;
  return createHmac('sha256', hmacKey).update(kind === 'NATIONAL_ID' ? canonical : `${kind}:${canonical}`).digest('hex');
}

const aadOf = (id: string, kind: string) => `LegalIdentifier:${id}:${kind}`;

export interface LegalIdentifierWrite {
  target: { personId: string; sourceRecordId: string };
  /** What the system sent for each kind: a value, null (remove) or absent (leave as is). */
  attributes: Partial<Record<keyof typeof LEGAL_IDENTIFIER_KINDS, string | null | undefined>>;
  /** The source record was created by this batch: it has no stored identifiers to compare with. */
  isNew: boolean;
}

/**
 * Keeps one row per (source record, kind) in step with what each system sent, for a whole batch in at
 * most three statements (read the stored rows, delete the replaced ones, insert the new ones): a new
 * value replaces the row, null removes it, an absent attribute leaves it. Runs in the ingest transaction.
 */
export async function storeLegalIdentifiers(tx: Tx, config: Pick<Config, 'legalIdHmacKey' | 'legalIdEncryption'>, writes: readonly LegalIdentifierWrite[]): Promise<void> {
  const wanted: Array<{ target: LegalIdentifierWrite['target']; kind: LegalIdentifierKind; value: string | null; blindIndex: string | null; isNew: boolean }> = [];
  for (const w of writes) {
    for (const [attribute, kind] of Object.entries(LEGAL_IDENTIFIER_KINDS) as Array<[keyof typeof LEGAL_IDENTIFIER_KINDS, LegalIdentifierKind]>) {
      const value = w.attributes[attribute];
      if (value === undefined || (w.isNew && value === null)) continue;
      wanted.push({ target: w.target, kind, value, blindIndex: value === null ? null : blindIndexOf(kind, value, config.legalIdHmacKey), isNew: w.isNew });
    }
  }
  if (wanted.length === 0) return;
  const stored = wanted.some((w) => !w.isNew)
    ? await tx.legalIdentifier.findMany({
      where: { sourceRecordId: { in: [...new Set(wanted.filter((w) => !w.isNew).map((w) => w.target.sourceRecordId))] } },
      select: { id: true, sourceRecordId: true, kind: true, blindIndex: true },
    })
    : [];
  const storedByKey = new Map<string, typeof stored>();
  for (const e of stored) storedByKey.set(`${e.sourceRecordId}|${e.kind}`, [...(storedByKey.get(`${e.sourceRecordId}|${e.kind}`) ?? []), e]);
  const gone: string[] = [];
  // Rows this batch writes, by (source record, kind): a later record of the batch about the same source
  // record (a re-send) sees and replaces them, as it would have one by one.
  const pending = new Map<string, Record<string, unknown> & { blindIndex: string }>();
  const hex = (b: Buffer) => `\\x${b.toString('hex')}`;
  for (const w of wanted) {
    const key = `${w.target.sourceRecordId}|${w.kind}`;
    const earlier = pending.get(key);
    const existing = earlier ? [earlier] : (storedByKey.get(key) ?? []);
    if (w.blindIndex && existing.length === 1 && existing[0]!.blindIndex === w.blindIndex) continue;
    if (earlier) pending.delete(key);
    else gone.push(...existing.map((e) => e.id as string));
    if (!w.blindIndex || w.value === null) continue;
    const id = newId();
    const sealed = seal(config.legalIdEncryption, Buffer.from(w.value.trim(), 'utf8'), aadOf(id, w.kind));
    pending.set(key, {
      id, personId: w.target.personId, sourceRecordId: w.target.sourceRecordId, kind: w.kind, blindIndex: w.blindIndex,
      keyId: sealed.keyId, nonce: hex(sealed.nonce), ciphertext: hex(sealed.ciphertext), authTag: hex(sealed.authTag),
    });
  }
  if (gone.length) await tx.legalIdentifier.deleteMany({ where: { id: { in: gone } } });
  await insertRows(tx, 'LegalIdentifier', LEGAL_IDENTIFIER_COLUMNS, [...pending.values()]);
}

const LEGAL_IDENTIFIER_COLUMNS = {
  id: 'uuid', personId: 'uuid', sourceRecordId: 'uuid', kind: '"LegalIdentifierKind"', blindIndex: 'text', keyId: 'text', nonce: 'bytea', ciphertext: 'bytea', authTag: 'bytea',
} as const;

interface LegalIdentifierRow {
  id: string;
  kind: LegalIdentifierKind;
  blindIndex: string;
  keyId: string;
  nonce: Uint8Array;
  ciphertext: Uint8Array;
  authTag: Uint8Array;
  ownerId: string;
}

/** What Person.legalIdentifiers resolves to: the ciphertext, opened only by a field the caller may see. */
export interface LegalIdentifierView {
  kind: LegalIdentifierKind;
  personId: string;
  /** The person's role states, so field rules limited to employees apply to the identifier too. */
  candidateStatus: string;
  employeeStatus: string;
  row: LegalIdentifierRow;
}

/** Rows of every source record now linked to the person (they follow merges and unmerges), newest first. */
const legalIdentifierRows = defineLoader<string, LegalIdentifierRow[]>('person.legalIdentifiers', async (prisma, personIds) => {
  const rows = await prisma.$queryRaw<LegalIdentifierRow[]>(Prisma.sql`
    SELECT l."id", l."kind"::text AS "kind", l."blindIndex", l."keyId", l."nonce", l."ciphertext", l."authTag", s."personId" AS "ownerId"
    FROM "LegalIdentifier" l JOIN "SourceRecord" s ON s."id" = l."sourceRecordId"
    WHERE s."personId" = ANY(${[...personIds]}::uuid[])
    ORDER BY l."createdAt" DESC, l."id" DESC`);
  return groupByKey(personIds, rows, (r) => r.ownerId);
});

/** One entry per distinct identifier (several systems may send the same one). */
export async function listLegalIdentifiers(ctx: RequestContext, person: { id: string; candidateStatus: string; employeeStatus: string }): Promise<LegalIdentifierView[]> {
  const rows = await legalIdentifierRows(ctx).load(person.id);
  const seen = new Set<string>();
  const out: LegalIdentifierView[] = [];
  for (const row of rows) {
    const key = `${row.kind}:${row.blindIndex}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: row.kind, personId: person.id, candidateStatus: person.candidateStatus, employeeStatus: person.employeeStatus, row });
  }
  return out.sort((a, b) => a.kind.localeCompare(b.kind));
}

export function decryptLegalIdentifier(ring: EncryptionKeyRing, row: Pick<LegalIdentifierRow, 'id' | 'kind' | 'keyId' | 'nonce' | 'ciphertext' | 'authTag'>): string {
  return unseal(ring, row, aadOf(row.id, row.kind)).toString('utf8');
}

export function last4Of(plaintext: string): string {
  return maskLast4(plaintext);
}

/**
 * Re-encrypts every legal identifier (and, through `rewrap`, every other value sealed with the ring)
 * whose key is not the active one, in batches, each batch its own transaction. Old keys must still be
 * in the ring while this runs; afterwards they can be removed.
 */
export async function reencryptLegalIdentifiers(db: Database, ring: EncryptionKeyRing, batchSize = 500): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await inTransaction(db, async (tx) => {
      const rows = await tx.legalIdentifier.findMany({ where: { keyId: { not: ring.activeKeyId } }, take: batchSize, orderBy: { id: 'asc' } });
      for (const row of rows) {
        const plaintext = unseal(ring, row, aadOf(row.id, row.kind));
        const s = seal(ring, plaintext, aadOf(row.id, row.kind));
        plaintext.fill(0);
        await tx.legalIdentifier.update({
          where: { id: row.id },
          data: { keyId: s.keyId, nonce: new Uint8Array(s.nonce), ciphertext: new Uint8Array(s.ciphertext), authTag: new Uint8Array(s.authTag) },
        });
      }
      return rows.length;
    });
    total += n;
    if (n < batchSize) return total;
  }
}
