// Prisma queries for golden people and their crosswalk. Each takes a client or a transaction.
import type { Person, Prisma, PrismaClient } from '../../../generated/prisma/client';
import type { Tx } from '../../../platform/database';
import type { SourceSystem } from '../../shared/enums';
import { rowReader } from '../../shared/read-rows';

type Client = PrismaClient | Tx;

/** Whole Person rows in plain SQL, for the per-request person loader (see shared/read-rows.ts). */
export const PERSON_ROWS = rowReader<Person>('Person', {
  id: 'value', legalName: 'value', givenName: 'value', middleName: 'value', familyName: 'value', preferredName: 'value',
  primaryEmail: 'value', emails: 'value', phones: 'value', birthDate: 'date', nationality: 'value', preferredLanguage: 'value',
  street: 'value', city: 'value', postcode: 'value', country: 'value', region: 'value',
  candidateStatus: 'value', employeeStatus: 'value', customerStatus: 'value', deletionPolicy: 'value',
  mergedIntoId: 'value', mergedAt: 'timestamp', erasedAt: 'timestamp', lastActivityAt: 'timestamp',
  version: 'value', createdAt: 'timestamp', updatedAt: 'timestamp',
});

export function findExternalIdsByPersonIds(db: Client, personIds: string[]) {
  return db.externalId.findMany({ where: { personId: { in: personIds } }, orderBy: [{ system: 'asc' }, { value: 'asc' }] });
}

export function findSourceRecordsByPersonIds(db: Client, personIds: string[]) {
  return db.sourceRecord.findMany({ where: { personId: { in: personIds } }, orderBy: { receivedAt: 'asc' } });
}

export function findExternalId(db: Client, system: SourceSystem, value: string) {
  return db.externalId.findUnique({ where: { system_value: { system, value } } });
}

export interface PersonQuery {
  name?: string;
  email?: string;
  employeeStatus?: Prisma.PersonWhereInput['employeeStatus'];
  candidateStatus?: Prisma.PersonWhereInput['candidateStatus'];
  customerStatus?: Prisma.PersonWhereInput['customerStatus'];
  system?: SourceSystem;
}

/** LIKE wildcards in a search are literal characters, not patterns. */
function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function nameTokens(name: string | undefined): string[] {
  return (name ?? '').split(/\s+/).filter(Boolean).slice(0, 8).map(escapeLike);
}

/** `visibility`: the caller's consent and region conditions (shared/person-visibility.ts), applied in SQL. */
export function findPeoplePage(db: Client, q: PersonQuery, take: number, afterId: string | null, visibility: Prisma.PersonWhereInput | null = null) {
  const where: Prisma.PersonWhereInput = {
    mergedIntoId: null,
    ...(visibility ? { AND: [visibility] } : {}),
    ...(afterId ? { id: { gt: afterId } } : {}),
    // Every word of the search must appear in the legal or the preferred name, in any order ("schulz kathi").
    ...(nameTokens(q.name).length
      ? { AND: nameTokens(q.name).map((t) => ({ OR: [{ legalName: { contains: t, mode: 'insensitive' as const } }, { preferredName: { contains: t, mode: 'insensitive' as const } }] })) }
      : {}),
    ...(q.email ? { emails: { has: q.email.toLowerCase() } } : {}),
    ...(q.employeeStatus ? { employeeStatus: q.employeeStatus } : {}),
    ...(q.candidateStatus ? { candidateStatus: q.candidateStatus } : {}),
    ...(q.customerStatus ? { customerStatus: q.customerStatus } : {}),
    ...(q.system ? { sourceRecords: { some: { system: q.system } } } : {}),
  };
  return db.person.findMany({ where, orderBy: { id: 'asc' }, take });
}

/** A new golden person without values yet (survivorship fills them from its source records). */
export async function createEmptyPerson(tx: Tx, p: { id: string; region: string | null; candidateStatus?: Person['candidateStatus']; customerStatus?: Person['customerStatus'] }): Promise<void> {
  await tx.person.create({ data: { emails: [], phones: [], ...p } });
}

/** A person's id, merge redirect, erasure time and region, or null when there is no such person. */
export function findPersonState(db: Client, personId: string) {
  return db.person.findUnique({ where: { id: personId }, select: { id: true, mergedIntoId: true, erasedAt: true, region: true } });
}
