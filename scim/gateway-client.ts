// SCIM reads and writes go through the gateway's own GraphQL API with the caller's token, so a SCIM
// client sees exactly what its role may see there and writes through the same pipeline, policy and
// audit as any GraphQL client.
import { ScimError } from './scim-error';

export interface GraphQLCaller {
  request<T>(query: string, variables?: Record<string, unknown>): Promise<T>;
}

export function graphqlCaller(url: string, headers: Record<string, string>): GraphQLCaller {
  return {
    async request<T>(query: string, variables: Record<string, unknown> = {}) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json().catch(() => ({}))) as { data?: T; errors?: Array<{ message: string; extensions?: { code?: string } }> };
      const err = body.errors?.[0];
      if (err) throw fromGraphQLError(err.extensions?.code, err.message);
      if (!body.data) throw new ScimError(502, 'The API gave no answer');
      return body.data;
    },
  };
}

function fromGraphQLError(code: string | undefined, message: string): ScimError {
  switch (code) {
    case 'UNAUTHENTICATED': return new ScimError(401, message);
    case 'FORBIDDEN': return new ScimError(403, message);
    case 'NOT_FOUND': return new ScimError(404, message);
    case 'BAD_USER_INPUT': return new ScimError(400, message, 'invalidValue');
    case 'CONFLICT': case 'EXTERNAL_ID_CONFLICT': case 'IDEMPOTENCY_KEY_REUSED': case 'IDEMPOTENCY_IN_PROGRESS': return new ScimError(409, message, 'uniqueness');
    case 'SYSTEM_NOT_AUTHORITATIVE': return new ScimError(403, message);
    default: return new ScimError(500, 'Internal server error');
  }
}
