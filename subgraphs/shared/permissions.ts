// Field rules of every subgraph, generated from the one policy table (core/privacy/field-policy.ts):
// graphql-shield allows or denies each field (deny when the table has no row), and one masking
// middleware applies the table's masks to personal fields. Entity fields reached through `_entities`
// run the same field resolvers, so they pass the same rules as fields reached from a query.
import { getNullableType, isListType, isNonNullType, isObjectType, type GraphQLOutputType, type GraphQLSchema } from 'graphql';
import { applyMiddleware, type IMiddlewareFieldMap, type IMiddlewareTypeMap } from 'graphql-middleware';
import { allow, deny, rule, shield } from 'graphql-shield';

type ShieldRule = ReturnType<ReturnType<typeof rule>> | typeof allow;
type IRuleFieldMap = Record<string, ShieldRule>;
type IRuleTypeMap = Record<string, IRuleFieldMap>;
import { decideFieldAccess, holdsAudience, revealAttributeValue, sourcedSystemsFor, subjectFactsOf, type SubjectFacts } from '../../core/privacy/decide-field-access';
import { attributePolicyFor, auditValuePolicyFor, policyFor, type Audience, type FieldPolicy } from '../../core/privacy/field-policy';
import { applyMask } from '../../core/privacy/masks';
import { redactExplanation, type ExplanationShape } from '../../core/privacy/redact-explanation';
import { revealSourcedValue, type ValueProvenance } from '../../core/privacy/reveal-sourced-value';
import { normalizePhone } from '../../core/identity/normalize-phone';
import { DomainError, ErrorCode } from '../../core/errors/domain-error';
import type { RequestContext } from './context';
import type { SchemaTransform } from './factory';
import { defineLoader } from './loaders';
import { readProvenance } from './provenance-store';
import { personIdOf, recordFullRead, recordPersonRead } from './access-log';
import { candidatesOfRow } from '../../core/survivorship/stored-candidates';
import { GOLDEN_CHANGE_EVENT } from '../../core/survivorship/plan-golden-change';

const scopeSets = new WeakMap<object, ReadonlySet<string>>();

/** The caller's scopes as a set, built once per request. */
function scopesOf(ctx: RequestContext): ReadonlySet<string> {
  let set = scopeSets.get(ctx.actor);
  if (!set) {
    set = new Set(ctx.actor?.scopes ?? []);
    scopeSets.set(ctx.actor, set);
  }
  return set;
}

function forbidden(typeName: string, fieldName: string): DomainError {
  return new DomainError(ErrorCode.FORBIDDEN, `Not allowed to use ${typeName}.${fieldName}`, { field: `${typeName}.${fieldName}` });
}

const rulesByAudience = new Map<string, ShieldRule>();

/** One shield rule per distinct audience, cached per request ("contextual"): the answer depends only on the token. */
function audienceRule(audience: Audience): ShieldRule {
  const key = audience === 'authenticated' ? 'authenticated' : [...audience].sort().join(',');
  let r = rulesByAudience.get(key);
  if (!r) {
    r = rule(`audience:${key}`, { cache: 'contextual' })((_parent, _args, ctx: RequestContext) => holdsAudience(audience, scopesOf(ctx)));
    rulesByAudience.set(key, r);
  }
  return r;
}

function shieldRuleOf(policy: FieldPolicy): ShieldRule {
  // Personal fields are never an error: the masking middleware answers full, masked or null.
  if (policy.kind === 'personal' || policy.kind === 'attributeValue') return allow;
  return audienceRule(policy.allow);
}

/** What a denied personal field resolves to: an empty list for list fields, null otherwise. */
function deniedValue(type: GraphQLOutputType): unknown {
  return isListType(getNullableType(type)) ? [] : null;
}

/** Winning system and candidate values of every golden attribute of a person: what sourced grants need. */
const personProvenance = defineLoader<string, Map<string, ValueProvenance>>('shared.personProvenance', async (prisma, ids) => {
  const documents = await readProvenance(prisma, 'Person', ids);
  return ids.map((id) => new Map([...(documents.get(id) ?? [])].map(([attribute, e]) => [attribute, {
    system: e.system,
    candidates: candidatesOfRow(e) as Array<{ value: unknown; system: string }>,
  }])));
});

function comparableContact(defaultRegion: string) {
  return (v: string): string | null => (v.includes('@') ? v.trim().toLowerCase() : normalizePhone(v, defaultRegion)?.e164 ?? null);
}

const isPresent = (value: unknown) => value !== null && value !== undefined && !(Array.isArray(value) && value.length === 0);

function maskingMiddleware(policy: Extract<FieldPolicy, { kind: 'personal' }>) {
  return async (resolve: (...a: unknown[]) => unknown, parent: unknown, args: unknown, ctx: RequestContext, info: { returnType: GraphQLOutputType; parentType: { name: string }; fieldName: string }) => {
    const scopes = scopesOf(ctx);
    const subject = subjectFactsOf(parent);
    const access = decideFieldAccess(policy, scopes, subject);
    const sourced = access === 'full' || info.parentType.name !== 'Person' ? new Set<string>() : sourcedSystemsFor(policy, scopes, subject);
    // Nothing is read for a caller who may see nothing of the field.
    if (access === 'none' && sourced.size === 0) return deniedValue(info.returnType);
    const value = await resolve(parent, args, ctx, info);
    if (access === 'full' && isPresent(value)) recordFullRead(ctx, info.parentType.name, info.fieldName, parent);
    if (sourced.size > 0 && isPresent(value)) {
      // A sourced grant: the values its system supplied in full, the rest as the caller's other scopes allow.
      const id = (parent as { id?: string }).id!;
      const provenance = (await personProvenance(ctx).load(id)).get(info.fieldName) ?? null;
      const mask = access === 'masked' ? policy.masked?.mask : undefined;
      const shown = revealSourcedValue(value, provenance, { systems: sourced, mask, comparable: comparableContact(ctx.config.matching.defaultRegion) });
      const full = Array.isArray(value) ? (shown as unknown[]).some((v) => (value as unknown[]).includes(v)) : shown === value;
      if (full) recordFullRead(ctx, info.parentType.name, info.fieldName, parent);
      return shown ?? deniedValue(info.returnType);
    }
    return access === 'masked' && policy.masked ? applyMask(policy.masked.mask, value) : value;
  };
}

type Resolve = (...a: unknown[]) => unknown;
type Reveal = (value: unknown) => unknown;

/** Provenance carries the attribute's value three ways: current, per candidate, per change. */
function revealProvenance(p: unknown, reveal: Reveal): unknown {
  if (!p || typeof p !== 'object') return p;
  const prov = p as { value?: unknown; candidates?: Array<Record<string, unknown>>; history?: Array<Record<string, unknown>> };
  return {
    ...prov,
    value: reveal(prov.value),
    candidates: prov.candidates?.map((c) => ({ ...c, value: reveal(c.value) })),
    history: prov.history?.map((h) => ({ ...h, oldValue: reveal(h.oldValue), newValue: reveal(h.newValue) })),
  };
}

/** Values of other attributes (provenance, audit, source records, explanations): each as its own attribute's policy says. */
function attributeValueMiddleware(policy: Extract<FieldPolicy, { kind: 'attributeValue' }>) {
  return async (resolve: Resolve, parent: unknown, args: Record<string, unknown>, ctx: RequestContext, info: { returnType: GraphQLOutputType; parentType: { name: string }; fieldName: string }) => {
    const scopes = scopesOf(ctx);
    if (!holdsAudience(policy.allow, scopes)) return deniedValue(info.returnType);
    const value = await resolve(parent, args, ctx, info);
    const typeName = info.parentType.name;
    const personId = personIdOf(typeName, parent);
    const policyOf = (entityType: string, attribute: unknown) =>
      policy.attribute === 'parent' ? auditValuePolicyFor(entityType, typeof attribute === 'string' ? attribute : null)
        : typeof attribute === 'string' ? attributePolicyFor(entityType, attribute) : undefined;
    // Every value shown in full by these routes is a read of that person's data, logged like a field read.
    const reveal = (entityType: string, attribute: unknown, subject: SubjectFacts): Reveal => (v) => {
      const attributePolicy = policyOf(entityType, attribute);
      const shown = revealAttributeValue(attributePolicy, scopes, subject, v);
      if (isPresent(shown) && attributePolicy?.kind === 'personal' && decideFieldAccess(attributePolicy, scopes, subject) === 'full') {
        recordPersonRead(ctx, personId, `${typeName}.${info.fieldName}.${String(attribute)}`);
      }
      return shown;
    };
    const p = (parent ?? {}) as { entityType?: string; attribute?: unknown; type?: unknown };
    switch (policy.attribute) {
      case 'argument':
        return revealProvenance(value, reveal(typeName, args.attribute, subjectFactsOf(parent)));
      case 'parent':
        // A golden change names every attribute it changed: each value as its own attribute's policy says.
        if (p.type === GOLDEN_CHANGE_EVENT && (p.attribute === null || p.attribute === undefined)) {
          if (!value || typeof value !== 'object' || Array.isArray(value)) return deniedValue(info.returnType);
          return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, reveal(p.entityType ?? '', k, {})(v)]));
        }
        return reveal(p.entityType ?? '', p.attribute, {})(value);
      case 'keys':
        if (!value || typeof value !== 'object') return null;
        return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, reveal('Person', k, {})(v)]));
      case 'explanation': {
        if (!value || typeof value !== 'object') return value ?? null;
        const mayRead = (attribute: string) => {
          const attributePolicy = attributePolicyFor('Person', attribute);
          const full = attributePolicy !== undefined && decideFieldAccess(attributePolicy, scopes, {}) === 'full';
          if (full && attributePolicy.kind === 'personal') recordPersonRead(ctx, personId, `${typeName}.${info.fieldName}.${attribute}`);
          return full;
        };
        return redactExplanation(value as ExplanationShape, mayRead);
      }
    }
  };
}


export interface FieldRules {
  rules: IRuleTypeMap;
  masks: IMiddlewareTypeMap;
  /** Fields of this schema without a policy row (denied by the fallback rule). */
  unlisted: string[];
}

/** Shield rules and masking middleware for every field of `schema` that the policy table lists. */
export function fieldRulesFor(schema: GraphQLSchema): FieldRules {
  const rules: IRuleTypeMap = {};
  const masks: Record<string, IMiddlewareFieldMap> = {};
  const unlisted: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const fieldRules: IRuleFieldMap = {};
    for (const field of Object.values(type.getFields())) {
      const policy = policyFor(type.name, field.name);
      if (!policy) {
        unlisted.push(`${type.name}.${field.name}`);
        continue;
      }
      fieldRules[field.name] = shieldRuleOf(policy);
      if (policy.kind === 'personal' || policy.kind === 'attributeValue') {
        // An explanation is always answered (redacted, never withheld as a whole), so it may be non-null.
        const alwaysAnswered = policy.kind === 'attributeValue' && policy.attribute === 'explanation';
        if (!alwaysAnswered && isNonNullType(field.type) && !isListType(field.type.ofType)) {
          throw new Error(`${type.name}.${field.name} is personal but non-null: a caller without access could not be answered with null`);
        }
        const middleware = policy.kind === 'personal' ? maskingMiddleware(policy) : attributeValueMiddleware(policy);
        (masks[type.name] ??= {})[field.name] = middleware as never;
      }
    }
    if (Object.keys(fieldRules).length) rules[type.name] = fieldRules;
  }
  return { rules, masks, unlisted };
}

/** The transform every subgraph gets (see buildSubgraph): shield with deny as fallback, then masks. */
export const applyFieldPermissions: SchemaTransform = (schema) => {
  const { rules, masks } = fieldRulesFor(schema);
  const permissions = shield(rules, {
    fallbackRule: deny,
    allowExternalErrors: false,
    // Called with null for a denied field and with the thrown error when a resolver failed: denial
    // becomes FORBIDDEN; a resolver's own error goes to the one error mapping unchanged (domain codes
    // pass, anything else is logged and returned as "Internal server error").
    fallbackError: (err, _parent, _args, _ctx, info) =>
      err === null ? forbidden(info.parentType.name, info.fieldName) : (err instanceof Error ? err : new Error(String(err))),
  });
  return applyMiddleware(schema, permissions, masks);
};
