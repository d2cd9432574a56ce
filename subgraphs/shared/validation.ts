// Input validation at the service boundary: zod schemas whose failures become BAD_USER_INPUT with
// one problem per field. Messages name the field and the rule, never the rejected value.
import { z } from 'zod';
import { invalidInput } from '../../core/errors/domain-error';
import { sanitizeInputStrings } from '../../core/text/sanitize-input-text';

/** Every mutation's input passes here: text is normalised (NFC, no bidi overrides or zero-width characters) before any rule sees it. */
export function validate<S extends z.ZodTypeAny>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(sanitizeInputStrings(input));
  if (!result.success) {
    throw invalidInput(result.error.issues.map((i) => ({ field: i.path.join('.') || '(input)', message: i.message })));
  }
  return result.data;
}

export const externalIdSchema = z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters');
export const nameSchema = z.string().trim().min(1, 'must not be empty').max(300, 'must be at most 300 characters');
export const optionalText = z.string().trim().max(300, 'must be at most 300 characters').nullish();
export const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "DE"').nullish();
export const currencyCode = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "EUR"').nullish();
export const uuid = z.string().uuid('must be a UUID');
