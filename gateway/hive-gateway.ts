// The committed supergraph served by Hive Gateway instead of the Apollo gateway: the same file,
// unchanged. Hive Gateway enforces none of our limits and checks no token; it does not need to,
// because every subgraph verifies the token and applies every query limit itself. This file only
// makes it route and forward the way gateway/server.ts does:
// - subgraph URLs come from configuration (the file's join__graph URLs are the embedded defaults);
// - authorization, x-request-id, x-correlation-id and idempotency-key reach every subgraph (Hive
//   Gateway forwards no client header unless told to);
// - identical in-flight subgraph requests are not merged: each client request must reach the
//   subgraphs, or the access log would miss the reads of the merged ones.
// Run it with `npm run gateway:hive` next to running subgraphs (PORT or GATEWAY_PORT sets its port).
import fs from 'node:fs';
import { createGatewayRuntime, type GatewayConfigSupergraph, type GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { SUBGRAPH_NAMES, loadConfig, type Config } from '../platform/config';
import { createLogger } from '../platform/logger';
import { newId } from '../platform/ids';
import { supergraphFile } from '../platform/paths';
import { listen, type RunningServer } from '../subgraphs/shared/graphql-http';
import { FORWARDED_HEADERS } from './server';
import { QueryLimitCode } from '../subgraphs/shared/query-limits';

/** Headers for one subgraph request: the client's forwarded headers, plus a request id when it sent none. */
export function headersForSubgraphs(request: Request): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const name of FORWARDED_HEADERS) {
    const v = request.headers.get(name);
    if (v) headers[name] = v;
  }
  headers['x-request-id'] ??= newId();
  headers['x-correlation-id'] ??= headers['x-request-id'];
  return headers;
}

/** HTTP status of an answer without data whose errors all carry one of these codes (as the Apollo gateway answers). */
const STATUS_OF_CODE: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  ...Object.fromEntries(Object.values(QueryLimitCode).map((c) => [c, 400])),
};

/**
 * Hive Gateway answers 200 whatever its subgraphs said; a request every subgraph refused (no token, a
 * query over a limit) answers with the subgraph's status instead, so clients see the same 401 or 400
 * as through the Apollo gateway.
 */
export function subgraphStatusPlugin(): GatewayPlugin {
  return {
    onExecute() {
      return {
        onExecuteDone({ result, setResult }) {
          const r = result as ExecutionResult;
          if (!r || typeof r !== 'object' || !('errors' in r) || !r.errors?.length) return;
          const hasData = r.data && Object.values(r.data).some((v) => v !== null);
          const statuses = r.errors.map((e) => STATUS_OF_CODE[String(e.extensions?.code)]);
          if (hasData || statuses.some((s) => s === undefined)) return;
          const status = Math.max(...(statuses as number[]));
          setResult({
            ...r,
            errors: r.errors.map((e) => new GraphQLError(e.message, { path: e.path, extensions: { ...e.extensions, http: { status } } })),
          });
        },
      };
    },
  };
}

export function hiveGatewayConfig(config: Config): GatewayConfigSupergraph {
  const transportEntries = Object.fromEntries(
    SUBGRAPH_NAMES.map((name) => [name, { location: config.subgraphUrls[name], options: { deduplicateInflightRequests: false } }]),
  );
  return {
    supergraph: fs.readFileSync(supergraphFile(), 'utf8'),
    graphqlEndpoint: '/graphql',
    transportEntries: { ...transportEntries, '*.http': { options: { deduplicateInflightRequests: false } } },
    // Two identical client requests run twice, never once for both.
    inboundInflightRequestDeduplication: false,
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => headersForSubgraphs(request),
    },
    // Subgraph errors keep their own message and code (the subgraphs already redact them).
    subgraphErrors: false,
    plugins: () => [subgraphStatusPlugin()],
    landingPage: false,
    graphiql: false,
    logging: config.logLevel === 'silent' ? false : config.logLevel === 'trace' || config.logLevel === 'fatal' ? 'error' : config.logLevel,
  };
}

export async function startHiveGateway(config: Config, port = config.gatewayPort): Promise<RunningServer> {
  const runtime = createGatewayRuntime(hiveGatewayConfig(config));
  return listen(runtime, config.host, port, async () => { await runtime.dispose(); });
}

if (require.main === module) {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const port = Number(process.env.PORT ?? config.gatewayPort);
  startHiveGateway(config, port).then(
    (s) => {
      logger.info({ url: s.url, subgraphs: config.subgraphUrls }, 'Hive Gateway serving the committed supergraph');
      const stop = () => void s.stop().then(() => process.exit(0));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (err) => {
      logger.error({ err }, 'Hive Gateway failed to start');
      process.exit(1);
    },
  );
}
