// Provenance of any golden attribute of any entity: the current winner (its entity's provenance document) and
// its full history (from the audit log). One mechanism shared by all five subgraphs.
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLJSON } from 'graphql-scalars';
import type { RequestContext } from './context';
import { SourceSystem } from './enums';
import { defineLoader } from './loaders';
import { openAuditRows } from './person-keys';
import { GOLDEN_CHANGE_EVENT } from '../../core/survivorship/plan-golden-change';
import { candidatesOfRow } from '../../core/survivorship/stored-candidates';
import { readProvenance, type ProvenanceEntry } from './provenance-store';

@Directive('@shareable')
@ObjectType({ description: 'A value one source offered for an attribute, with its rank and why it won or lost.' })
export class ProvenanceCandidate {
  @Field(() => GraphQLJSON, { nullable: true }) value!: unknown;
  @Field(() => SourceSystem) system!: SourceSystem;
  @Field() sourceId!: string;
  @Field(() => Date, { nullable: true }) sourceTimestamp!: Date | null;
  @Field() rank!: number;
  @Field() reason!: string;
}

@Directive('@shareable')
@ObjectType({ description: 'One change of an attribute, from the audit log.' })
export class AttributeChange {
  @Field(() => ID) eventId!: string;
  @Field() type!: string;
  @Field(() => GraphQLJSON, { nullable: true }) oldValue!: unknown;
  @Field(() => GraphQLJSON, { nullable: true }) newValue!: unknown;
  @Field({ description: 'Who made the change (user or system client).' }) actor!: string;
  @Field(() => SourceSystem, { nullable: true }) sourceSystem!: SourceSystem | null;
  @Field(() => String, { nullable: true }) reasonCode!: string | null;
  @Field() correlationId!: string;
  @Field(() => Date) at!: Date;
}

@Directive('@shareable')
@ObjectType({ description: 'Where the current value of an attribute came from, how it won, and how it changed.' })
export class AttributeProvenance {
  @Field() attribute!: string;
  @Field(() => GraphQLJSON, { nullable: true }) value!: unknown;
  @Field(() => SourceSystem, { nullable: true, description: 'System of the winning source record.' }) system!: SourceSystem | null;
  @Field(() => String, { nullable: true }) sourceId!: string | null;
  @Field(() => ID, { nullable: true }) sourceRecordId!: string | null;
  @Field(() => Date, { nullable: true }) sourceTimestamp!: Date | null;
  @Field({ description: 'The survivorship rule that decided (SOURCE_PRIORITY, RECENCY, STEWARD_OVERRIDE, SYSTEM_OF_RECORD, …).' }) rule!: string;
  @Field(() => ID, { description: 'Audit event that set the current value.' }) eventId!: string;
  @Field(() => Date) decidedAt!: Date;
  @Field(() => [ProvenanceCandidate]) candidates!: ProvenanceCandidate[];
  @Field(() => [AttributeChange]) history!: AttributeChange[];
}

/** A GraphQL enum of an entity's attributes (LEGAL_NAME → legalName), registered once per name. */
export function attributeEnum<const A extends readonly string[]>(name: string, attributes: A): Record<string, A[number]> {
  const e = Object.fromEntries(attributes.map((a) => [a.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toUpperCase(), a])) as Record<string, A[number]>;
  registerEnumType(e, { name, description: `Attributes of ${name.replace(/Attribute$/, '')} that carry provenance.` });
  return e;
}

type Key = `${string}|${string}|${string}`;

/** The entry of each (entity type, entity id, attribute): one read of the documents of all the entities asked for. */
const provenanceEntries = defineLoader<Key, ProvenanceEntry | null>('shared.provenance', async (prisma, keys) => {
  const parts = keys.map((k) => k.split('|') as [string, string, string]);
  const types = [...new Set(parts.map(([entityType]) => entityType))];
  const documents = new Map(await Promise.all(types.map(async (t) => [t, await readProvenance(prisma, t, parts.filter(([e]) => e === t).map(([, id]) => id))] as const)));
  return parts.map(([entityType, entityId, attribute]) => documents.get(entityType)!.get(entityId)?.get(attribute) ?? null);
});

type AuditRow = Awaited<ReturnType<RequestContext['db']['prisma']['auditEvent']['findMany']>>[number];

/**
 * The audit entries of each attribute: the entity's entries about that attribute, and its golden changes
 * (one entry naming every value that changed, GOLDEN_CHANGE_EVENT) — those are told apart once opened.
 */
const historyRows = defineLoader<Key, AuditRow[]>('shared.history', async (prisma, keys) => {
  const parts = keys.map((k) => k.split('|') as [string, string, string]);
  const rows = await prisma.auditEvent.findMany({
    where: {
      OR: [
        ...parts.map(([entityType, entityId, attribute]) => ({ entityType, entityId, attribute })),
        ...[...new Set(parts.map(([entityType, entityId]) => `${entityType}|${entityId}`))].map((k) => {
          const [entityType, entityId] = k.split('|');
          return { entityType, entityId, attribute: null, type: GOLDEN_CHANGE_EVENT };
        }),
      ],
    },
    orderBy: { seq: 'asc' },
  });
  return keys.map((key) => {
    const [entityType, entityId, attribute] = key.split('|');
    return rows.filter((r) => r.entityType === entityType && r.entityId === entityId && (r.attribute === attribute || (r.attribute === null && r.type === GOLDEN_CHANGE_EVENT)));
  });
});

/** One attribute's change out of an audit entry; a golden change that did not touch the attribute gives none. */
function changeOf(e: AuditRow, attribute: string): AttributeChange | null {
  const base = { eventId: e.eventId, type: e.type, actor: e.actorId, sourceSystem: e.sourceSystem, reasonCode: e.reasonCode, correlationId: e.correlationId, at: e.occurredAt };
  if (e.attribute !== null) return { ...base, oldValue: e.oldValue, newValue: e.newValue };
  const oldValues = (e.oldValue ?? {}) as Record<string, unknown>;
  const newValues = (e.newValue ?? {}) as Record<string, unknown>;
  // An erased person's values are unreadable (null): which attributes changed is unreadable with them.
  if (!(attribute in newValues)) return null;
  return { ...base, oldValue: oldValues[attribute] ?? null, newValue: newValues[attribute] ?? null };
}

export async function getProvenance(ctx: RequestContext, entityType: string, entityId: string, attribute: string): Promise<AttributeProvenance | null> {
  const key: Key = `${entityType}|${entityId}|${attribute}`;
  const [row, sealedEvents] = await Promise.all([provenanceEntries(ctx).load(key), historyRows(ctx).load(key)]);
  const events = await openAuditRows(ctx, sealedEvents);
  const history = events.map((e) => changeOf(e, attribute)).filter((c): c is AttributeChange => c !== null);
  if (row) {
    const candidates = candidatesOfRow(row).map((c) => ({
      value: c.value, system: c.system as SourceSystem, sourceId: String(c.sourceId),
      sourceTimestamp: c.sourceTimestamp ? new Date(String(c.sourceTimestamp)) : null, rank: Number(c.rank), reason: String(c.reason),
    }));
    return {
      attribute, value: row.value, system: row.system as SourceSystem | null, sourceId: row.sourceId, sourceRecordId: row.sourceRecordId,
      sourceTimestamp: row.sourceTimestamp ? new Date(row.sourceTimestamp) : null, rule: row.rule, eventId: row.eventId, decidedAt: new Date(row.decidedAt), candidates, history,
    };
  }
  // Derived attributes (role states) have no winning source; their latest audited change is the answer.
  const last = events[events.length - 1];
  if (!last) return null;
  return {
    attribute, value: last.newValue, system: last.sourceSystem, sourceId: null, sourceRecordId: null, sourceTimestamp: null,
    rule: 'DERIVED', eventId: last.eventId, decidedAt: last.occurredAt, candidates: [], history,
  };
}
