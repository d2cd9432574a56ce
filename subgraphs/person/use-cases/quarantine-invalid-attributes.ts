// Lossless intake: a record is refused only when nothing in it identifies anyone. An attribute that
// fails validation is taken out of the record (so matching and survivorship never see it) and kept on
// the source record under `attributes.invalid` with its raw value and the reason, a data-quality flag
// stewards see on the source record. Legal identifiers are never kept raw.
import type { z } from 'zod';

export interface FlaggedAttribute {
  attribute: string;
  /** The raw value as sent; null for a legal identifier (never stored in plain text). */
  value: string | null;
  reason: string;
}

const NEVER_RAW = new Set(['nationalId', 'passport']);

/**
 * The request without its invalid attributes, and what was flagged; null when a problem is not an
 * attribute's value (the system, source id or timestamp, an unknown attribute name), which still refuses the row.
 */
export function quarantineInvalidAttributes<T extends { attributes: Record<string, unknown> }>(request: T, issues: readonly z.core.$ZodIssue[]): { request: T; flagged: FlaggedAttribute[] } | null {
  const byAttribute = new Map<string, string>();
  for (const issue of issues) {
    const [head, attribute] = issue.path;
    if (head !== 'attributes' || typeof attribute !== 'string' || issue.path.length < 2 || attribute === 'invalid') return null;
    if (!byAttribute.has(attribute)) byAttribute.set(attribute, issue.message);
  }
  if (byAttribute.size === 0) return null;
  const attributes: Record<string, unknown> = { ...request.attributes };
  const flagged: FlaggedAttribute[] = [];
  for (const [attribute, reason] of byAttribute) {
    const raw = attributes[attribute];
    delete attributes[attribute];
    flagged.push({ attribute, value: NEVER_RAW.has(attribute) || raw == null ? null : String(raw), reason });
  }
  attributes.invalid = Object.fromEntries(flagged.map((f) => [f.attribute, { value: f.value, reason: f.reason }]));
  return { request: { ...request, attributes }, flagged };
}

/**
 * Parses a request the way a file import takes it in: as it is when valid; else with its invalid
 * attributes flagged and taken out, when that makes it valid; else the original failure.
 */
export function parseLosslessly<S extends z.ZodType, T extends { attributes: Record<string, unknown> }>(schema: S, request: T): { parsed: z.ZodSafeParseResult<z.output<S>>; flagged: FlaggedAttribute[]; request: T } {
  const parsed = schema.safeParse(request);
  if (parsed.success) return { parsed, flagged: [], request };
  const quarantined = quarantineInvalidAttributes(request, parsed.error.issues);
  if (!quarantined) return { parsed, flagged: [], request };
  const retried = schema.safeParse(quarantined.request);
  return retried.success ? { parsed: retried, flagged: quarantined.flagged, request: quarantined.request } : { parsed, flagged: [], request };
}
