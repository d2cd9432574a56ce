// Operation limits, the same at the gateway and in every subgraph: tokens before parsing (see
// graphql-http.ts), depth, aliases, directives and unsafe string literals while validating, and the cost
// of what the operation can return once its variables are known, so an abusive operation is refused
// before any resolver (and so any SQL) runs. Each refusal is a 400 with a stable code (QueryLimitCode).
// Field suggestions ("Did you mean …?") and introspection are off in production; CSRF prevention is on.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError, Kind, Lexer, Source, TokenKind, getNamedType, getNullableType, isCompositeType, isListType, isObjectType,
  isInterfaceType, valueFromASTUntyped, type DocumentNode, type FragmentDefinitionNode, type GraphQLCompositeType,
  type GraphQLField, type GraphQLSchema, type SelectionSetNode, type ValidationContext, type ValidationRule, type ValueNode,
} from 'graphql';
import type { Config } from '../../platform/config';

/** Stable `extensions.code` of each limit; documented in docs/authorization.md ("Query limits"). */
export const QueryLimitCode = {
  TOO_MANY_TOKENS: 'TOO_MANY_TOKENS',
  QUERY_TOO_DEEP: 'QUERY_TOO_DEEP',
  TOO_MANY_ALIASES: 'TOO_MANY_ALIASES',
  TOO_MANY_DIRECTIVES: 'TOO_MANY_DIRECTIVES',
  QUERY_TOO_COMPLEX: 'QUERY_TOO_COMPLEX',
  /** A page size over the maximum, a variable list that is too long, a NUL or lone surrogate. */
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  OPERATION_RESOLUTION_FAILURE: 'OPERATION_RESOLUTION_FAILURE',
} as const;
export type QueryLimitCode = (typeof QueryLimitCode)[keyof typeof QueryLimitCode];

/** Longest list accepted anywhere in the variables (a batch ingest, a list of ids). */
export const MAX_LIST_ITEMS = 1000;

/** Size assumed for a list field that takes no `first`/`last` and has no entry in LIST_SIZES. */
export const DEFAULT_LIST_SIZE = 10;

/** A list field that takes no page argument: the size the cost assumes, and the hard bound it never exceeds. */
export interface ListBound {
  assumed: number;
  max: number;
}

/**
 * Every list field of the graph that takes no `first`/`last`: lists under a connection (`edges`) take
 * the connection's `first`, `_entities` and batch results the length of the list they answer for, and
 * each other list its entry here (a test walks the composed supergraph and fails on a list without one).
 * The subgraph that resolves a field cuts it at `max` (see boundListFields in factory.ts).
 */
export const LIST_SIZES: Readonly<Record<string, ListBound | { sizeOfArgument: string }>> = {
  'Query._entities': { sizeOfArgument: 'representations' },
  'IngestPersonRecordsPayload.results': { sizeOfArgument: 'inputs' },
  'Person.externalIds': { assumed: 5, max: 100 },
  'Person.emails': { assumed: 5, max: 50 },
  'Person.phones': { assumed: 5, max: 50 },
  'Person.sourceRecords': { assumed: 10, max: 1000 },
  'Person.legalIdentifiers': { assumed: 3, max: 50 },
  'Person.consents': { assumed: 5, max: 50 },
  'Person.employments': { assumed: 5, max: 200 },
  'Person.offers': { assumed: 5, max: 200 },
  'Employment.statusHistory': { assumed: 5, max: 200 },
  'AttributeProvenance.candidates': { assumed: 5, max: 100 },
  'AttributeProvenance.history': { assumed: 10, max: 1000 },
  'MatchExplanation.comparisons': { assumed: 10, max: 100 },
  'MatchExplanation.blockers': { assumed: 3, max: 50 },
  'MatchReview.candidateRecords': { assumed: 5, max: 200 },
  'DataQuality.bySystem': { assumed: 4, max: 20 },
  'Job.requiredSkills': { assumed: 10, max: 100 },
  'Query.survivorshipPolicy': { assumed: 20, max: 200 },
  'Query.matchConstraints': { assumed: 10, max: 1000 },
  'SurvivorshipRuleView.sourcePriority': { assumed: 4, max: 20 },
  'IngestPersonRecordsPayload.counts': { assumed: 8, max: 20 },
  'IngestPersonRecordPayload.changedAttributes': { assumed: 10, max: 100 },
  'IngestPersonRecordPayload.flaggedValues': { assumed: 1, max: 30 },
  'MergePeoplePayload.changedAttributes': { assumed: 10, max: 100 },
  'OverridePersonAttributePayload.changedAttributes': { assumed: 10, max: 100 },
  'UpsertEmploymentPayload.changedAttributes': { assumed: 10, max: 100 },
  'UpsertJobPayload.changedAttributes': { assumed: 10, max: 100 },
  'UpsertOfferPayload.changedAttributes': { assumed: 10, max: 100 },
  'UpsertOrganizationPayload.changedAttributes': { assumed: 10, max: 100 },
  'ErasePersonPayload.withdrawnConsents': { assumed: 5, max: 50 },
  'ErasePersonPayload.pendingDuplicates': { assumed: 5, max: 200 },
  'Query.webhookSubscriptions': { assumed: 20, max: 1000 },
  'WebhookSubscription.eventTypes': { assumed: 10, max: 100 },
  'WebhookDelivery.log': { assumed: 10, max: 100 },
};

export function queryLimitError(code: QueryLimitCode, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra, http: { status: 400 } } });
}

// ---------------------------------------------------------------------------------------------------
// Characters PostgreSQL (and most consumers) cannot store: NUL, and UTF-16 surrogates without their pair.

// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTER = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasUnsafeCharacter(text: string): boolean {
  return UNSAFE_CHARACTER.test(text);
}

export const UNSAFE_CHARACTER_MESSAGE = 'Text may not contain NUL characters or unpaired UTF-16 surrogates';

/** String literals of the query, after GraphQL escapes are decoded (`"\u0000"`). */
export const noUnsafeCharactersRule: ValidationRule = (context: ValidationContext) => ({
  StringValue(node) {
    if (hasUnsafeCharacter(node.value)) {
      context.reportError(new GraphQLError(UNSAFE_CHARACTER_MESSAGE, { nodes: [node], extensions: { code: QueryLimitCode.BAD_USER_INPUT } }));
    }
  },
});

/** Number of lexical tokens, counted without parsing; null when the text does not lex (a syntax error). */
export function countTokens(query: string, stopAfter = Number.POSITIVE_INFINITY): number | null {
  try {
    const lexer = new Lexer(new Source(query));
    let n = 0;
    while (lexer.advance().kind !== TokenKind.EOF) if (++n > stopAfter) break;
    return n;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------
// Cost by what a query can return: every field counts once per value it can yield, and a list field
// multiplies its selection by its size — `first`/`last`, else the page argument's default, else its
// entry in LIST_SIZES, else DEFAULT_LIST_SIZE. The size of a connection's `first` applies to its `edges`.

export interface CostOptions {
  variables: Record<string, unknown>;
  operationName?: string | null;
  defaultListSize?: number;
  listSizes?: typeof LIST_SIZES;
}

export interface CostResult {
  cost: number;
  /** The largest `first`/`last` found (to refuse pages over the maximum before anything runs). */
  largestPage: number;
}

const PAGE_ARGUMENTS = ['first', 'last'];
const CONNECTION_LISTS = new Set(['edges', 'nodes']);

function argumentValue(node: { arguments?: readonly { name: { value: string }; value: ValueNode }[] }, name: string, variables: Record<string, unknown>): unknown {
  const arg = node.arguments?.find((a) => a.name.value === name);
  return arg ? valueFromASTUntyped(arg.value, variables) : undefined;
}

export function operationCost(schema: GraphQLSchema, document: DocumentNode, o: CostOptions): CostResult {
  const defaultListSize = o.defaultListSize ?? DEFAULT_LIST_SIZE;
  const listSizes = o.listSizes ?? LIST_SIZES;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const operations = document.definitions.filter((d) => d.kind === Kind.OPERATION_DEFINITION);
  const operation = o.operationName ? operations.find((d) => d.name?.value === o.operationName) : operations[0];
  let largestPage = 0;
  if (!operation) return { cost: 0, largestPage };

  // The cost of a selection is linear in how many parents it runs for, so each fragment is costed once
  // for one parent (fragments spread many times cannot make this walk exponential). Once per connection
  // size too: a fragment on a connection costs its `edges` by the `first` of the field it is spread in.
  const fragmentCost = new Map<string, number>();

  const pageSize = (node: Parameters<typeof argumentValue>[0], def: GraphQLField<unknown, unknown>): number | undefined => {
    for (const name of PAGE_ARGUMENTS) {
      const given = argumentValue(node, name, o.variables);
      const value = given ?? def.args.find((a) => a.name === name)?.defaultValue;
      if (typeof value === 'number') {
        largestPage = Math.max(largestPage, value);
        return Math.max(0, value);
      }
    }
    return undefined;
  };

  const selectionCost = (set: SelectionSetNode, parent: GraphQLCompositeType, connectionSize: number | undefined): number => {
    let total = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        const type = sel.typeCondition ? schema.getType(sel.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) total += selectionCost(sel.selectionSet, type, connectionSize);
        continue;
      }
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const name = sel.name.value;
        const key = `${name}:${connectionSize ?? ''}`;
        if (!fragmentCost.has(key)) {
          fragmentCost.set(key, 0); // a cycle is a validation error already; never recurse forever
          const f = fragments.get(name);
          const type = f && schema.getType(f.typeCondition.name.value);
          fragmentCost.set(key, f && type && isCompositeType(type) ? selectionCost(f.selectionSet, type, connectionSize) : 0);
        }
        total += fragmentCost.get(key)!;
        continue;
      }
      const name = sel.name.value;
      if (name === '__schema' || name === '__type') continue; // introspection: off in production, bounded by the schema
      if (name.startsWith('__') || !(isObjectType(parent) || isInterfaceType(parent))) {
        total += 1;
        continue;
      }
      const def = parent.getFields()[name];
      if (!def) continue;
      const page = pageSize(sel, def);
      const isList = isListType(getNullableType(def.type));
      let size = 1;
      if (isList) {
        const annotated = listSizes[`${parent.name}.${name}`];
        if (annotated && 'assumed' in annotated) size = annotated.assumed;
        else if (annotated) {
          const v = argumentValue(sel, annotated.sizeOfArgument, o.variables);
          size = Array.isArray(v) ? v.length : defaultListSize;
        } else if (page !== undefined) size = page;
        else if (connectionSize !== undefined && CONNECTION_LISTS.has(name)) size = connectionSize;
        else size = defaultListSize;
      }
      total += size;
      const type = getNamedType(def.type);
      if (sel.selectionSet && isCompositeType(type)) {
        total += size * selectionCost(sel.selectionSet, type, isList ? undefined : page);
      }
    }
    return total;
  };

  const root = schema.getRootType(operation.operation);
  return { cost: root ? selectionCost(operation.selectionSet, root, undefined) : 0, largestPage };
}

/** Refuses, once the variables are known and before execution, operations over the cost or page limits. */
export function costLimitPlugin(maxCost: number, maxPageSize: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, operationName }) {
          const { cost, largestPage } = operationCost(schema, document, { variables: request.variables ?? {}, operationName });
          if (cost > maxCost) {
            throw queryLimitError(QueryLimitCode.QUERY_TOO_COMPLEX, `Query cost limit of ${maxCost} exceeded: the query can return up to ${Math.round(cost)} values`, { cost: Math.round(cost), maxCost });
          }
          if (largestPage > maxPageSize) {
            throw queryLimitError(QueryLimitCode.BAD_USER_INPUT, `first must be between 0 and ${maxPageSize}`, { max: maxPageSize });
          }
        },
      };
    },
  };
}

/**
 * What is wrong with a JSON value, found in one walk that stops at the first problem: a string (keys
 * included) holding a NUL or a lone surrogate, or a list longer than maxItems.
 */
function variablesProblem(value: unknown, maxItems: number, depth = 0): string | undefined {
  if (typeof value === 'string') return hasUnsafeCharacter(value) ? UNSAFE_CHARACTER_MESSAGE : undefined;
  if (depth > 64 || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    if (value.length > maxItems) return `Lists in variables are limited to ${maxItems} items`;
    for (const v of value) {
      const problem = variablesProblem(v, maxItems, depth + 1);
      if (problem) return problem;
    }
    return undefined;
  }
  for (const [k, v] of Object.entries(value)) {
    const problem = hasUnsafeCharacter(k) ? UNSAFE_CHARACTER_MESSAGE : variablesProblem(v, maxItems, depth + 1);
    if (problem) return problem;
  }
  return undefined;
}

/**
 * Refuses, before execution: an `operationName` the document does not define (otherwise a gateway
 * answers 500), variables carrying a list longer than MAX_LIST_ITEMS, and variables holding characters
 * that cannot be stored (a NUL or a lone surrogate would reach PostgreSQL as error 22P05).
 */
export function requestShapePlugin(maxItems = MAX_LIST_ITEMS): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, operation }) {
          if (!operation) {
            throw queryLimitError(QueryLimitCode.OPERATION_RESOLUTION_FAILURE, request.operationName ? 'Unknown operation named in operationName' : 'Must provide operationName when the document has several operations');
          }
          const problem = variablesProblem(request.variables ?? {}, maxItems);
          if (problem) throw queryLimitError(QueryLimitCode.BAD_USER_INPUT, problem);
        },
      };
    },
  };
}

/** A validation failure of one of our limits carries its own code (graphql-armor reports "Syntax Error: …"). */
function rejectWith(code: QueryLimitCode) {
  return [(ctx: ValidationContext | null, error: GraphQLError) => {
    ctx?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { nodes: error.nodes, extensions: { code } }));
  }];
}

/** Validation rules shared by every server: graphql-js' own plus our limits. */
export function queryLimitRules(config: Config): ValidationRule[] {
  const l = config.queryLimits;
  return [
    maxDepthRule({ n: l.maxDepth, ignoreIntrospection: true, propagateOnRejection: false, onReject: rejectWith(QueryLimitCode.QUERY_TOO_DEEP) }),
    maxAliasesRule({ n: l.maxAliases, propagateOnRejection: false, onReject: rejectWith(QueryLimitCode.TOO_MANY_ALIASES) }),
    maxDirectivesRule({ n: l.maxDirectives, propagateOnRejection: false, onReject: rejectWith(QueryLimitCode.TOO_MANY_DIRECTIVES) }),
    noUnsafeCharactersRule,
  ] as ValidationRule[];
}

export interface QueryLimitOptions {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  allowBatchedHttpRequests: false;
  introspection: boolean;
  hideSchemaDetailsFromClientErrors: boolean;
  csrfPrevention: true;
}

/** ApolloServer options to spread into the gateway's and each subgraph's constructor. */
export function queryLimitOptions(config: Config): QueryLimitOptions {
  const production = config.nodeEnv === 'production';
  const off = { enabled: false };
  const suggestions = new ApolloArmor({
    blockFieldSuggestion: { enabled: production },
    maxTokens: off, costLimit: off, maxAliases: off, maxDirectives: off, maxDepth: off,
  }).protect();
  return {
    plugins: [...suggestions.plugins, requestShapePlugin(), costLimitPlugin(config.queryLimits.maxCost, config.maxPageSize)],
    validationRules: queryLimitRules(config),
    allowBatchedHttpRequests: false,
    introspection: !production,
    hideSchemaDetailsFromClientErrors: production,
    csrfPrevention: true,
  };
}

/** Items of a page a child list field gives when its `first` is not set. */
export const DEFAULT_CHILD_PAGE = 20;

/**
 * The first `first` items of a child list (an organization's employments, a job's offers): such a list
 * takes `first` like a connection does, so no parent can return an unbounded list.
 */
export function firstItems<T>(items: readonly T[], first: number | null | undefined, maxPageSize: number): T[] {
  const n = first ?? DEFAULT_CHILD_PAGE;
  if (!Number.isInteger(n) || n < 0 || n > maxPageSize) {
    throw new GraphQLError(`first must be between 0 and ${maxPageSize}`, { extensions: { code: QueryLimitCode.BAD_USER_INPUT, max: maxPageSize } });
  }
  return items.slice(0, n);
}
