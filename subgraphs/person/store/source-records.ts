// Writes of the crosswalk: source records with their matching features and blocking keys, and the
// external ids they imply. Used by ingestion, merge/unmerge and the demo seed.
import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '../../../generated/prisma/client';
import { storedKeysFor } from '../../../core/identity/blocking-keys';
import { matchFeaturesOf, type FeatureDerivation } from '../../../core/identity/extract-match-features';
import { encodeStoredFeatures } from '../../../core/identity/stored-features';
import type { MatchFeatures, PersonAttributes } from '../../../core/identity/types';
import { canonicalJson } from '../../../core/audit/hash-audit-event';
import type { Tx } from '../../../platform/database';
import { newId } from '../../../platform/ids';
import type { LinkType, SourceSystem } from '../../shared/enums';

export interface NewSourceRecord {
  id?: string;
  personId: string;
  system: SourceSystem;
  sourceId: string;
  attributes: PersonAttributes;
  sourceTimestamp: Date;
  linkType: LinkType;
  linkKey?: string | null;
  matchScore?: number | null;
  /** Precomputed matching features of `attributes`; derived here when absent. */
  features?: MatchFeatures;
}

/** A blocking key is stored as the 64-bit hash of its text: SQL hashing one key (`text`)... */
export const BLOCKING_KEY_HASH = (text: string) => `hashtextextended(${text}, 0)`;
/** ...and the stored array of a record's keys from a text[] of them (see the blocking_keys_on_record migration). */
export const BLOCKING_KEYS_OF = (textArray: string) => `ARRAY(SELECT ${BLOCKING_KEY_HASH('k')} FROM unnest(${textArray}) AS k ORDER BY 1)`;

export function hashPayload(attributes: PersonAttributes): string {
  return createHash('sha256').update(canonicalJson(attributes)).digest('hex');
}

export async function insertSourceRecord(tx: Tx, r: NewSourceRecord, linkedBy: string, derivation: FeatureDerivation): Promise<string> {
  const id = r.id ?? newId();
  const features = r.features ?? matchFeaturesOf(r.attributes, r.system, derivation);
  await tx.sourceRecord.create({
    data: {
      id,
      personId: r.personId,
      system: r.system,
      sourceId: r.sourceId,
      attributes: r.attributes as Prisma.InputJsonValue,
      features: encodeStoredFeatures(features) as Prisma.InputJsonValue,
      payloadHash: hashPayload(r.attributes),
      sourceTimestamp: r.sourceTimestamp,
      linkType: r.linkType,
      linkKey: r.linkKey ?? null,
      matchScore: r.matchScore ?? null,
    },
  });
  // Frequency keys only for the sampled people, as the ingest store writes them (as 64-bit hashes of the key text).
  const keys = storedKeysFor(features);
  if (keys.length) await tx.$executeRawUnsafe(`UPDATE "SourceRecord" SET "blockingKeys" = ${BLOCKING_KEYS_OF('$1::text[]')} WHERE id = $2::uuid`, keys, id);
  // The source system's own record id is that system's identifier for the person.
  await tx.externalId.createMany({
    data: [{ id: newId(), system: r.system, value: r.sourceId, personId: r.personId, linkedBy }],
    skipDuplicates: true,
  });
  return id;
}

/** Ids of a person's source records, leaving one out when `except` names it. */
export async function sourceRecordIdsOf(db: PrismaClient | Tx, personId: string, except?: string): Promise<string[]> {
  const rows = await db.sourceRecord.findMany({ where: { personId, ...(except ? { id: { not: except } } : {}) }, select: { id: true } });
  return rows.map((r) => r.id);
}

export function findSourceRecord(db: PrismaClient | Tx, sourceRecordId: string) {
  return db.sourceRecord.findUnique({ where: { id: sourceRecordId } });
}
