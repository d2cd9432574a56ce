// The Apollo gateway: serves the committed supergraph, routes to the subgraphs (URLs from config),
// forwards authorization and tracing headers, and exposes /healthz and /readyz.
import fs from 'node:fs';
import express from 'express';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import type { Request } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import type { Config, SubgraphName } from '../platform/config';
import type { Logger } from '../platform/logger';
import { newId } from '../platform/ids';
import { createGraphQLApp, listen, type LocalGraphQLHandler, type RunningServer } from '../subgraphs/shared/graphql-http';
import { createErrorFormatter } from '../subgraphs/shared/errors';
import { supergraphFile } from '../platform/paths';
import { createTokenVerifier } from '../subgraphs/shared/auth/verify-token';
import { mountScim } from '../scim/router';
import { mountConsole } from '../console/server/mount-console';
import { createSubgraphFetcher } from './subgraph-fetcher';

/** Headers passed from the client request to every subgraph request. */
export const FORWARDED_HEADERS = ['authorization', 'x-request-id', 'x-correlation-id', 'idempotency-key'] as const;

interface GatewayContext {
  headers: Record<string, string>;
}

function forwardedHeaders(req: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const v = req.headers[name];
    if (typeof v === 'string') headers[name] = v;
  }
  // Every request gets an id at the edge, so logs of the gateway and all subgraphs line up.
  headers['x-request-id'] ??= newId();
  headers['x-correlation-id'] ??= headers['x-request-id'];
  return headers;
}

/**
 * A subgraph that rejects a request outright (HTTP 400, e.g. a scalar that fails coercion) makes the
 * gateway raise "400: Bad Request" with the subgraph's own errors attached. Those errors were already
 * formatted by the subgraph's error mapping, so their message and code are safe to pass on.
 */
function surfaceSubgraphError(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const response = formatted.extensions?.response as { status?: number; body?: { errors?: GraphQLFormattedError[] } } | undefined;
  const inner = response?.body?.errors?.[0];
  if (!response || response.status !== 400 || !inner || typeof inner.extensions?.code !== 'string') return formatted;
  return { message: inner.message, path: formatted.path, extensions: { ...inner.extensions } };
}

export interface GatewayDeps {
  config: Config;
  logger: Logger;
  /** A supergraph other than the committed one (benchmarks compose extra subgraphs in). */
  supergraphSdl?: string;
  /**
   * Subgraphs running in this process (the embedded stack): the gateway hands them its requests without
   * HTTP, through the same parsing, guard and Apollo server as their /graphql route.
   */
  localSubgraphs?: Partial<Record<SubgraphName, LocalGraphQLHandler>>;
}

/** The gateway is ready when every subgraph reports ready. */
function mountGatewayHealth(app: express.Express, config: Config): void {
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const checks = await Promise.all(
      Object.entries(config.subgraphUrls).map(async ([name, url]) => {
        try {
          const r = await fetch(url.replace(/\/graphql$/, '/readyz'), { signal: AbortSignal.timeout(2000) });
          return { name, ready: r.ok };
        } catch {
          return { name, ready: false };
        }
      }),
    );
    const notReady = checks.filter((c) => !c.ready).map((c) => c.name);
    res.status(notReady.length ? 503 : 200).json(notReady.length ? { status: 'unavailable', notReady } : { status: 'ready' });
  });
}

export async function startGateway(deps: GatewayDeps, port = deps.config.gatewayPort): Promise<RunningServer> {
  const logger = deps.logger.child({ component: 'gateway' });
  const local = new Map<string, LocalGraphQLHandler>();
  for (const [name, handler] of Object.entries(deps.localSubgraphs ?? {})) {
    if (handler) local.set(deps.config.subgraphUrls[name as SubgraphName], handler);
  }
  const fetcher = createSubgraphFetcher(local);
  const gateway = new ApolloGateway({
    supergraphSdl: deps.supergraphSdl ?? fs.readFileSync(supergraphFile(), 'utf8'),
    buildService: ({ name }) =>
      new RemoteGraphQLDataSource<GatewayContext>({
        url: deps.config.subgraphUrls[name as SubgraphName],
        // Kept-alive node:http requests (subgraph-fetcher.ts): the default fetcher builds an agent per
        // request and inspects a stack trace to tell http from https; Node's fetch costs ~5× the CPU.
        fetcher: fetcher.fetch,
        willSendRequest({ request, context }) {
          const headers = (context as Partial<GatewayContext>).headers ?? {};
          for (const [k, v] of Object.entries(headers)) request.http?.headers.set(k, v);
        },
      }),
  });
  const formatError = createErrorFormatter(logger);
  const verifyToken = createTokenVerifier(deps.config.auth);
  const { app, server, listener } = await createGraphQLApp<GatewayContext>({
    executor: { gateway },
    config: deps.config,
    name: 'gateway',
    formatError: (formatted, error) => formatError(surfaceSubgraphError(formatted), error),
    mountHealth: (a) => mountGatewayHealth(a, deps.config),
    context: async (req, res) => {
      const headers = forwardedHeaders(req);
      res.setHeader('x-request-id', headers['x-request-id']);
      // Rejected here before any planning or subgraph call; each subgraph verifies the token again.
      await verifyToken(req.headers.authorization);
      return { headers };
    },
  });
  mountConsole(app, deps.config);
  mountScim(app, deps.config, logger);
  return listen(listener, deps.config.host, port, async () => {
    await server.stop();
    fetcher.close();
  });
}
