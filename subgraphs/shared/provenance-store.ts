// Provenance as stored: one row per entity, one document of its attributes, each attribute's entry saying
// where its current value came from (system, source record, source id and timestamp), the rule that
// decided, the audit event that set it, when, and the ranked candidates. A row per attribute cost the
// hub about 3.7 KB per source record (two indexes, a row header and the repeated entity columns for each
// of ~7 attributes); the document of a whole entity is read and written at once, which is how every
// writer (ingest, recompute, owned records, consents) and reader (the provenance field, sourced grants)
// uses it, and costs about a fifth of that.
import type { PrismaClient } from '../../generated/prisma/client';
import type { Tx } from '../../platform/database';
import { insertRows, type ColumnTypes } from './bulk-sql';

/** One attribute's entry in its entity's document (timestamps as ISO strings). */
export interface ProvenanceEntry {
  value: unknown;
  system: string | null;
  sourceRecordId: string | null;
  sourceId: string | null;
  sourceTimestamp: string | null;
  rule: string;
  eventId: string;
  decidedAt: string;
  /** Ranked candidates; null when the winner is the only one (readers rebuild it, see stored-candidates.ts). */
  candidates: unknown;
}

/** Columns and conflict clause of a document upsert: the entries sent replace those of the stored document, the others stay. */
export const PROVENANCE_COLUMNS: ColumnTypes = { entityType: 'text', entityId: 'uuid', attributes: 'jsonb' };
export const PROVENANCE_UPSERT = `ON CONFLICT ("entityType", "entityId") DO UPDATE SET attributes = "Provenance".attributes || EXCLUDED.attributes`;

/** Changes to one entity's document: entries to set (whole) and attributes whose entry goes. */
export interface ProvenanceChange { entityId: string; set?: Record<string, ProvenanceEntry>; remove?: string[] }

/** The rows of the upsert (PROVENANCE_COLUMNS) for the entries a set of changes sets. */
export function provenanceRows(entityType: string, changes: readonly ProvenanceChange[]): Array<Record<string, unknown>> {
  return changes.filter((c) => c.set && Object.keys(c.set).length > 0).map((c) => ({ entityType, entityId: c.entityId, attributes: c.set }));
}

const REMOVE_ENTRIES = `UPDATE "Provenance" p SET attributes = p.attributes - x.attributes FROM jsonb_to_recordset($1::jsonb) AS x("entityId" uuid, attributes text[])
  WHERE p."entityType" = $2 AND p."entityId" = x."entityId"`;

/** The removals of a set of changes as one statement and its parameters (run before the upsert), or null. */
export function provenanceRemoval(entityType: string, changes: readonly ProvenanceChange[]): { sql: string; params: [string, string] } | null {
  const gone = changes.filter((c) => c.remove && c.remove.length > 0).map((c) => ({ entityId: c.entityId, attributes: c.remove }));
  if (gone.length === 0) return null;
  return { sql: REMOVE_ENTRIES, params: [JSON.stringify(gone), entityType] };
}

/** Applies changes to the documents of entities of one type, in the caller's transaction. */
export async function writeProvenance(tx: Tx, entityType: string, changes: readonly ProvenanceChange[]): Promise<void> {
  const removal = provenanceRemoval(entityType, changes);
  if (removal) await tx.$executeRawUnsafe(removal.sql, ...removal.params);
  // One change per entity: an upsert cannot touch one row twice.
  await insertRows(tx, 'Provenance', PROVENANCE_COLUMNS, provenanceRows(entityType, changes), PROVENANCE_UPSERT);
}

/** A stored document's entries (absent fields read as null). */
export function entriesOf(document: unknown): Map<string, ProvenanceEntry> {
  const out = new Map<string, ProvenanceEntry>();
  if (!document || typeof document !== 'object') return out;
  for (const [attribute, e] of Object.entries(document as Record<string, Partial<ProvenanceEntry> | null>)) {
    if (!e) continue;
    out.set(attribute, {
      value: e.value ?? null, system: e.system ?? null, sourceRecordId: e.sourceRecordId ?? null, sourceId: e.sourceId ?? null,
      sourceTimestamp: e.sourceTimestamp ?? null, rule: e.rule ?? '', eventId: e.eventId ?? '', decidedAt: e.decidedAt ?? '', candidates: e.candidates ?? null,
    });
  }
  return out;
}

/** The documents of some entities of one type, by entity id (entities without provenance are left out). */
export async function readProvenance(db: Tx | PrismaClient, entityType: string, entityIds: readonly string[]): Promise<Map<string, Map<string, ProvenanceEntry>>> {
  if (entityIds.length === 0) return new Map();
  const rows = await db.provenance.findMany({ where: { entityType, entityId: { in: [...new Set(entityIds)] } } });
  return new Map(rows.map((r) => [r.entityId, entriesOf(r.attributes)]));
}

/**
 * SQL of an erased entity's document: every entry keeps its rule, event, system and time, and loses its
 * value, source id and candidates (`attributes` is the column's SQL).
 */
export const ERASED_PROVENANCE = (attributes: string) =>
  `COALESCE((SELECT jsonb_object_agg(e.k, e.v || '{"value": null, "sourceId": null, "candidates": []}'::jsonb) FROM jsonb_each(${attributes}) AS e(k, v)), '{}'::jsonb)`;
