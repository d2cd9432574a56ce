// The HTTP side shared by the gateway and every subgraph: one Apollo server with the same query
// limits, error mapping and metrics, mounted on express at /graphql next to /metrics and the health
// endpoints, and a listener that stops cleanly.
import http from 'node:http';
import express from 'express';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { ApolloServer, type ApolloServerOptionsWithGateway, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { Config } from '../../platform/config';
import { serveMetrics } from '../../platform/metrics';
import { metricsPlugin } from './metrics-plugin';
import { queryLimitOptions } from './query-limits';

export interface GraphQLAppOptions<TContext extends BaseContext> {
  /** The executable schema (a subgraph) or the gateway that plans across subgraphs. */
  executor: { schema: GraphQLSchema } | { gateway: ApolloServerOptionsWithGateway<BaseContext>['gateway'] };
  config: Config;
  /** Label of the latency metrics (subgraph name or "gateway"). */
  name: string;
  formatError: (formatted: GraphQLFormattedError, error: unknown) => GraphQLFormattedError;
  plugins?: ApolloServerPlugin<TContext>[];
  mountHealth(app: express.Express): void;
  context(req: express.Request, res: express.Response): Promise<TContext>;
}

export async function createGraphQLApp<TContext extends BaseContext>(o: GraphQLAppOptions<TContext>) {
  // Abusive operations are refused before any planning or SQL, at the gateway and again in every subgraph.
  const limits = queryLimitOptions(o.config);
  const server = new ApolloServer<TContext>({
    ...(o.executor as { schema: GraphQLSchema }),
    formatError: o.formatError,
    ...limits,
    includeStacktraceInErrorResponses: false,
    // The process owns SIGINT/SIGTERM (cli/main.ts): it stops every server and then closes the database.
    // Apollo's own handlers would re-raise the signal after stopping one server and kill the process
    // before the embedded database is closed.
    stopOnTerminationSignals: false,
    plugins: [...(o.plugins ?? []), metricsPlugin(o.name) as ApolloServerPlugin<TContext>, ...(limits.plugins as ApolloServerPlugin<TContext>[])],
  });
  await server.start();
  const app = express();
  app.disable('x-powered-by');
  o.mountHealth(app);
  app.get('/metrics', serveMetrics);
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(server, { context: async ({ req, res }) => o.context(req, res) }));
  return { app, server };
}

export interface RunningServer {
  url: string;
  port: number;
  stop(): Promise<void>;
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
