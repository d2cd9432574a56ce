// The one subgraph factory: every subgraph is a SubgraphModule (resolvers + entity reference resolvers)
// built into an Apollo Federation 2 schema and served over HTTP the same way.
import 'reflect-metadata';
import http from 'node:http';
import express from 'express';
import type { GraphQLSchema } from 'graphql';
import { parse } from 'graphql';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives, type IResolvers } from '@graphql-tools/utils';
import { buildSchema, createResolversMap, type NonEmptyArray } from 'type-graphql';
import type { SubgraphName } from '../../platform/config';
import { createRequestContext, type RequestContext, type ServiceDeps } from './context';
import { createErrorFormatter } from './errors';
import { mountHealth } from './health';
import { metricsPlugin } from './metrics-plugin';
import { serveMetrics } from '../../platform/metrics';
import { createTokenVerifier } from './auth/verify-token';
import { applyFieldPermissions } from './permissions';
import { queryLimitOptions } from './query-limits';

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

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** An express app serving the subgraph at /graphql plus /healthz and /readyz. */
export async function createSubgraphApp(module: SubgraphModule, deps: ServiceDeps, options: SubgraphOptions = {}) {
  const schema = await buildSubgraph(module, options);
  const logger = deps.logger.child({ subgraph: module.name });
  const limits = queryLimitOptions(deps.config);
  const server = new ApolloServer<RequestContext>({
    schema,
    formatError: createErrorFormatter(logger),
    ...limits,
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginInlineTraceDisabled(), metricsPlugin(module.name), ...limits.plugins],
  });
  await server.start();
  const verifyToken = createTokenVerifier(deps.config.auth);
  const app = express();
  app.disable('x-powered-by');
  mountHealth(app, deps.db);
  app.get('/metrics', serveMetrics);
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    // Every subgraph verifies the token again: one called directly shows no more than the gateway would.
    expressMiddleware(server, {
      context: async ({ req }) => createRequestContext(req, { ...deps, logger }, await verifyToken(req.headers.authorization)),
    }),
  );
  return { app, server, schema };
}

export async function listen(app: express.Express, host: string, port: number, onStop: () => Promise<void> = async () => undefined): Promise<RunningServer> {
  const httpServer = http.createServer(app);
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => resolve());
  });
  const address = httpServer.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host}:${actualPort}/graphql`,
    port: actualPort,
    stop: async () => {
      await onStop();
      httpServer.closeAllConnections();
      await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

export async function startSubgraph(module: SubgraphModule, deps: ServiceDeps, port: number, options: SubgraphOptions = {}): Promise<RunningServer> {
  const { app, server } = await createSubgraphApp(module, deps, options);
  return listen(app, deps.config.host, port, () => server.stop());
}
