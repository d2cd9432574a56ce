// Writes a derived role status (employee or candidate) onto the golden person, with audit and event,
// inside the caller's transaction.
import type { Tx } from '../../platform/database';
import type { AuditEntry, OutboxEntry } from './change-log';
import type { CandidateStatus, EmployeeStatus } from './enums';

type RoleStatus = { field: 'employeeStatus'; value: EmployeeStatus } | { field: 'candidateStatus'; value: CandidateStatus };

export async function setPersonRoleStatus(tx: Tx, personId: string, status: RoleStatus): Promise<{ audit: AuditEntry[]; events: OutboxEntry[] }> {
  const person = await tx.person.findUnique({ where: { id: personId }, select: { employeeStatus: true, candidateStatus: true } });
  if (!person || person[status.field] === status.value) return { audit: [], events: [] };
  const oldValue = person[status.field];
  await tx.person.update({ where: { id: personId }, data: { [status.field]: status.value, version: { increment: 1 } } });
  return {
    audit: [{ type: 'PersonUpdated', entityType: 'Person', entityId: personId, attribute: status.field, oldValue, newValue: status.value }],
    events: [{ type: 'PersonUpdated', aggregateType: 'Person', aggregateId: personId, payload: { id: personId, changedAttributes: [status.field], [status.field]: status.value } }],
  };
}

/**
 * Data residency: a person without a region takes the region of the legal entity employing them (the
 * first employment at an organization with a region). An existing region is never overwritten here.
 */
export async function assignPersonRegion(tx: Tx, personId: string, organizationId: string): Promise<{ audit: AuditEntry[]; events: OutboxEntry[] }> {
  const [person, org] = await Promise.all([
    tx.person.findUnique({ where: { id: personId }, select: { region: true } }),
    tx.organization.findUnique({ where: { id: organizationId }, select: { region: true } }),
  ]);
  if (!person || person.region || !org?.region) return { audit: [], events: [] };
  await tx.person.update({ where: { id: personId }, data: { region: org.region, version: { increment: 1 } } });
  return {
    audit: [{ type: 'PersonUpdated', entityType: 'Person', entityId: personId, attribute: 'region', oldValue: null, newValue: org.region }],
    events: [{ type: 'PersonUpdated', aggregateType: 'Person', aggregateId: personId, payload: { id: personId, changedAttributes: ['region'] } }],
  };
}
