// The one mapping from failures to GraphQL errors: domain codes become extensions.code; anything
// unexpected is logged with the request id and returned as a generic message (no stack, SQL or data).
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';
import { DomainError, ErrorCode } from '../../core/errors/domain-error';
import type { Logger } from '../../platform/logger';
import { QueryLimitCode } from './query-limits';

const CODE_TO_HTTP: Record<ErrorCode, number> = {
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.SYSTEM_NOT_AUTHORITATIVE]: 403,
  [ErrorCode.REFERENCE_NOT_FOUND]: 400,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.EXTERNAL_ID_CONFLICT]: 409,
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: 422,
  [ErrorCode.IDEMPOTENCY_IN_PROGRESS]: 409,
  [ErrorCode.MERGE_BLOCKED]: 409,
  [ErrorCode.INVALID_STATE]: 409,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
};

/** Codes produced by graphql-js / Apollo itself that are safe to pass through unchanged. */
const PASS_THROUGH = new Set([
  'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED', 'BAD_USER_INPUT', 'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED', 'OPERATION_RESOLUTION_FAILURE', 'BAD_REQUEST', 'UNAUTHENTICATED', 'FORBIDDEN',
  'PAYLOAD_TOO_LARGE', ...Object.values(QueryLimitCode),
]);

/**
 * Apollo reports every validation error as GRAPHQL_VALIDATION_FAILED; a query limit that refused the
 * operation during validation set its own code (QUERY_TOO_DEEP, …) on the error Apollo wrapped.
 */
function limitCodeOf(error: unknown): string | undefined {
  const inner = error instanceof GraphQLError ? error.originalError : undefined;
  const code = inner instanceof GraphQLError ? inner.extensions?.code : undefined;
  return typeof code === 'string' && (Object.values(QueryLimitCode) as string[]).includes(code) ? code : undefined;
}

/**
 * graphql-js quotes the offending input in coercion and validation messages ("Variable "$i" got invalid
 * value { nationalId: … }", "String cannot represent a non string value: 7"): a personal value sent by
 * mistake would be echoed back and logged. Keep the path and the reason, drop the value.
 */
export function redactInputValues(message: string): string {
  const variable = /^(Variable "\$\w+" got invalid value) [\s\S]*?((?: at "[^"]*")?; [\s\S]*)$/.exec(message);
  const out = variable ? `${variable[1]}${variable[2]}` : message;
  return out.replace(/(value|found|got): (?:[^;]|;(?! ))*$/i, '$1');
}

export function httpStatusOf(code: ErrorCode): number {
  return CODE_TO_HTTP[code];
}

export function createErrorFormatter(logger: Logger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof DomainError) {
      return {
        message: original.message,
        locations: formatted.locations,
        path: formatted.path,
        extensions: { code: original.code, ...original.details },
      };
    }
    const code = limitCodeOf(error) ?? formatted.extensions?.code;
    if (typeof code === 'string' && (PASS_THROUGH.has(code) || code in CODE_TO_HTTP)) {
      const { stacktrace: _s, ...extensions } = formatted.extensions ?? {};
      return { ...formatted, message: redactInputValues(formatted.message), extensions: { ...extensions, code } };
    }
    const requestId = error instanceof GraphQLError ? (error.extensions?.requestId as string | undefined) : undefined;
    logger.error({ err: original, path: formatted.path, requestId }, 'unexpected error while resolving');
    return {
      message: 'Internal server error',
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}
