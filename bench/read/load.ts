// A closed-loop load generator: `concurrency` workers each send the next request as soon as their last
// one answered, until `requests` have been sent or the time limit is reached. Latency is measured per
// request from send to fully read body.

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

  const worker = async () => {
    for (;;) {
      if (next >= options.requests) return;
      if (performance.now() > deadline) {
        timedOut = true;
        return;
      }
      const i = next++;
      const t0 = performance.now();
      const problem = await send(options, i);
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
  return { latencies, completed: latencies.length + failed, failed, firstFailure, elapsedMs: performance.now() - started, timedOut };
}

/** Posts request number i; returns a description of what went wrong, or undefined. */
async function send(options: LoadOptions, i: number): Promise<string | undefined> {
  try {
    const res = await fetch(options.url, {
      method: 'POST',
      headers: { ...(typeof options.headers === 'function' ? options.headers(i) : options.headers), 'content-type': 'application/json' },
      body: JSON.stringify(options.body(i)),
      signal: AbortSignal.timeout(10_000),
    });
    const text = await res.text();
    if (res.status !== 200) return `HTTP ${res.status}: ${text.slice(0, 200)}`;
    const json = JSON.parse(text) as { data?: unknown; errors?: Array<{ message: string }> };
    if (json.errors?.length) return `GraphQL error: ${json.errors[0].message}`;
    if (!json.data) return 'response without data';
    return options.onData?.(json.data, i);
  } catch (err) {
    return (err as Error).message;
  }
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}
