// The one subgraph factory: every subgraph is a SubgraphModule (resolvers + entity reference resolvers)
// built into an Apollo Federation 2 schema and served over HTTP the same way.
import 'reflect-metadata';
import { Kind, defaultFieldResolver, isObjectType, isUnionType, parse, valueFromASTUntyped, type FieldNode, type GraphQLSchema, type SelectionSetNode } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives, type IResolvers } from '@graphql-tools/utils';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import type { SubgraphName } from '../../platform/config';
import { createRequestContext, type RequestContext, type ServiceDeps } from './context';
import { createErrorFormatter } from './errors';
import { mountHealth } from './health';
import { createTokenVerifier } from './auth/verify-token';
import { applyFieldPermissions } from './permissions';
import { accessLogPlugin } from './access-log';
import { createGraphQLApp, listen, type RunningServer } from './graphql-http';
import { LIST_SIZES, QueryLimitCode, queryLimitError } from './query-limits';
import { isUuid } from '../../platform/ids';

export type ReferenceResolver = (reference: { id: string }, ctx: RequestContext) => Promise<unknown>;

export interface SubgraphModule {
  name: SubgraphName;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  /** `__resolveReference` per entity type this subgraph owns, each going through a per-request loader. */
  references: Record<string, ReferenceResolver>;
}

/** Transforms applied to every built subgraph schema: where field rules and middleware attach. */
export type SchemaTransform = (schema: GraphQLSchema, module: SubgraphModule) => GraphQLSchema;

export interface SubgraphOptions {
  transforms?: SchemaTransform[];
}

const FEDERATION_LINK = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@shareable", "@external", "@requires", "@provides"])`;

export async function buildSubgraph(module: SubgraphModule, options: SubgraphOptions = {}): Promise<GraphQLSchema> {
  const typeSchema = await buildSchema({
    resolvers: module.resolvers,
    skipCheck: true,
    validate: false,
    emitSchemaFile: false,
  });
  const referenceResolvers: IResolvers = Object.fromEntries(
    Object.entries(module.references).map(([typeName, resolve]) => [
      typeName,
      { __resolveReference: (ref: { id: string }, ctx: RequestContext) => resolve(ref, ctx) },
    ]),
  );
  const resolvers = createResolversMap(typeSchema) as IResolvers;
  for (const [typeName, r] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...(resolvers[typeName] as object), ...(r as object) };
  }
  let schema = buildSubgraphSchema({
    typeDefs: parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(typeSchema)}`),
    resolvers: resolvers as never,
  });
  boundListFields(schema);
  for (const transform of options.transforms ?? []) schema = transform(schema, module);
  // Last, so the field rules wrap everything else: no resolver or other middleware runs for a denied field.
  schema = applyFieldPermissions(schema, module);
  return schema;
}

export type { RunningServer } from './graphql-http';
export { listen } from './graphql-http';

/**
 * Holds every list field of LIST_SIZES to its hard bound, so the cost a query was admitted for is never
 * exceeded by what a resolver returns (the bounds sit far above what one parent has in practice).
 */
function boundListFields(schema: GraphQLSchema): void {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const bound = LIST_SIZES[`${type.name}.${field.name}`];
      if (!bound || !('max' in bound)) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      const { max } = bound;
      field.resolve = async (...args) => {
        const value: unknown = await resolve(...args);
        return Array.isArray(value) && value.length > max ? value.slice(0, max) : value;
      };
    }
  }
}

/** Why a representation cannot be resolved here, or null when it can (every entity is keyed by a UUID `id`). */
function representationProblem(rep: unknown, entityTypes: ReadonlySet<string>): string | null {
  if (rep === null || typeof rep !== 'object' || Array.isArray(rep)) return 'each representation must be an object';
  const { __typename, id } = rep as { __typename?: unknown; id?: unknown };
  if (typeof __typename !== 'string' || !entityTypes.has(__typename)) return '__typename must name an entity type of this subgraph';
  if (typeof id !== 'string' || !isUuid(id)) return 'id must be a UUID';
  return null;
}

/**
 * `_entities` with a type that is no entity here (or none at all) fails deep inside federation's
 * resolver as an unexpected error; refuse such representations as bad input before anything runs.
 */
export function entityRepresentationsPlugin(schema: GraphQLSchema): ApolloServerPlugin {
  const union = schema.getType('_Entity');
  const entityTypes = new Set(isUnionType(union) ? union.getTypes().map((t) => t.name) : []);
  // Root fields named _entities, also inside fragments on Query (a cycle is refused by validation first).
  const entitiesFields = (set: SelectionSetNode, fragments: Map<string, SelectionSetNode>, depth = 0): FieldNode[] =>
    depth > 10 ? [] : set.selections.flatMap((s) => {
      if (s.kind === Kind.FIELD) return s.name.value === '_entities' ? [s] : [];
      if (s.kind === Kind.INLINE_FRAGMENT) return entitiesFields(s.selectionSet, fragments, depth + 1);
      const f = fragments.get(s.name.value);
      return f ? entitiesFields(f, fragments, depth + 1) : [];
    });
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request, document }) {
          if (!operation || operation.operation !== 'query') return;
          const fragments = new Map<string, SelectionSetNode>();
          for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d.selectionSet);
          for (const field of entitiesFields(operation.selectionSet, fragments)) {
            const arg = field.arguments?.find((a) => a.name.value === 'representations');
            const reps = arg ? valueFromASTUntyped(arg.value, request.variables ?? {}) : undefined;
            const list = Array.isArray(reps) ? reps : [reps];
            for (const rep of list) {
              const problem = representationProblem(rep, entityTypes);
              if (problem) throw queryLimitError(QueryLimitCode.BAD_USER_INPUT, `Invalid _entities representation: ${problem}`);
            }
          }
        },
      };
    },
  };
}

/** An express app serving the subgraph at /graphql plus /healthz, /readyz and /metrics. */
export async function createSubgraphApp(module: SubgraphModule, deps: ServiceDeps, options: SubgraphOptions = {}) {
  const schema = await buildSubgraph(module, options);
  const logger = deps.logger.child({ subgraph: module.name });
  const verifyToken = createTokenVerifier(deps.config.auth);
  const { app, server, listener, local } = await createGraphQLApp<RequestContext>({
    executor: { schema },
    config: deps.config,
    name: module.name,
    formatError: createErrorFormatter(logger),
    plugins: [ApolloServerPluginInlineTraceDisabled(), accessLogPlugin(), entityRepresentationsPlugin(schema)],
    mountHealth: (a) => mountHealth(a, deps.db),
    // Every subgraph verifies the token again: one called directly shows no more than the gateway would.
    context: async (req) => createRequestContext(req, { ...deps, logger }, await verifyToken(req.headers.authorization)),
  });
  return { app, server, schema, listener, local };
}

export async function startSubgraph(module: SubgraphModule, deps: ServiceDeps, port: number, options: SubgraphOptions = {}): Promise<RunningServer> {
  const { server, listener, local } = await createSubgraphApp(module, deps, options);
  return { ...(await listen(listener, deps.config.host, port, () => server.stop())), local };
}
