// The survivorship policy in force (built-in defaults overridden per attribute by stored rules), the
// admin change that recomputes affected golden records, and steward overrides — a steward's value is
// a STEWARD source record that survivorship ranks first, never a direct write of a golden value.
import { z } from 'zod';
import { DEFAULT_SURVIVORSHIP_POLICY, type GoldenAttribute, type SurvivorshipRule } from '../../../core/survivorship/policy';
import type { PersonAttributes } from '../../../core/identity/types';
import { DomainError, ErrorCode } from '../../../core/errors/domain-error';
import { appendAudit, enqueueEvents } from '../../shared/change-log';
import type { RequestContext } from '../../shared/context';
import { runMutation } from '../../shared/mutation';
import { changeMeta } from '../../shared/owned-record';
import { uuid, validate } from '../../shared/validation';
import { loadStoredPolicy, PERSON_GOLDEN_ATTRIBUTES, recomputeGoldenPerson } from '../store/golden-record';
import { resolveSurvivor } from '../store/identity';
import { hashPayload } from '../store/source-records';
import { findPersonState } from '../store/people';
import * as store from '../store/survivorship-rules';

const SYSTEMS = ['CRM', 'ATS', 'HRIS'] as const;


export async function describeSurvivorshipPolicy(ctx: RequestContext) {
  const rows = await store.findSurvivorshipRules(ctx.db.prisma);
  const stored = new Map(rows.map((r) => [r.attribute, r]));
  const policy = await loadStoredPolicy(ctx.db.prisma);
  return Object.entries(policy).map(([attribute, rule]) => ({
    attribute,
    sourcePriority: rule.sourcePriority,
    tieBreak: rule.then,
    preferVerified: Boolean(rule.preferVerified),
    isDefault: !stored.has(attribute),
    updatedBy: stored.get(attribute)?.updatedBy ?? null,
    updatedAt: stored.get(attribute)?.updatedAt ?? null,
  }));
}

const RuleSchema = z.object({
  attribute: z.enum(Object.keys(DEFAULT_SURVIVORSHIP_POLICY) as [GoldenAttribute, ...GoldenAttribute[]]),
  sourcePriority: z.array(z.enum(SYSTEMS)).max(3).refine((l) => new Set(l).size === l.length, 'must not repeat a system'),
  preferVerified: z.boolean().nullish(),
  reason: z.string().trim().min(3).max(500),
  idempotencyKey: z.string().min(1).max(255).nullish(),
});

/** Changes one attribute's rule and recomputes every golden person it can affect (people with 2+ sources). */
export async function updateSurvivorshipRule(ctx: RequestContext, raw: unknown) {
  const input = validate(RuleSchema, raw);
  return runMutation(ctx, { operation: 'updateSurvivorshipRule', idempotencyKey: input.idempotencyKey ?? ctx.idempotencyKey, request: input }, async (tx) => {
    const meta = { ...changeMeta(ctx, null), reasonCode: 'POLICY_CHANGE' };
    const before = (await loadStoredPolicy(tx))[input.attribute];
    const rule: SurvivorshipRule = { sourcePriority: [...input.sourcePriority], then: 'MOST_RECENT', ...(input.preferVerified ? { preferVerified: true } : {}) };
    await store.upsertSurvivorshipRule(tx, input.attribute, rule, ctx.actor.id);
    await appendAudit(tx, meta, [{ type: 'SurvivorshipPolicyChanged', entityType: 'SurvivorshipRule', entityId: '00000000-0000-0000-0000-000000000000', attribute: input.attribute, oldValue: before, newValue: { ...rule, reason: input.reason } }]);
    const policy = await loadStoredPolicy(tx);
    const affected = await store.peopleWithSeveralSources(tx);
    let changedPeople = 0;
    for (const { personId } of affected) {
      const { changed } = await recomputeGoldenPerson(tx, personId, meta, { policy, defaultRegion: ctx.config.matching.defaultRegion });
      if (changed.length) {
        changedPeople += 1;
        await enqueueEvents(tx, meta, [{ type: 'PersonUpdated', aggregateType: 'Person', aggregateId: personId, payload: { id: personId, changedAttributes: changed, reason: 'POLICY_CHANGE' } }]);
      }
    }
    return { attribute: input.attribute, recomputedPeople: affected.length, changedPeople };
  });
}

const OVERRIDABLE = PERSON_GOLDEN_ATTRIBUTES.filter((a) => !['legalName', 'primaryEmail', 'emails', 'phones'].includes(a));
const OVERRIDE_SOURCE: Record<string, keyof PersonAttributes> = { primaryEmail: 'email', phones: 'phone' };

const OverrideSchema = z.object({
  personId: uuid,
  attribute: z.enum([...OVERRIDABLE, 'primaryEmail', 'phones'] as unknown as [string, ...string[]]),
  value: z.string().trim().min(1).max(300).nullable(),
  reason: z.string().trim().min(3).max(500),
  idempotencyKey: z.string().min(1).max(255).nullish(),
});

/**
 * A steward's correction: stored as (or merged into) the person's STEWARD source record, which
 * survivorship ranks above every system. A null value withdraws the override for that attribute.
 */
export async function overridePersonAttribute(ctx: RequestContext, raw: unknown) {
  const input = validate(OverrideSchema, raw);
  if (input.attribute === 'birthDate' && input.value && !/^\d{4}-\d{2}-\d{2}$/.test(input.value)) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'birthDate must be YYYY-MM-DD', { field: 'value' });
  }
  return runMutation(ctx, { operation: 'overridePersonAttribute', idempotencyKey: input.idempotencyKey ?? ctx.idempotencyKey, request: input }, async (tx) => {
    const meta = { ...changeMeta(ctx, 'STEWARD'), reasonCode: 'STEWARD_OVERRIDE' };
    const exists = await findPersonState(tx, input.personId);
    if (!exists) throw new DomainError(ErrorCode.NOT_FOUND, 'Person not found', { field: 'personId', id: input.personId });
    const personId = await resolveSurvivor(tx, input.personId);
    const key = OVERRIDE_SOURCE[input.attribute] ?? (input.attribute as keyof PersonAttributes);
    const sourceId = `override:${personId}`;
    const existing = await store.findOverrideRecord(tx, sourceId);
    const attributes = { ...((existing?.attributes as PersonAttributes) ?? {}) } as Record<string, unknown>;
    if (input.value === null) delete attributes[key];
    else attributes[key] = input.value;
    // The legal name is composed from the name parts of the winning record: a steward correcting one part
    // confirms the others as currently shown, so the composed name stays whole.
    if (['givenName', 'middleName', 'familyName'].includes(key) && input.value !== null) {
      const current = await store.goldenNameParts(tx, personId);
      for (const part of ['givenName', 'middleName', 'familyName'] as const) if (!(part in attributes) && current[part]) attributes[part] = current[part];
    }
    const values = { attributes, payloadHash: hashPayload(attributes as PersonAttributes), sourceTimestamp: meta.now };
    if (existing) await store.updateOverrideRecord(tx, existing.id, values);
    else await store.createOverrideRecord(tx, personId, sourceId, values);
    await appendAudit(tx, meta, [{ type: 'StewardOverride', entityType: 'Person', entityId: personId, attribute: input.attribute, newValue: { value: input.value, reason: input.reason } }]);
    const { changed } = await recomputeGoldenPerson(tx, personId, meta, { defaultRegion: ctx.config.matching.defaultRegion });
    if (changed.length) await enqueueEvents(tx, meta, [{ type: 'PersonUpdated', aggregateType: 'Person', aggregateId: personId, payload: { id: personId, changedAttributes: changed, reason: 'STEWARD_OVERRIDE' } }]);
    return { personId, attribute: input.attribute, changedAttributes: changed };
  });
}
