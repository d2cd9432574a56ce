// Upsert of a canonical record owned by one system (organization, job, employment, offer), keyed by
// that system's external id. One transaction writes the record, its field-level provenance, the audit
// events of every changed attribute and an outbox event.
import { DomainError, ErrorCode } from '../../core/errors/domain-error';
import type { Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import type { RequestContext } from './context';
import { appendAudit, diffAttributes, enqueueEvents, type AuditEntry, type ChangeMeta, type OutboxEntry } from './change-log';
import type { SourceSystem } from './enums';
import { assertCanWriteAs } from './auth/assert-can-write-as';
import { runMutation } from './mutation';
import { writeProvenance, type ProvenanceEntry } from './provenance-store';

export interface OwnedRecordInput {
  system: SourceSystem;
  externalId: string;
  sourceTimestamp?: Date | null;
  idempotencyKey?: string | null;
}

export interface OwnedRecordSpec<Row extends { id: string }> {
  entityType: 'Organization' | 'Job' | 'Employment' | 'Offer';
  /** Systems allowed to write this kind of record: each system is authoritative for what it owns. */
  ownerSystems: readonly SourceSystem[];
  /** The validated request: who writes (system), which record (externalId), when, and its idempotency key. */
  input: OwnedRecordInput;
  /** Outbox event type; defaults to `<Entity>Upserted`. */
  eventType?: (created: boolean) => string;
  /** Attributes whose changes are audited and carry provenance. */
  attributes: readonly string[];
  find(tx: Tx): Promise<Row | null>;
  create(tx: Tx, id: string): Promise<Row>;
  update(tx: Tx, existing: Row): Promise<Row>;
  /** Extra effects in the same transaction (status history, derived person status, more events). */
  after?(tx: Tx, before: Row | null, after: Row, meta: ChangeMeta): Promise<{ audit?: AuditEntry[]; events?: OutboxEntry[] }>;
}

export interface UpsertResult<Row> { record: Row; created: boolean; changedAttributes: string[] }

export function assertOwner(entityType: string, system: SourceSystem, owners: readonly SourceSystem[]): void {
  if (!owners.includes(system)) {
    throw new DomainError(
      ErrorCode.SYSTEM_NOT_AUTHORITATIVE,
      `${system} is not authoritative for ${entityType} records (owned by ${owners.join(', ')})`,
      { system, entityType, owners },
    );
  }
}

export function changeMeta(ctx: RequestContext, system: SourceSystem | null, now = new Date()): ChangeMeta {
  return { actorId: ctx.actor.id, correlationId: ctx.correlationId, causationId: ctx.causationId ?? ctx.requestId, sourceSystem: system, now };
}

function snapshot(row: object | null): Record<string, unknown> | null {
  if (!row) return null;
  // Decimal values compare and serialize by their string form.
  return Object.fromEntries(
    Object.entries(row).map(([k, v]) => [k, v !== null && typeof v === 'object' && 'toFixed' in v ? (v as { toFixed(n: number): string }).toFixed(2) : v]),
  );
}

export async function upsertOwnedRecord<Row extends { id: string }>(ctx: RequestContext, spec: OwnedRecordSpec<Row>): Promise<UpsertResult<Row>> {
  assertCanWriteAs(ctx, spec.input.system);
  assertOwner(spec.entityType, spec.input.system, spec.ownerSystems);
  const operation = `upsert${spec.entityType}`;
  return runMutation(ctx, { operation, idempotencyKey: spec.input.idempotencyKey ?? ctx.idempotencyKey, request: spec.input }, async (tx) => {
    const meta = changeMeta(ctx, spec.input.system);
    const existing = await spec.find(tx);
    const record = existing ? await spec.update(tx, existing) : await spec.create(tx, newId());
    const before = snapshot(existing);
    const after = snapshot(record)!;
    const changes = diffAttributes(existing ? `${spec.entityType}Updated` : `${spec.entityType}Created`, spec.entityType, record.id, before, after, spec.attributes);
    const extra = spec.after ? await spec.after(tx, existing, record, meta) : {};
    const eventId = newId();
    const audit = changes.map((c) => ({ ...c, eventId: newId() }));
    await appendAudit(tx, meta, [...audit, ...(extra.audit ?? [])]);
    await writeOwnedProvenance(tx, spec, record.id, audit, meta);
    if (audit.length > 0 || !existing) {
      await enqueueEvents(tx, meta, [
        {
          eventId,
          type: spec.eventType ? spec.eventType(!existing) : `${spec.entityType}Upserted`,
          aggregateType: spec.entityType,
          aggregateId: record.id,
          payload: { id: record.id, system: spec.input.system, externalId: spec.input.externalId, created: !existing, changedAttributes: audit.map((a) => a.attribute) },
        },
        ...(extra.events ?? []),
      ]);
    } else if (extra.events?.length) {
      await enqueueEvents(tx, meta, extra.events);
    }
    return { record, created: !existing, changedAttributes: audit.map((a) => a.attribute as string) };
  });
}

/** The owning system is the single source of each attribute: rule SYSTEM_OF_RECORD, no competing candidates. */
async function writeOwnedProvenance(tx: Tx, spec: OwnedRecordSpec<{ id: string }>, entityId: string, changes: AuditEntry[], meta: ChangeMeta) {
  if (changes.length === 0) return;
  const sourceTimestamp = (spec.input.sourceTimestamp ?? meta.now).toISOString();
  const entry = (c: AuditEntry): ProvenanceEntry => ({
    value: c.newValue ?? null,
    system: spec.input.system,
    sourceRecordId: null,
    sourceId: spec.input.externalId,
    sourceTimestamp,
    rule: 'SYSTEM_OF_RECORD',
    eventId: c.eventId!,
    decidedAt: meta.now.toISOString(),
    candidates: [{ value: c.newValue ?? null, system: spec.input.system, sourceId: spec.input.externalId, sourceTimestamp, rank: 1, reason: `${spec.input.system} owns ${spec.entityType} records` }],
  });
  await writeProvenance(tx, spec.entityType, [{ entityId, set: Object.fromEntries(changes.map((c) => [c.attribute as string, entry(c)])) }]);
}
