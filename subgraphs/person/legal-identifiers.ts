// Legal identifiers (national id, passport): stored only as AES-256-GCM ciphertext (for the rare caller
// holding legal_identifier:read) next to an HMAC blind index (for matching and erasure tombstones).
// The plaintext exists in memory during ingest and during a permitted read, nowhere else.
import { createHmac } from 'node:crypto';
import { Prisma } from '../../generated/prisma/client';
import { normalizeNationalId } from '../../core/identity/derive-national-id-hashes';
import { maskLast4 } from '../../core/privacy/masks';
import type { Config, EncryptionKeyRing } from '../../platform/config';
import type { Database, Tx } from '../../platform/database';
import { seal, unseal } from '../../platform/encryption';
import { newId } from '../../platform/ids';
import type { RequestContext } from '../shared/context';
import { defineLoader, groupByKey } from '../shared/loaders';
import { inTransaction } from '../shared/transaction';

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

/**
 * Keeps one row per (source record, kind) in step with what the system sent: a new value replaces the
 * row, null removes it, an absent attribute leaves it. Runs in the ingest transaction.
 */
export async function storeLegalIdentifiers(
  tx: Tx,
  config: Pick<Config, 'legalIdHmacKey' | 'legalIdEncryption'>,
  target: { personId: string; sourceRecordId: string },
  attributes: Partial<Record<keyof typeof LEGAL_IDENTIFIER_KINDS, string | null | undefined>>,
): Promise<void> {
  for (const [attribute, kind] of Object.entries(LEGAL_IDENTIFIER_KINDS) as Array<[keyof typeof LEGAL_IDENTIFIER_KINDS, LegalIdentifierKind]>) {
    const value = attributes[attribute];
    if (value === undefined) continue;
    const existing = await tx.legalIdentifier.findMany({ where: { sourceRecordId: target.sourceRecordId, kind }, select: { id: true, blindIndex: true } });
    const blindIndex = value === null ? null : blindIndexOf(kind, value, config.legalIdHmacKey);
    if (blindIndex && existing.length === 1 && existing[0]!.blindIndex === blindIndex) continue;
    if (existing.length) await tx.legalIdentifier.deleteMany({ where: { id: { in: existing.map((e) => e.id) } } });
    if (!blindIndex || value === null) continue;
    const id = newId();
    const s = seal(config.legalIdEncryption, Buffer.from(value.trim(), 'utf8'), aadOf(id, kind));
    await tx.legalIdentifier.create({
      data: {
        id, personId: target.personId, sourceRecordId: target.sourceRecordId, kind, blindIndex,
        keyId: s.keyId, nonce: new Uint8Array(s.nonce), ciphertext: new Uint8Array(s.ciphertext), authTag: new Uint8Array(s.authTag),
      },
    });
  }
}

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
