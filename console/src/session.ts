// The signed-in user's bearer token, kept for this browser tab only, and what its roles allow. The
// console hides actions the token cannot take; the API decides regardless.
import { resolveScopes, resolveWriteBinding, SCOPES, WRITE_SYSTEMS } from '../../core/privacy/scopes';

const STORAGE_KEY = 'peoplegraph.console.session';

export type SignInMethod = 'development' | 'oidc' | 'pasted';

export interface Session {
  token: string;
  method: SignInMethod;
  subject: string;
  roles: string[];
  scopes: Set<string>;
  /** Seconds since the epoch; null when the token has no exp (the API refuses it anyway). */
  expiresAt: number | null;
  /** The token's `system` claim, which binds its writes to one source system. */
  system: string | undefined;
}

export interface Abilities {
  review: boolean;
  merge: boolean;
  link: boolean;
  /** Systems whose external ids this token may link and unlink. */
  linkSystems: string[];
  override: boolean;
  erase: boolean;
  audit: boolean;
  provenance: boolean;
}

function decodeClaims(token: string): Record<string, unknown> {
  const part = token.split('.')[1];
  if (!part) throw new Error('This is not a JWT (expected three dot-separated parts)');
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(json, (c) => c.charCodeAt(0)))) as Record<string, unknown>;
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** Reads the claims for display and for hiding actions; the signature is the API's to check. */
export function sessionOf(token: string, method: SignInMethod): Session {
  const claims = decodeClaims(token.trim());
  const roles = stringList(claims.roles);
  const scopes = new Set<string>(resolveScopes(roles, [...stringList(claims.scope), ...stringList(claims.scopes)]));
  return {
    token: token.trim(),
    method,
    subject: typeof claims.sub === 'string' ? claims.sub : 'unknown',
    roles,
    scopes,
    expiresAt: typeof claims.exp === 'number' ? claims.exp : null,
    system: typeof claims.system === 'string' && claims.system ? claims.system.toUpperCase() : undefined,
  };
}

export function abilitiesOf(session: Session): Abilities {
  const has = (s: string) => session.scopes.has(s);
  const linkSystems = has(SCOPES.IDENTITY_LINK) ? linkableSystems(session, has(SCOPES.IDENTITY_MERGE)) : [];
  return {
    review: has(SCOPES.IDENTITY_REVIEW),
    merge: has(SCOPES.IDENTITY_MERGE),
    link: linkSystems.length > 0,
    linkSystems,
    // overridePersonAttribute is a steward's correction: the same grant as merge.
    override: has(SCOPES.IDENTITY_MERGE),
    erase: has(SCOPES.PRIVACY_MANAGE),
    audit: has(SCOPES.AUDIT_READ),
    provenance: has(SCOPES.PROVENANCE_READ),
  };
}

/** Stewards curate every system's crosswalk; anyone else links only as the system the token writes as. */
function linkableSystems(session: Session, steward: boolean): string[] {
  if (steward) return [...WRITE_SYSTEMS];
  try {
    const binding = resolveWriteBinding(session.roles, session.system);
    return binding.kind === 'any' ? [...WRITE_SYSTEMS] : binding.kind === 'system' ? [binding.system] : [];
  } catch {
    return [];
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ token: session.token, method: session.method }));
}

export function loadSession(): Session | null {
  try {
    const raw = sessionStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const { token, method } = JSON.parse(raw) as { token: string; method: SignInMethod };
    const session = sessionOf(token, method);
    if (session.expiresAt !== null && session.expiresAt * 1000 <= Date.now()) return null;
    return session;
  } catch {
    return null;
  }
}

export function clearSession(): void {
  sessionStorage.removeItem(STORAGE_KEY);
}
