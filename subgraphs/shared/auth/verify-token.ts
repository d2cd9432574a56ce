// Bearer-token verification, the same in every subgraph and at the gateway: signature (HS256 secret or
// the identity provider's JWKS), issuer, audience and expiry. A request without a valid token fails as
// a whole with UNAUTHENTICATED and HTTP 401, before any resolver (including _service and _entities) runs.
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { GraphQLError } from 'graphql';
import type { AuthConfig } from '../../../platform/config';
import { resolveScopes, resolveWriteBinding, type WriteBinding } from '../../../core/privacy/scopes';
import { BoundedCache } from '../../../core/text/memo';

export interface Principal {
  /** The token's subject: a user id or a system client id; written to audit as the actor. */
  id: string;
  /** The one source system this caller writes as (CRM, ATS, HRIS): its `system` claim, else its role's binding. */
  system?: string;
  /** What writes this caller may make as a source system (see resolveWriteBinding). */
  writeBinding: WriteBinding;
  /** Every scope the caller holds: those of its roles plus those granted directly. */
  scopes: string[];
  roles: string[];
  purpose?: string;
  regions?: string[];
}

export type TokenVerifier = (authorization: string | undefined) => Promise<Principal>;

/** The error of a request without a valid token. The message names the reason, never the token. */
export function unauthenticated(reason: string): GraphQLError {
  // Apollo Server reads `http.headers` as a Map; other GraphQL servers' type augmentations declare a
  // plain record for the same extension, hence the cast.
  const headers = new Map([['www-authenticate', 'Bearer']]) as unknown as Record<string, string>;
  return new GraphQLError(reason, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers } } });
}

function stringList(value: unknown): string[] {
  if (typeof value === 'string') return value.split(/[\s,]+/).filter(Boolean);
  if (Array.isArray(value)) return value.filter((v): v is string => typeof v === 'string');
  return [];
}

/** Claims: `sub`, `roles` (list), `scope` (space-separated, OAuth style) or `scopes` (list), `purpose`, `regions`, `system`. */
export function principalOf(payload: JWTPayload): Principal {
  if (typeof payload.sub !== 'string' || payload.sub === '') throw unauthenticated('Token has no subject');
  const roles = stringList(payload.roles);
  const direct = [...stringList(payload.scope), ...stringList(payload.scopes)];
  const claim = typeof payload.system === 'string' && payload.system ? payload.system.toUpperCase() : undefined;
  let writeBinding: WriteBinding;
  try {
    writeBinding = resolveWriteBinding(roles, claim);
  } catch (err) {
    throw unauthenticated((err as Error).message);
  }
  const principal: Principal = { id: payload.sub, roles, scopes: resolveScopes(roles, direct), writeBinding };
  if (writeBinding.kind === 'system') principal.system = writeBinding.system;
  if (typeof payload.purpose === 'string' && payload.purpose) principal.purpose = payload.purpose;
  const regions = stringList(payload.regions);
  if (regions.length) principal.regions = regions;
  return principal;
}

const CLOCK_TOLERANCE_SECONDS = 60;

/** Verified tokens kept per process, so the gateway and each subgraph check a token's signature once, not per request. */
const VERIFIED_CACHE_SIZE = 10_000;

export function createTokenVerifier(auth: AuthConfig, now: () => number = Date.now): TokenVerifier {
  const key = auth.key.kind === 'jwks' ? createRemoteJWKSet(new URL(auth.key.url)) : new TextEncoder().encode(auth.key.secret);
  const algorithms = auth.key.kind === 'jwks' ? ['RS256', 'PS256', 'ES256', 'EdDSA'] : ['HS256'];
  // Keyed by the whole token: a cached answer is the answer verification gave for exactly those bytes,
  // kept no longer than the token may be accepted (its exp, and the lifetime cap counted from iat).
  const verified = new BoundedCache<{ principal: Principal; until: number }>(VERIFIED_CACHE_SIZE);
  return async (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw unauthenticated(authorization ? 'Authorization header must be "Bearer <token>"' : 'Missing bearer token');
    const cached = verified.get(match[1]!);
    if (cached && cached.until > now()) return cached.principal;
    if (cached) verified.delete(match[1]!);
    try {
      const { payload } = await jwtVerify(match[1]!, key as Parameters<typeof jwtVerify>[1], {
        issuer: auth.issuer,
        audience: auth.audience,
        algorithms,
        requiredClaims: ['exp', 'iat', 'sub'],
        // Refuses an `iat` in the future (beyond the clock tolerance) and a token older than the cap.
        maxTokenAge: auth.maxLifetimeSeconds,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: new Date(now()),
      });
      // A ten-year `exp` is refused outright, not only once the token has aged past the cap.
      if ((payload.exp as number) - (payload.iat as number) > auth.maxLifetimeSeconds + CLOCK_TOLERANCE_SECONDS) {
        throw unauthenticated(`Token lifetime exceeds ${auth.maxLifetimeSeconds} seconds`);
      }
      const principal = principalOf(payload);
      const until = Math.min((payload.exp as number) * 1000, ((payload.iat as number) + auth.maxLifetimeSeconds) * 1000);
      verified.set(match[1]!, { principal, until });
      return principal;
    } catch (err) {
      if (err instanceof GraphQLError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw unauthenticated('Token expired');
      if (err instanceof joseErrors.JWTClaimValidationFailed) throw unauthenticated(`Token claim "${err.claim}" is not accepted`);
      throw unauthenticated('Invalid token');
    }
  };
}
