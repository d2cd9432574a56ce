// Bearer-token verification, the same in every subgraph and at the gateway: signature (HS256 secret or
// the identity provider's JWKS), issuer, audience and expiry. A request without a valid token fails as
// a whole with UNAUTHENTICATED and HTTP 401, before any resolver (including _service and _entities) runs.
import { createRemoteJWKSet, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { GraphQLError } from 'graphql';
import type { AuthConfig } from '../../../platform/config';
import { resolveScopes } from '../../../core/privacy/scopes';

export interface Principal {
  /** The token's subject: a user id or a system client id; written to audit as the actor. */
  id: string;
  /** For system clients, the source system they write as (CRM, ATS, HRIS). */
  system?: string;
  /** Every scope the caller holds: those of its roles plus those granted directly. */
  scopes: string[];
  roles: string[];
  purpose?: string;
  regions?: string[];
}

export type TokenVerifier = (authorization: string | undefined) => Promise<Principal>;

/** The error of a request without a valid token. The message names the reason, never the token. */
export function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(reason, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401, headers: new Map([['www-authenticate', 'Bearer']]) } } });
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
  const principal: Principal = { id: payload.sub, roles, scopes: resolveScopes(roles, direct) };
  if (typeof payload.system === 'string' && payload.system) principal.system = payload.system.toUpperCase();
  if (typeof payload.purpose === 'string' && payload.purpose) principal.purpose = payload.purpose;
  const regions = stringList(payload.regions);
  if (regions.length) principal.regions = regions;
  return principal;
}

export function createTokenVerifier(auth: AuthConfig): TokenVerifier {
  const key = auth.key.kind === 'jwks' ? createRemoteJWKSet(new URL(auth.key.url)) : new TextEncoder().encode(auth.key.secret);
  const algorithms = auth.key.kind === 'jwks' ? ['RS256', 'PS256', 'ES256', 'EdDSA'] : ['HS256'];
  return async (authorization) => {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) throw unauthenticated(authorization ? 'Authorization header must be "Bearer <token>"' : 'Missing bearer token');
    try {
      const { payload } = await jwtVerify(match[1]!, key as Parameters<typeof jwtVerify>[1], {
        issuer: auth.issuer,
        audience: auth.audience,
        algorithms,
        requiredClaims: ['exp', 'sub'],
      });
      return principalOf(payload);
    } catch (err) {
      if (err instanceof GraphQLError) throw err;
      if (err instanceof joseErrors.JWTExpired) throw unauthenticated('Token expired');
      if (err instanceof joseErrors.JWTClaimValidationFailed) throw unauthenticated(`Token claim "${err.claim}" is not accepted`);
      throw unauthenticated('Invalid token');
    }
  };
}
