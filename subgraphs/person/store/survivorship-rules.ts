// Stored survivorship rules and the steward's override records (use-cases/survivorship-policy.ts decides
// and audits; these read and write). Each takes a transaction, or the client where it reads outside one.
import type { Prisma, PrismaClient } from '../../../generated/prisma/client';
import type { SurvivorshipRule } from '../../../core/survivorship/policy';
import type { Tx } from '../../../platform/database';
import { newId } from '../../../platform/ids';

export function findSurvivorshipRules(db: PrismaClient | Tx) {
  return db.survivorshipRule.findMany();
}

export async function upsertSurvivorshipRule(tx: Tx, attribute: string, rule: SurvivorshipRule, updatedBy: string): Promise<void> {
  await tx.survivorshipRule.upsert({
    where: { attribute },
    create: { attribute, rule: rule as unknown as Prisma.InputJsonValue, updatedBy },
    update: { rule: rule as unknown as Prisma.InputJsonValue, updatedBy },
  });
}

/** People with more than one live source record: those a survivorship rule can affect. */
export function peopleWithSeveralSources(tx: Tx) {
  return tx.$queryRaw<Array<{ personId: string }>>`
      SELECT "personId"::text AS "personId" FROM "SourceRecord" WHERE "erasedAt" IS NULL GROUP BY "personId" HAVING count(*) > 1`;
}

/** The golden name parts of a person, who must exist. */
export function goldenNameParts(tx: Tx, personId: string) {
  return tx.person.findUniqueOrThrow({ where: { id: personId }, select: { givenName: true, middleName: true, familyName: true } });
}

/** The STEWARD source record holding a person's overrides, keyed `sourceId`, if there is one. */
export function findOverrideRecord(tx: Tx, sourceId: string) {
  return tx.sourceRecord.findUnique({ where: { system_sourceId: { system: 'STEWARD', sourceId } } });
}

export interface OverrideValues { attributes: Record<string, unknown>; payloadHash: string; sourceTimestamp: Date }

// The override record takes part in survivorship only; it has no matching features or blocking keys.
function overrideData(v: OverrideValues) {
  return { attributes: v.attributes as Prisma.InputJsonValue, features: {} as Prisma.InputJsonValue, payloadHash: v.payloadHash, sourceTimestamp: v.sourceTimestamp };
}

export async function updateOverrideRecord(tx: Tx, sourceRecordId: string, values: OverrideValues): Promise<void> {
  await tx.sourceRecord.update({ where: { id: sourceRecordId }, data: overrideData(values) });
}

/** A new STEWARD source record of `personId`, keyed `sourceId`, holding the overridden values. */
export async function createOverrideRecord(tx: Tx, personId: string, sourceId: string, values: OverrideValues): Promise<void> {
  await tx.sourceRecord.create({ data: { id: newId(), personId, system: 'STEWARD', sourceId, linkType: 'MANUAL', linkKey: 'STEWARD_OVERRIDE', ...overrideData(values) } });
}
