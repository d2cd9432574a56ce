// A closed-loop load generator: `concurrency` workers each send the next request as soon as their last
// one answered, until `requests` have been sent or the time limit is reached. Latency is measured per
// request from send to fully read body. Requests go out with Node's fetch, or with node:http over a
// kept-alive agent (`client: 'http'`), which costs the process a fifth of fetch's CPU per request: the
// choice for a benchmark whose servers share the load generator's process.
import http from 'node:http';

export interface LoadOptions {
  url: string;
  /** The JSON body of request number i (so callers can vary ids). */
  body(i: number): unknown;
  requests: number;
  concurrency: number;
  timeLimitMs: number;
  /** Extra request headers, e.g. the bearer token; a function gives the headers of request number i. */
  headers?: Record<string, string> | ((i: number) => Record<string, string>);
  /** Looks at the `data` of each successful response (request number i); a returned string marks it failed. */
  onData?(data: unknown, i: number): string | undefined;
  /** How requests are sent (default fetch). */
  client?: 'fetch' | 'http';
}

export interface LoadResult {
  /** Latencies in milliseconds of the requests that succeeded. */
  latencies: number[];
  completed: number;
  /** Non-200 responses, GraphQL errors and network failures. */
  failed: number;
  firstFailure?: string;
  elapsedMs: number;
  timedOut: boolean;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let failed = 0;
  let firstFailure: string | undefined;
  let timedOut = false;
  const started = performance.now();
  const deadline = started + options.timeLimitMs;
  const agent = options.client === 'http' ? new http.Agent({ keepAlive: true, maxSockets: options.concurrency }) : undefined;

  const worker = async () => {
    for (;;) {
      if (next >= options.requests) return;
      if (performance.now() > deadline) {
        timedOut = true;
        return;
      }
      const i = next++;
      const t0 = performance.now();
      const problem = await send(options, i, agent);
      const ms = performance.now() - t0;
      if (problem) {
        failed += 1;
        firstFailure ??= problem;
      } else {
        latencies.push(ms);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  agent?.destroy();
  return { latencies, completed: latencies.length + failed, failed, firstFailure, elapsedMs: performance.now() - started, timedOut };
}

/** Posts request number i; returns a description of what went wrong, or undefined. */
async function send(options: LoadOptions, i: number, agent: http.Agent | undefined): Promise<string | undefined> {
  try {
    const headers = { ...(typeof options.headers === 'function' ? options.headers(i) : options.headers), 'content-type': 'application/json' };
    const body = JSON.stringify(options.body(i));
    const { status, text } = agent ? await post(options.url, headers, body, agent) : await fetchText(options.url, headers, body);
    if (status !== 200) return `HTTP ${status}: ${text.slice(0, 200)}`;
    const json = JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string }> };
    if (json.errors?.length) return `GraphQL error: ${json.errors[0].message}`;
    if (!json.data) return 'response without data';
    return options.onData?.(json.data, i);
  } catch (err) {
    return (err as Error).message;
  }
}

async function fetchText(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) });
  return { status: res.status, text: await res.text() };
}

function post(url: string, headers: Record<string, string>, body: string, agent: http.Agent): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', agent, timeout: 10_000, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('timeout', () => req.destroy(new Error('request timed out after 10 s')));
    req.on('error', reject);
    req.end(body);
  });
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
