// Survivorship as stored: the stored rules that make the policy, and recomputing one golden person from
// its linked source records (survivorship in core/) with the changed attributes, their provenance and
// audit event written in the caller's transaction.
import type { Prisma, PrismaClient } from '../../../generated/prisma/client';
import type { GoldenSource } from '../../../core/survivorship/compute-golden-record';
import { DEFAULT_SURVIVORSHIP_POLICY, type SurvivorshipPolicy } from '../../../core/survivorship/policy';
import { currentColumns, planGoldenChange, provenanceContent, type PersonGoldenAttribute, type ProvenanceState } from '../../../core/survivorship/plan-golden-change';
import type { PersonAttributes } from '../../../core/identity/types';
import type { Tx } from '../../../platform/database';
import { newId } from '../../../platform/ids';
import { insertRows } from '../../shared/bulk-sql';
import { appendAudit, type ChangeMeta } from '../../shared/change-log';

export { PERSON_GOLDEN_ATTRIBUTES, comparable, currentColumns, toColumns, type PersonGoldenAttribute } from '../../../core/survivorship/plan-golden-change';

/** Built-in defaults, overridden per attribute by rules an admin stored (see use-cases/survivorship-policy.ts). */
export async function loadStoredPolicy(tx: Tx | PrismaClient): Promise<SurvivorshipPolicy> {
  return policyFromRules(await tx.survivorshipRule.findMany());
}

/** The policy that stored rules (attribute → rule) make of the built-in defaults. */
export function policyFromRules(rows: ReadonlyArray<{ attribute: string; rule: unknown }>): SurvivorshipPolicy {
  if (rows.length === 0) return DEFAULT_SURVIVORSHIP_POLICY;
  const policy: Record<string, unknown> = { ...DEFAULT_SURVIVORSHIP_POLICY };
  for (const r of rows) if (r.attribute in policy) policy[r.attribute] = r.rule;
  return policy as SurvivorshipPolicy;
}

export interface RecomputeResult { changed: PersonGoldenAttribute[]; auditEventIds: string[] }

/** Provenance rows as written (the import's one statement and recomputeGoldenPerson): columns and the upsert. */
export const PROVENANCE_COLUMNS = {
  id: 'uuid', entityType: 'text', entityId: 'uuid', attribute: 'text', value: 'jsonb', system: '"SourceSystem"', sourceRecordId: 'uuid', sourceId: 'text',
  sourceTimestamp: 'timestamp(3)', rule: 'text', eventId: 'uuid', decidedAt: 'timestamp(3)', candidates: 'jsonb',
} as const;
export const PROVENANCE_UPSERT = `ON CONFLICT ("entityType", "entityId", "attribute") DO UPDATE SET ${Object.keys(PROVENANCE_COLUMNS)
  .filter((c) => !['id', 'entityType', 'entityId', 'attribute'].includes(c)).map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ')}`;

/** A stored provenance row as the plan compares it (see provenanceContent). */
export function storedProvenance(p: { id: string; eventId: string } & Parameters<typeof provenanceContent>[0]): ProvenanceState {
  return { id: p.id, eventId: p.eventId, row: null, stored: { eventId: p.eventId, content: provenanceContent(p) } };
}

/**
 * Recomputes one person from its linked records after a merge, an unmerge, a steward override or a
 * policy change: the same golden plan as ingestion (core/survivorship/plan-golden-change.ts), read from
 * and written to the database for this one person.
 */
export async function recomputeGoldenPerson(
  tx: Tx,
  personId: string,
  meta: ChangeMeta,
  opts: { policy?: SurvivorshipPolicy; /** Region of phone numbers written without a country code (DEFAULT_PHONE_REGION). */ defaultRegion: string },
): Promise<RecomputeResult> {
  const [person, records, stored] = await Promise.all([
    tx.person.findUniqueOrThrow({ where: { id: personId } }),
    tx.sourceRecord.findMany({ where: { personId, erasedAt: null }, orderBy: { id: 'asc' } }),
    tx.provenance.findMany({ where: { entityType: 'Person', entityId: personId } }),
  ]);
  const sources: GoldenSource[] = records.map((r) => ({
    sourceRecordId: r.id,
    system: r.system,
    sourceId: r.sourceId,
    sourceTimestamp: r.sourceTimestamp.toISOString(),
    attributes: r.attributes as PersonAttributes,
  }));
  const change = planGoldenChange({
    personId,
    columns: currentColumns(person as unknown as Record<string, unknown>),
    provenance: new Map(stored.map((p) => [p.attribute, storedProvenance({ ...p, sourceTimestamp: p.sourceTimestamp?.toISOString() ?? null })])),
    sources,
    policy: opts.policy ?? (await loadStoredPolicy(tx)),
    defaultRegion: opts.defaultRegion,
    now: meta.now,
    newId,
  });
  const { changed, columns } = change;
  if (changed.length > 0) {
    await tx.person.update({
      where: { id: personId },
      data: {
        ...(Object.fromEntries(changed.map((a) => [a, a === 'birthDate' ? (columns[a] ? new Date(`${columns[a]}T00:00:00.000Z`) : null) : columns[a]])) as Prisma.PersonUpdateInput),
        version: { increment: 1 },
      },
    });
  }
  const auditEventIds = await appendAudit(tx, meta, change.audit);
  const rows = [...change.provenance].filter(([, p]) => p.row).map(([attribute, p]) => ({ id: p.id, entityType: 'Person', entityId: personId, attribute, ...p.row }));
  await insertRows(tx, 'Provenance', PROVENANCE_COLUMNS, rows, PROVENANCE_UPSERT);
  const vanished = [...change.provenance].filter(([, p]) => p.deleted).map(([attribute]) => attribute);
  if (vanished.length) await tx.provenance.deleteMany({ where: { entityType: 'Person', entityId: personId, attribute: { in: vanished } } });
  return { changed, auditEventIds };
}
