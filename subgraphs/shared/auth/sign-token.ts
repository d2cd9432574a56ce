// Signs tokens with a configured HS256 secret: `peoplegraph token` for local use and the tests. With a
// JWKS configuration tokens come from the identity provider instead.
import { SignJWT } from 'jose';
import type { AuthConfig } from '../../../platform/config';
import { SYSTEM_CLIENT_ROLES, type Role } from '../../../core/privacy/scopes';

export interface TokenRequest {
  roles: string[];
  sub?: string;
  /** Lifetime in seconds (default one hour); negative for an already expired token. */
  ttlSeconds?: number;
  system?: string;
  purpose?: string;
  regions?: string[];
  scopes?: string[];
  /** Overrides for tests of rejected tokens. */
  audience?: string;
  issuer?: string;
  secret?: string;
}

export async function signToken(auth: AuthConfig, req: TokenRequest, now = Math.floor(Date.now() / 1000)): Promise<string> {
  const secret = req.secret ?? (auth.key.kind === 'secret' ? auth.key.secret : undefined);
  if (!secret) throw new Error('Tokens can only be signed here with an HS256 secret; with JWKS, ask the identity provider');
  // A system client's token names the system it writes as, unless the request says otherwise.
  const system = req.system ?? req.roles.map((r) => SYSTEM_CLIENT_ROLES[r as Role]).find(Boolean);
  const claims: Record<string, unknown> = { roles: req.roles };
  if (system) claims.system = system;
  if (req.purpose) claims.purpose = req.purpose;
  if (req.regions?.length) claims.regions = req.regions;
  if (req.scopes?.length) claims.scope = req.scopes.join(' ');
  const ttl = req.ttlSeconds ?? 3600;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(req.sub ?? (system ? `${system.toLowerCase()}-client` : `${req.roles[0] ?? 'user'}-user`))
    .setIssuer(req.issuer ?? auth.issuer)
    .setAudience(req.audience ?? auth.audience)
    .setIssuedAt(Math.min(now, now + ttl - 60))
    .setExpirationTime(now + ttl)
    .sign(new TextEncoder().encode(secret));
}
