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
import { readProvenance, writeProvenance, type ProvenanceChange, type ProvenanceEntry } from '../../shared/provenance-store';
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

/** A stored provenance entry as the plan compares it (see provenanceContent). */
export function storedProvenance(p: ProvenanceEntry): ProvenanceState {
  return { eventId: p.eventId, row: null, stored: { eventId: p.eventId, content: provenanceContent(p) } };
}

/** Where a plan leaves an entity's provenance: the entries it rewrites and the attributes whose entry goes. */
export function provenanceChangeOf(entityId: string, provenance: ReadonlyMap<string, ProvenanceState>): ProvenanceChange {
  const entries = [...provenance];
  return {
    entityId,
    set: Object.fromEntries(entries.filter(([, p]) => p.row).map(([attribute, p]) => [attribute, p.row as unknown as ProvenanceEntry])),
    remove: entries.filter(([, p]) => p.deleted).map(([attribute]) => attribute),
  };
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
    readProvenance(tx, 'Person', [personId]),
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
    provenance: new Map([...(stored.get(personId) ?? [])].map(([attribute, p]) => [attribute, storedProvenance(p)])),
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
  await writeProvenance(tx, 'Person', [provenanceChangeOf(personId, change.provenance)]);
  return { changed, auditEventIds };
}
