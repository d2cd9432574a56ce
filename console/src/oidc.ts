// OpenID Connect sign-in for production: authorization code with PKCE (S256), a public client, the
// access token kept in this tab. The identity provider's access token is what the API verifies (JWKS).
import type { OidcSettings } from './settings';

const PENDING_KEY = 'peoplegraph.console.oidc';

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function randomString(): string {
  return base64url(crypto.getRandomValues(new Uint8Array(32)));
}

async function discover(issuer: string): Promise<Discovery> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`The identity provider's discovery document could not be read (HTTP ${res.status})`);
  return (await res.json()) as Discovery;
}

export const redirectUri = () => `${location.origin}/console/callback`;

/** The API's audience as a resource indicator (RFC 8707) when it is a URI, so the token is issued for it. */
function resourceOf(settings: OidcSettings): string | null {
  return /^[a-z][a-z0-9+.-]*:/i.test(settings.audience) ? settings.audience : null;
}

export async function startOidcSignIn(settings: OidcSettings): Promise<void> {
  const discovery = await discover(settings.issuer);
  const verifier = randomString();
  const state = randomString();
  const challenge = base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state, tokenEndpoint: discovery.token_endpoint }));
  const url = new URL(discovery.authorization_endpoint);
  const params: Record<string, string> = {
    response_type: 'code',
    client_id: settings.clientId,
    redirect_uri: redirectUri(),
    scope: settings.scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  };
  const resource = resourceOf(settings);
  if (resource) params.resource = resource;
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  location.assign(url.toString());
}

/** On /console/callback: checks the state, trades the code for the access token. */
export async function completeOidcSignIn(settings: OidcSettings, search: string): Promise<string> {
  const q = new URLSearchParams(search);
  const pending = JSON.parse(sessionStorage.getItem(PENDING_KEY) ?? 'null') as { verifier: string; state: string; tokenEndpoint: string } | null;
  sessionStorage.removeItem(PENDING_KEY);
  if (q.get('error')) throw new Error(`Sign-in failed: ${q.get('error_description') ?? q.get('error')}`);
  if (!pending || q.get('state') !== pending.state) throw new Error('Sign-in failed: the answer does not belong to a sign-in started here');
  const code = q.get('code');
  if (!code) throw new Error('Sign-in failed: no authorization code');
  const form = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: redirectUri(),
    client_id: settings.clientId,
    code_verifier: pending.verifier,
  });
  const resource = resourceOf(settings);
  if (resource) form.set('resource', resource);
  const res = await fetch(pending.tokenEndpoint, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form });
  const body = (await res.json().catch(() => ({}))) as { access_token?: string; error?: string; error_description?: string };
  if (!res.ok || !body.access_token) throw new Error(`Sign-in failed: ${body.error_description ?? body.error ?? `HTTP ${res.status}`}`);
  return body.access_token;
}
