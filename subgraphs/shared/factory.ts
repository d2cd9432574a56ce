// The one subgraph factory: every subgraph is a SubgraphModule (resolvers + entity reference resolvers)
// built into an Apollo Federation 2 schema and served over HTTP the same way.
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { parse } from 'graphql';
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
  for (const transform of options.transforms ?? []) schema = transform(schema, module);
  // Last, so the field rules wrap everything else: no resolver or other middleware runs for a denied field.
  schema = applyFieldPermissions(schema, module);
  return schema;
}

export type { RunningServer } from './graphql-http';
export { listen } from './graphql-http';

/** An express app serving the subgraph at /graphql plus /healthz, /readyz and /metrics. */
export async function createSubgraphApp(module: SubgraphModule, deps: ServiceDeps, options: SubgraphOptions = {}) {
  const schema = await buildSubgraph(module, options);
  const logger = deps.logger.child({ subgraph: module.name });
  const verifyToken = createTokenVerifier(deps.config.auth);
  const { app, server } = await createGraphQLApp<RequestContext>({
    executor: { schema },
    config: deps.config,
    name: module.name,
    formatError: createErrorFormatter(logger),
    plugins: [ApolloServerPluginInlineTraceDisabled(), accessLogPlugin()],
    mountHealth: (a) => mountHealth(a, deps.db),
    // Every subgraph verifies the token again: one called directly shows no more than the gateway would.
    context: async (req) => createRequestContext(req, { ...deps, logger }, await verifyToken(req.headers.authorization)),
  });
  return { app, server, schema };
}

export async function startSubgraph(module: SubgraphModule, deps: ServiceDeps, port: number, options: SubgraphOptions = {}): Promise<RunningServer> {
  const { app, server } = await createSubgraphApp(module, deps, options);
  return listen(app, deps.config.host, port, () => server.stop());
}
