// Prisma queries for linking a system's identifier to a golden person (use-cases/external-ids.ts decides,
// audits and announces; these read and write). Each takes the caller's transaction.
import type { Tx } from '../../../platform/database';
import { newId } from '../../../platform/ids';
import type { SourceSystem } from '../../shared/enums';

/** Serializes links of one (system, id) until the transaction ends. */
export async function lockExternalId(tx: Tx, system: SourceSystem, value: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`xid:${system}:${value}`}, 7))`;
}

export async function createExternalId(tx: Tx, link: { system: SourceSystem; value: string; personId: string; linkedBy: string }): Promise<void> {
  await tx.externalId.create({ data: { id: newId(), system: link.system, value: link.value, personId: link.personId, linkedBy: link.linkedBy } });
}

/** The person owning the source record of `system` keyed `sourceId`, if there is one. */
export function findSourceRecordOwner(tx: Tx, system: SourceSystem, sourceId: string) {
  return tx.sourceRecord.findUnique({ where: { system_sourceId: { system, sourceId } }, select: { personId: true } });
}

export async function deleteExternalId(tx: Tx, id: string): Promise<void> {
  await tx.externalId.delete({ where: { id } });
}
