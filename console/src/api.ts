// The console's only way to data: the public GraphQL endpoint with the signed-in user's token.
export interface ApiError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string; [key: string]: unknown };
}

export interface ApiResult<T> {
  data: T | null;
  errors: ApiError[];
}

/** Raised when the API no longer accepts the token (HTTP 401): the console signs out. */
export class SignedOutError extends Error {}

export const GRAPHQL_URL = '/graphql';

let onSignedOut: (message: string) => void = () => undefined;
export function whenSignedOut(handler: (message: string) => void): void {
  onSignedOut = handler;
}

export async function gql<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<ApiResult<T>> {
  const res = await fetch(GRAPHQL_URL, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json().catch(() => ({}))) as { data?: T | null; errors?: ApiError[] };
  if (res.status === 401) {
    const message = body.errors?.[0]?.message ?? 'The API refused the token';
    onSignedOut(message);
    throw new SignedOutError(message);
  }
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** Every error message, deduplicated, as the API worded it. */
export function errorText(errors: ApiError[]): string {
  return [...new Set(errors.map((e) => (e.extensions?.code ? `${e.message} (${e.extensions.code})` : e.message)))].join('; ');
}

/** A fresh idempotency key per user action, so a retried click never applies twice. */
export function idempotencyKey(prefix: string): string {
  return `console-${prefix}-${crypto.randomUUID()}`;
}
