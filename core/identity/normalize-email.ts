import { normalizeText } from './normalize-text';

export interface NormalizedEmail {
  normalized: string;
  local: string;
  domain: string;
}

/** Providers that ignore dots in the local part, so j.doe@gmail.com and jdoe@gmail.com are one mailbox. */
const DOT_INSENSITIVE_DOMAINS = new Set(['gmail.com', 'googlemail.com']);
const DOMAIN_ALIASES: Record<string, string> = { 'googlemail.com': 'gmail.com' };

const LOCAL_PART = /^[a-z0-9!#$%&'*+/=?^_`{|}~.-]+$/;
const DOMAIN_PART = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/;

/**
 * The address inside the forms real exports carry: `"Jay Jones" <jjones@fmail.com>`,
 * `Jay Jones <jjones@fmail.com>`, `<jjones@fmail.com>`, `mailto:jjones@fmail.com`. Anything else is
 * returned trimmed, as it was.
 */
export function extractEmailAddress(value: string): string {
  const trimmed = value.trim();
  const named = /^(?:"[^"]*"|[^<>"]*)\s*<\s*([^<>\s]+)\s*>$/.exec(trimmed);
  const address = named ? named[1] : trimmed;
  return address.replace(/^mailto:/i, '');
}

/**
 * Canonical mailbox form: lower case, plus-addressing tag dropped, gmail dots removed.
 * Returns null when the value is not a plausible address (callers treat that as "no email").
 */
export function normalizeEmail(value: string | null | undefined): NormalizedEmail | null {
  if (value == null) return null;
  const trimmed = extractEmailAddress(value).toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1) return null;
  let local = trimmed.slice(0, at);
  let domain = trimmed.slice(at + 1).replace(/\.$/, '');
  if (!LOCAL_PART.test(local) || !DOMAIN_PART.test(domain)) return null;
  domain = DOMAIN_ALIASES[domain] ?? domain;
  const plus = local.indexOf('+');
  if (plus === 0) return null;
  if (plus > 0) local = local.slice(0, plus);
  if (DOT_INSENSITIVE_DOMAINS.has(domain)) local = local.replace(/\./g, '');
  if (local.length === 0 || local.startsWith('.') || local.endsWith('.')) return null;
  return { normalized: `${local}@${domain}`, local, domain };
}

/** Local part reduced to letters and digits, for fuzzy comparison ("j.doe" ~ "j_doe"). */
export function normalizeEmailLocal(local: string): string {
  return normalizeText(local).replace(/ /g, '');
}
