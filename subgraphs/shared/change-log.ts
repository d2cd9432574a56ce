// Writes what every change leaves behind, inside the caller's transaction: hash-chained audit events
// and outbox events. Nothing here commits on its own.
import { Prisma } from '../../generated/prisma/client';
import { GENESIS_HASH, hashAuditEvent, type AuditEventContent } from '../../core/audit/hash-audit-event';
import type { Tx } from '../../platform/database';
import { newId } from '../../platform/ids';
import { insertRows } from './bulk-sql';
import { sealAuditValues } from './person-keys';

export interface ChangeMeta {
  actorId: string;
  correlationId: string;
  causationId?: string | null;
  sourceSystem?: string | null;
  reasonCode?: string | null;
  now: Date;
}

export interface AuditEntry {
  type: string;
  entityType: string;
  entityId: string;
  attribute?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
  /** Set to reuse an event id already referenced elsewhere (provenance rows). */
  eventId?: string;
}

export interface OutboxEntry {
  type: string;
  version?: number;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
  eventId?: string;
}

// Serializes appends to the chain for the rest of the transaction: the chain has one head.
const AUDIT_CHAIN_LOCK = 5170001;

function jsonOrNull(value: unknown): Prisma.InputJsonValue | typeof Prisma.JsonNull {
  if (value === undefined || value === null) return Prisma.JsonNull;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

function toAuditContent(meta: ChangeMeta, e: AuditEntry): AuditEventContent {
  return {
    eventId: e.eventId ?? newId(),
    type: e.type,
    correlationId: meta.correlationId,
    causationId: meta.causationId ?? null,
    sourceSystem: meta.sourceSystem ?? null,
    actorId: meta.actorId,
    reasonCode: meta.reasonCode ?? null,
    entityType: e.entityType,
    entityId: e.entityId,
    attribute: e.attribute ?? null,
    // Values pass through JSON so the hash covers exactly what is stored (dates as ISO strings).
    oldValue: e.oldValue === undefined ? null : JSON.parse(JSON.stringify(e.oldValue)),
    newValue: e.newValue === undefined ? null : JSON.parse(JSON.stringify(e.newValue)),
    occurredAt: meta.now.toISOString(),
  };
}

/**
 * Head of the chain as this transaction last wrote it. The chain lock is held until the transaction
 * ends, so after the first append nobody else can move the head and it need not be read again.
 */
const chainHeads = new WeakMap<Tx, string>();

/** Takes the chain lock and links the entries after the current head, in order. */
async function chainAuditEntries(tx: Tx, items: ReadonlyArray<{ meta: ChangeMeta; entry: AuditEntry }>) {
  let prev = chainHeads.get(tx);
  if (prev === undefined) {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK})`;
    const head = await tx.auditEvent.findFirst({ orderBy: { seq: 'desc' }, select: { hash: true } });
    prev = head?.hash ?? GENESIS_HASH;
  }
  // Personal values of a person's events are sealed with that person's key first: the hash covers the
  // ciphertext, so erasure (deleting the key) leaves the chain intact (shared/person-keys.ts).
  const contents = await sealAuditValues(tx, items.map(({ meta, entry }) => toAuditContent(meta, entry)));
  const rows = contents.map((content) => {
    const hash = hashAuditEvent(prev!, content);
    const row = { ...content, prevHash: prev!, hash };
    prev = hash;
    return row;
  });
  chainHeads.set(tx, prev);
  return rows;
}

export async function appendAudit(tx: Tx, meta: ChangeMeta, entries: AuditEntry[]): Promise<string[]> {
  if (entries.length === 0) return [];
  const rows = await chainAuditEntries(tx, entries.map((entry) => ({ meta, entry })));
  await tx.auditEvent.createMany({
    data: rows.map((r) => ({
      ...r,
      sourceSystem: r.sourceSystem as Prisma.AuditEventCreateManyInput['sourceSystem'],
      oldValue: jsonOrNull(r.oldValue),
      newValue: jsonOrNull(r.newValue),
      occurredAt: new Date(r.occurredAt),
    })),
  });
  return rows.map((r) => r.eventId);
}

const AUDIT_COLUMNS = {
  eventId: 'uuid', type: 'text', correlationId: 'text', causationId: 'text', sourceSystem: '"SourceSystem"', actorId: 'text',
  reasonCode: 'text', entityType: 'text', entityId: 'uuid', attribute: 'text', oldValue: 'jsonb', newValue: 'jsonb',
  occurredAt: 'timestamp(3)', prevHash: 'text', hash: 'text',
} as const;

/**
 * Bulk form of appendAudit for many changes at once (the import batch path): each entry carries its
 * own change metadata; the chain and the stored rows are exactly what appendAudit per change would give.
 */
export async function appendAuditBatch(tx: Tx, items: ReadonlyArray<{ meta: ChangeMeta; entry: AuditEntry }>): Promise<string[]> {
  if (items.length === 0) return [];
  const rows = await chainAuditEntries(tx, items);
  await insertRows(tx, 'AuditEvent', AUDIT_COLUMNS, rows);
  return rows.map((r) => r.eventId);
}

function toOutboxRow(meta: ChangeMeta, e: OutboxEntry) {
  return {
    eventId: e.eventId ?? newId(),
    type: e.type,
    version: e.version ?? 1,
    aggregateType: e.aggregateType,
    aggregateId: e.aggregateId,
    payload: e.payload,
    correlationId: meta.correlationId,
    causationId: meta.causationId ?? null,
    actorId: meta.actorId,
    sourceSystem: (meta.sourceSystem ?? null) as Prisma.OutboxEventCreateManyInput['sourceSystem'],
    occurredAt: meta.now,
  };
}

export async function enqueueEvents(tx: Tx, meta: ChangeMeta, events: OutboxEntry[]): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = events.map((e) => ({ ...toOutboxRow(meta, e), payload: jsonOrNull(e.payload) as Prisma.InputJsonValue }));
  await tx.outboxEvent.createMany({ data: rows });
  return rows.map((r) => r.eventId);
}

const OUTBOX_COLUMNS = {
  eventId: 'uuid', type: 'text', version: 'int', aggregateType: 'text', aggregateId: 'uuid', payload: 'jsonb', correlationId: 'text',
  causationId: 'text', actorId: 'text', sourceSystem: '"SourceSystem"', occurredAt: 'timestamp(3)',
} as const;

/** Bulk form of enqueueEvents, each event with its own change metadata, in order. */
export async function enqueueEventBatch(tx: Tx, items: ReadonlyArray<{ meta: ChangeMeta; event: OutboxEntry }>): Promise<string[]> {
  if (items.length === 0) return [];
  const rows = items.map(({ meta, event }) => toOutboxRow(meta, event));
  await insertRows(tx, 'OutboxEvent', OUTBOX_COLUMNS, rows);
  return rows.map((r) => r.eventId);
}

/** Field-level audit entries for the attributes whose value changed between two snapshots. */
export function diffAttributes(
  type: string,
  entityType: string,
  entityId: string,
  before: Record<string, unknown> | null,
  after: Record<string, unknown>,
  attributes: readonly string[],
): AuditEntry[] {
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : v === undefined ? null : v);
  return attributes
    .filter((a) => JSON.stringify(norm(before?.[a])) !== JSON.stringify(norm(after[a])))
    .map((a) => ({ type, entityType, entityId, attribute: a, oldValue: norm(before?.[a]), newValue: norm(after[a]) }));
}
