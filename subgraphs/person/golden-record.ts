// Recomputes a golden person from its linked source records (survivorship in core/), and writes the
// changed attributes, their provenance and audit events in the caller's transaction. The only path
// by which golden person attributes change.
import type { Prisma, PrismaClient } from '../../generated/prisma/client';
import { computeGoldenRecord, type GoldenSource } from '../../core/survivorship/compute-golden-record';
import { DEFAULT_SURVIVORSHIP_POLICY, type SurvivorshipPolicy } from '../../core/survivorship/policy';
import { PERSON_GOLDEN_ATTRIBUTES, comparable, currentColumns, toColumns, type PersonGoldenAttribute } from '../../core/survivorship/plan-golden-change';
import type { PersonAttributes } from '../../core/identity/types';
import type { Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { appendAudit, type AuditEntry, type ChangeMeta } from '../shared/change-log';

export { PERSON_GOLDEN_ATTRIBUTES, comparable, currentColumns, toColumns, type PersonGoldenAttribute } from '../../core/survivorship/plan-golden-change';

/** Built-in defaults, overridden per attribute by rules an admin stored (see survivorship-policy.ts). */
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

export async function recomputeGoldenPerson(
  tx: Tx,
  personId: string,
  meta: ChangeMeta,
  opts: { policy?: SurvivorshipPolicy; defaultRegion?: string; auditType?: string } = {},
): Promise<RecomputeResult> {
  const person = await tx.person.findUniqueOrThrow({ where: { id: personId } });
  const records = await tx.sourceRecord.findMany({ where: { personId, erasedAt: null } });
  const sources: GoldenSource[] = records.map((r) => ({
    sourceRecordId: r.id,
    system: r.system,
    sourceId: r.sourceId,
    sourceTimestamp: r.sourceTimestamp.toISOString(),
    attributes: r.attributes as PersonAttributes,
  }));
  const region = opts.defaultRegion ?? 'US';
  const policy = opts.policy ?? (await loadStoredPolicy(tx));
  const golden = computeGoldenRecord(sources, policy, { defaultRegion: region });
  const next = toColumns(golden.attributes as Record<string, unknown>, region);
  const before = currentColumns(person as unknown as Record<string, unknown>);
  const changed = PERSON_GOLDEN_ATTRIBUTES.filter((a) => comparable(before[a]) !== comparable(next[a]));

  // Provenance is refreshed for every attribute (a losing candidate may have changed without the value
  // changing); audit events only for values that changed.
  const audit: AuditEntry[] = changed.map((a) => ({
    eventId: newId(),
    type: opts.auditType ?? 'PersonAttributeChanged',
    entityType: 'Person',
    entityId: personId,
    attribute: a,
    oldValue: before[a],
    newValue: next[a],
  }));
  const eventIdOf = new Map(audit.map((e) => [e.attribute, e.eventId!]));
  if (changed.length > 0) {
    await tx.person.update({
      where: { id: personId },
      data: {
        ...(Object.fromEntries(changed.map((a) => [a, a === 'birthDate' ? (next[a] ? new Date(`${next[a]}T00:00:00.000Z`) : null) : next[a]])) as Prisma.PersonUpdateInput),
        version: { increment: 1 },
      },
    });
  }
  const auditEventIds = await appendAudit(tx, meta, audit);

  // Provenance is refreshed for every attribute in one statement (a losing candidate may change without
  // the value changing). A row keeps the event id that set its value until the value changes again.
  const rows = PERSON_GOLDEN_ATTRIBUTES.flatMap((a) => {
    const p = golden.provenance[a as keyof typeof golden.provenance];
    if (!p) return [];
    return [{
      id: newId(), entityType: 'Person', entityId: personId, attribute: a, value: next[a] ?? null, system: p.system,
      sourceRecordId: p.sourceRecordId, sourceId: p.sourceId, sourceTimestamp: new Date(p.sourceTimestamp).toISOString(), rule: p.rule,
      eventId: eventIdOf.get(a) ?? newId(), decidedAt: meta.now.toISOString(), candidates: p.candidates,
    }];
  });
  if (rows.length) {
    await tx.$executeRaw`
      INSERT INTO "Provenance" ("id", "entityType", "entityId", "attribute", "value", "system", "sourceRecordId", "sourceId", "sourceTimestamp", "rule", "eventId", "decidedAt", "candidates")
      SELECT x."id", x."entityType", x."entityId", x."attribute", x."value", x."system"::"SourceSystem", x."sourceRecordId", x."sourceId", x."sourceTimestamp", x."rule", x."eventId", x."decidedAt", x."candidates"
      FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS x("id" uuid, "entityType" text, "entityId" uuid, "attribute" text, "value" jsonb, "system" text,
        "sourceRecordId" uuid, "sourceId" text, "sourceTimestamp" timestamp(3), "rule" text, "eventId" uuid, "decidedAt" timestamp(3), "candidates" jsonb)
      ON CONFLICT ("entityType", "entityId", "attribute") DO UPDATE SET
        "eventId" = CASE WHEN "Provenance"."value" IS NOT DISTINCT FROM EXCLUDED."value" THEN "Provenance"."eventId" ELSE EXCLUDED."eventId" END,
        "value" = EXCLUDED."value", "system" = EXCLUDED."system", "sourceRecordId" = EXCLUDED."sourceRecordId", "sourceId" = EXCLUDED."sourceId",
        "sourceTimestamp" = EXCLUDED."sourceTimestamp", "rule" = EXCLUDED."rule", "decidedAt" = EXCLUDED."decidedAt", "candidates" = EXCLUDED."candidates"`;
  }
  const vanished = PERSON_GOLDEN_ATTRIBUTES.filter((a) => !golden.provenance[a as keyof typeof golden.provenance] && changed.includes(a));
  if (vanished.length) await tx.provenance.deleteMany({ where: { entityType: 'Person', entityId: personId, attribute: { in: [...vanished] } } });
  return { changed, auditEventIds };
}
