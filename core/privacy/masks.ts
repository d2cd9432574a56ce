// Masks turn a personal value into a shape that is still useful (to recognise, to deduplicate by eye,
// to check a format) without disclosing the value. Each is total: any input gives a string or null.

const STARS = '***';

/** `jane.doe@example.com` → `j***@e***.com`: first letter of the local part and of the domain, and the top-level domain. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return STARS;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local[0]}${STARS}@${domain[0] ?? ''}${STARS}${tld}`;
}

/** `+14155551234` → `***-***-1234`: the last four digits only. */
export function maskPhone(value: string): string {
  const digits = value.replace(/\D/g, '');
  return `${STARS}-${STARS}-${digits.slice(-4)}`;
}

/** A birth date → its year alone (`1985-09-03` → `1985`). */
export function maskBirthYear(value: Date | string): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : String(value.getUTCFullYear());
  const m = /^(\d{4})/.exec(value);
  return m ? m[1]! : null;
}

/** An identifier (national id, employee number) → its last four characters (`E1001234` → `***1234`). */
export function maskLast4(value: string): string {
  const compact = value.replace(/[\s-]/g, '');
  // Short identifiers would be disclosed whole by "last 4": show only their last character.
  return compact.length > 6 ? `${STARS}${compact.slice(-4)}` : `${STARS}${compact.slice(-1)}`;
}

/** `Jane Mary Doe` → `J. M. D.` */
export function maskInitials(value: string): string | null {
  const parts = value.trim().split(/[\s-]+/).filter(Boolean);
  return parts.length ? parts.map((p) => `${[...p][0]!.toUpperCase()}.`).join(' ') : null;
}

export const MASKS = {
  email: maskEmail,
  phone: maskPhone,
  birthYear: maskBirthYear,
  last4: maskLast4,
  initials: maskInitials,
} as const;

export type MaskName = keyof typeof MASKS;

/** Applies a mask to a resolved value: element-wise to lists, null stays null. */
export function applyMask(mask: MaskName, value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (Array.isArray(value)) return value.map((v) => applyMask(mask, v)).filter((v) => v !== null);
  const fn = MASKS[mask] as (v: never) => string | null;
  if (typeof value === 'string' || value instanceof Date) return fn(value as never);
  // A value of an unexpected shape is not shown rather than shown unmasked.
  return null;
}
