// The HTTP side shared by the gateway and every subgraph: one Apollo server with the same query
// limits, error mapping and metrics, mounted on express at /graphql next to /metrics and the health
// endpoints, and a listener that stops cleanly. Every refused request, from a body that is not JSON to
// an operation over a limit, is answered as a GraphQL error body with a stable code and a 4xx status.
// A plain JSON POST to /graphql (every client and the gateway send those) skips express: the same
// parsing, guard and Apollo call as the express route, without its router, body parser and ETag.
import http from 'node:http';
import express from 'express';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { ApolloServer, HeaderMap, type ApolloServerOptionsWithGateway, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import type { Config } from '../../platform/config';
import { serveMetrics } from '../../platform/metrics';
import { metricsPlugin } from './metrics-plugin';
import { QueryLimitCode, UNSAFE_CHARACTER_MESSAGE, countTokens, hasUnsafeCharacter, queryLimitOptions } from './query-limits';

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
  app.use(
    '/graphql',
    // Not strict: `null`, a string or a number parse, so the guard can name what is wrong with them.
    express.json({ limit: MAX_BODY, strict: false }),
    guardRequest(o.config.queryLimits.maxTokens),
    expressMiddleware(server, { context: async ({ req, res }) => o.context(req, res) }),
  );
  app.use('/graphql', answerBodyErrors);
  const answer = jsonPostAnswerer(server, o);
  const serveDirectly = directGraphQLPost(answer);
  /** The request listener to serve: plain JSON POSTs to /graphql directly, everything else through `app`. */
  const listener: http.RequestListener = (req, res) => {
    if (!serveDirectly(req, res)) app(req, res);
  };
  /** The same answer without HTTP, for a gateway in this process (see LocalGraphQLHandler). */
  const local: LocalGraphQLHandler = async (headers, body) => {
    const type = headers['content-type'];
    if (type === undefined || !PLAIN_JSON.has(type.toLowerCase()) || Buffer.byteLength(body) > MAX_BODY_BYTES) return null;
    const responseHeaders = new Map<string, string>();
    const res = { setHeader: (name: string, value: string | number) => responseHeaders.set(name.toLowerCase(), String(value)) };
    const a = await answer({ headers }, res, body, '');
    for (const [name, value] of a.headers) responseHeaders.set(name, value);
    let text = '';
    if (typeof a.body === 'string') text = a.body;
    else for await (const chunk of a.body) text += chunk;
    return { status: a.status, headers: responseHeaders, body: text };
  };
  return { app, server, listener, local };
}

/** An answer to a plain JSON POST to /graphql, complete or streamed (incremental delivery). */
interface JsonPostAnswer {
  status: number;
  headers: Iterable<[string, string]>;
  body: string | AsyncIterable<string>;
}

/**
 * Serves a plain JSON POST to /graphql of a subgraph in this process without a network hop: given the
 * request headers (lower-case names) and body, the status, headers and body the HTTP route would send,
 * through the same parsing, guard, Apollo server, plugins and context (the token is verified again).
 * Null when the request is not one the direct route serves; the caller then sends it over HTTP.
 */
export type LocalGraphQLHandler = (headers: Record<string, string>, body: string) => Promise<{ status: number; headers: Map<string, string>; body: string } | null>;

/** MAX_BODY in bytes (body-parser reads '1mb' as 1024 × 1024). */
const MAX_BODY_BYTES = 1024 * 1024;
const PLAIN_JSON = new Set(['application/json', 'application/json; charset=utf-8', 'application/json;charset=utf-8']);

type HeaderSink = Pick<http.ServerResponse, 'setHeader'> | { setHeader(name: string, value: string | number): unknown };

/**
 * Parses and answers one JSON body exactly as the express route does: body-parser's reading (a leading
 * byte-order mark dropped, an empty body taken as {}), the guard, then what @as-integrations/express5
 * does between the request and Apollo. `res` takes the headers a context function sets.
 */
function jsonPostAnswerer<TContext extends BaseContext>(server: ApolloServer<TContext>, o: GraphQLAppOptions<TContext>) {
  const maxTokens = o.config.queryLimits.maxTokens;
  const refusal = (status: number, code: string, message: string): JsonPostAnswer => ({
    status,
    headers: [['content-type', 'application/json; charset=utf-8']],
    body: JSON.stringify({ errors: [{ message, extensions: { code } }] }),
  });
  return async (req: { headers: http.IncomingHttpHeaders }, res: HeaderSink, text: string, search: string): Promise<JsonPostAnswer> => {
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    let body: unknown;
    try {
      body = text.length === 0 ? {} : JSON.parse(text);
    } catch {
      return refusal(400, 'BAD_REQUEST', 'The request body is not valid JSON');
    }
    const problem = requestProblem(true, body, body, maxTokens);
    if (problem) return refusal(...problem);
    (req as { body?: unknown }).body = body;
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    try {
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: 'POST', headers, search, body },
        // The context functions read request headers and set response headers, nothing else of express's objects.
        context: () => o.context(req as express.Request, res as unknown as express.Response),
      });
      return {
        status: response.status || 200,
        headers: response.headers,
        body: response.body.kind === 'complete' ? response.body.string : response.body.asyncIterator,
      };
    } catch {
      return refusal(500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
    }
  };
}

/**
 * Serves a POST to /graphql whose body express would parse the plain way: JSON in UTF-8, no content
 * encoding, a Content-Length within MAX_BODY. Returns false, having touched nothing, for any other
 * request, which express then serves with its full handling (compressed or chunked bodies, other
 * charsets, refusals).
 */
function directGraphQLPost(answer: ReturnType<typeof jsonPostAnswerer>) {
  return (req: http.IncomingMessage, res: http.ServerResponse): boolean => {
    if (req.method !== 'POST') return false;
    const url = req.url ?? '';
    if (url !== '/graphql' && !url.startsWith('/graphql?')) return false;
    const { headers } = req;
    const type = headers['content-type'];
    if (type === undefined || !PLAIN_JSON.has(type.toLowerCase())) return false;
    const encoding = headers['content-encoding'];
    if ((encoding !== undefined && encoding.toLowerCase() !== 'identity') || headers['transfer-encoding'] !== undefined) return false;
    const length = headers['content-length'];
    if (length === undefined || !/^\d+$/.test(length) || Number(length) > MAX_BODY_BYTES) return false;

    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', () => res.destroy());
    req.on('end', () => {
      const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString('utf8');
      const query = url.indexOf('?');
      answer(req, res, text, query < 0 ? '' : url.slice(query))
        .then(async (a) => {
          for (const [key, value] of a.headers) res.setHeader(key, value);
          res.statusCode = a.status;
          if (typeof a.body === 'string') {
            res.setHeader('content-length', Buffer.byteLength(a.body));
            res.end(a.body);
            return;
          }
          for await (const chunk of a.body) res.write(chunk);
          res.end();
        })
        .catch(() => res.destroy());
    });
    return true;
  };
}

/** Largest request body accepted; larger ones are refused with 413 before they are parsed. */
export const MAX_BODY = '1mb';

/** The error body every refusal uses, the same shape Apollo gives to the errors it finds itself. */
export function sendGraphQLError(res: express.Response, status: number, code: string, message: string): void {
  res.status(status).type('application/json').send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * Checks what Apollo does not, before any parsing: the body is one JSON object (not null, a string, a
 * number or a batch), the query is within the token limit, and its text holds no NUL or lone surrogate.
 */
export function guardRequest(maxTokens: number): express.RequestHandler {
  return (req, res, next) => {
    const jsonPost = req.method === 'POST' && Boolean(req.is('application/json'));
    const problem = requestProblem(jsonPost, req.body, req.method === 'GET' ? req.query : req.body, maxTokens);
    if (problem) return sendGraphQLError(res, ...problem);
    next();
  };
}

/**
 * Why a request is refused before any GraphQL work (status, code, message), or null. `body` is the
 * parsed body, checked when the request is a JSON POST; `params` hold the query (the body, or GET's query string).
 */
function requestProblem(jsonPost: boolean, body: unknown, params: unknown, maxTokens: number): [number, string, string] | null {
  if (jsonPost) {
    if (Array.isArray(body)) return [400, 'BAD_REQUEST', 'Batched operations are not supported: send one JSON object'];
    if (body === null || typeof body !== 'object') return [400, 'BAD_REQUEST', 'The request body must be a JSON object'];
  }
  const query = params && typeof params === 'object' ? (params as { query?: unknown }).query : undefined;
  if (typeof query === 'string') {
    if (hasUnsafeCharacter(query)) return [400, QueryLimitCode.BAD_USER_INPUT, UNSAFE_CHARACTER_MESSAGE];
    const tokens = countTokens(query, maxTokens);
    if (tokens !== null && tokens > maxTokens) return [400, QueryLimitCode.TOO_MANY_TOKENS, `Token limit of ${maxTokens} exceeded`];
  }
  return null;
}

/** body-parser's failures (malformed JSON, too large, unknown charset) as GraphQL errors, never HTML. */
function answerBodyErrors(err: unknown, _req: express.Request, res: express.Response, next: express.NextFunction): void {
  if (res.headersSent) return next(err);
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.too.large') return sendGraphQLError(res, 413, 'PAYLOAD_TOO_LARGE', `The request body is larger than ${MAX_BODY}`);
  if (type === 'entity.parse.failed') return sendGraphQLError(res, 400, 'BAD_REQUEST', 'The request body is not valid JSON');
  if (type === 'charset.unsupported' || type === 'encoding.unsupported') return sendGraphQLError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'Unsupported charset or content encoding');
  const status = (err as { status?: number } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) return sendGraphQLError(res, status, 'BAD_REQUEST', 'The request could not be read');
  sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error');
}

export interface RunningServer {
  url: string;
  port: number;
  /** A subgraph's /graphql answered without HTTP, for a gateway in the same process. */
  local?: LocalGraphQLHandler;
  stop(): Promise<void>;
}

/** Serves `app` (an express app, or any request listener) on host:port; `onStop` runs before the listener closes. */
export async function listen(app: http.RequestListener, host: string, port: number, onStop: () => Promise<void> = async () => undefined): Promise<RunningServer> {
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
