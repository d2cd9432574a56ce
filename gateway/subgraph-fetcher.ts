// How the gateway calls its subgraphs: node:http(s) requests over a kept-alive agent, answered with a
// fully buffered response. Node's fetch (undici) costs about 200 µs of CPU per call on its streams,
// Request/Response and Headers objects; a plain request on a pooled socket costs a fifth of that, and
// a read through the gateway makes one call per subgraph it touches. A subgraph in the gateway's own
// process (the embedded stack) is called without HTTP at all, through its LocalGraphQLHandler.
import http from 'node:http';
import https from 'node:https';
import type { Fetcher, FetcherHeaders, FetcherRequestInit, FetcherResponse } from '@apollo/utils.fetcher';
import type { LocalGraphQLHandler } from '../subgraphs/shared/graphql-http';

/** Response headers as node:http parsed them (names lower-cased), read through the fetch Headers API. */
class ResponseHeaders implements FetcherHeaders {
  private readonly map: Map<string, string>;
  constructor(raw: http.IncomingHttpHeaders | Map<string, string>) {
    if (raw instanceof Map) {
      this.map = raw;
      return;
    }
    this.map = new Map();
    for (const [name, value] of Object.entries(raw)) {
      if (value !== undefined) this.map.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
  }
  append(name: string, value: string): void {
    const key = name.toLowerCase();
    const old = this.map.get(key);
    this.map.set(key, old === undefined ? value : `${old}, ${value}`);
  }
  delete(name: string): void { this.map.delete(name.toLowerCase()); }
  get(name: string): string | null { return this.map.get(name.toLowerCase()) ?? null; }
  has(name: string): boolean { return this.map.has(name.toLowerCase()); }
  set(name: string, value: string): void { this.map.set(name.toLowerCase(), value); }
  entries(): IterableIterator<[string, string]> { return this.map.entries(); }
  keys(): IterableIterator<string> { return this.map.keys(); }
  values(): IterableIterator<string> { return this.map.values(); }
  [Symbol.iterator](): IterableIterator<[string, string]> { return this.map.entries(); }
}

class BufferedResponse implements FetcherResponse {
  bodyUsed = false;
  readonly redirected = false;
  constructor(
    readonly url: string,
    readonly status: number,
    readonly statusText: string,
    readonly headers: FetcherHeaders,
    private readonly body: Buffer,
  ) {}
  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }
  async text(): Promise<string> {
    this.bodyUsed = true;
    return this.body.toString('utf8');
  }
  async json(): Promise<unknown> {
    return JSON.parse(await this.text());
  }
  async arrayBuffer(): Promise<ArrayBuffer> {
    this.bodyUsed = true;
    return this.body.buffer.slice(this.body.byteOffset, this.body.byteOffset + this.body.byteLength) as ArrayBuffer;
  }
  clone(): FetcherResponse {
    return new BufferedResponse(this.url, this.status, this.statusText, this.headers, this.body);
  }
}

export interface SubgraphFetcher {
  fetch: Fetcher;
  /** Closes the pooled sockets (when the gateway stops). */
  close(): void;
}

/**
 * One agent per protocol for all subgraphs. Idle sockets are closed before the server's keep-alive
 * timeout (Node's agent follows the `Keep-Alive: timeout=` hint), so a pooled socket is not reused
 * just as the subgraph closes it.
 */
export function createSubgraphFetcher(local: ReadonlyMap<string, LocalGraphQLHandler> = new Map()): SubgraphFetcher {
  const agents = {
    'http:': new http.Agent({ keepAlive: true, scheduling: 'lifo' }),
    'https:': new https.Agent({ keepAlive: true, scheduling: 'lifo' }),
  };
  const urls = new Map<string, URL>();
  const overHttp = (url: string, init: FetcherRequestInit): Promise<FetcherResponse> => {
    let target = urls.get(url);
    if (!target) urls.set(url, (target = new URL(url)));
    const protocol = target.protocol as keyof typeof agents;
    const agent = agents[protocol];
    if (!agent) return Promise.reject(new Error(`Unsupported subgraph URL protocol: ${target.protocol}`));
    const body = init.body ?? '';
    const headers: Record<string, string | number> = { ...init.headers, 'content-length': Buffer.byteLength(body) };
    const request = protocol === 'https:' ? https.request : http.request;
    return new Promise<FetcherResponse>((resolve, reject) => {
      const req = request(target, { method: init.method ?? 'GET', headers, agent, signal: init.signal }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          resolve(new BufferedResponse(url, res.statusCode ?? 0, res.statusMessage ?? '', new ResponseHeaders(res.headers), chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)));
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  };
  const fetcher = async (url: string, init: FetcherRequestInit = {}): Promise<FetcherResponse> => {
    const handler = local.get(url);
    if (handler && init.method === 'POST' && typeof init.body === 'string') {
      // Header names as node:http would hand them to the subgraph.
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value;
      const answer = await handler(headers, init.body);
      if (answer) return new BufferedResponse(url, answer.status, http.STATUS_CODES[answer.status] ?? '', new ResponseHeaders(answer.headers), Buffer.from(answer.body, 'utf8'));
    }
    return overHttp(url, init);
  };
  return {
    fetch: fetcher,
    close: () => {
      agents['http:'].destroy();
      agents['https:'].destroy();
    },
  };
}
