// Expected failures carry a stable code; the GraphQL edge maps each code to extensions.code in one place.

export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  SYSTEM_NOT_AUTHORITATIVE = 'SYSTEM_NOT_AUTHORITATIVE',
  REFERENCE_NOT_FOUND = 'REFERENCE_NOT_FOUND',
  CONFLICT = 'CONFLICT',
  EXTERNAL_ID_CONFLICT = 'EXTERNAL_ID_CONFLICT',
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  IDEMPOTENCY_IN_PROGRESS = 'IDEMPOTENCY_IN_PROGRESS',
  MERGE_BLOCKED = 'MERGE_BLOCKED',
  INVALID_STATE = 'INVALID_STATE',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
}

export interface FieldProblem {
  field: string;
  message: string;
}

export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    message: string,
    /** Machine-readable context. Never put a personal value here: it is returned to the caller. */
    public readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function invalidInput(problems: FieldProblem[]): DomainError {
  return new DomainError(
    ErrorCode.BAD_USER_INPUT,
    `Invalid input: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`,
    { problems },
  );
}
