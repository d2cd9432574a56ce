// A real OpenID provider (the oidc-provider package) for the console's production sign-in test: one
// public client (authorization code + PKCE) whose access tokens are JWTs for the API's audience, with
// the account's roles as a claim. Prints {"issuer": …} on stdout once it listens; stops on SIGTERM.
//   PORT=… REDIRECT_URI=… AUDIENCE=… CLIENT_ID=… ROLES='{"alice":["steward"]}' node oidc-provider.mjs
import http from 'node:http';
import Provider from 'oidc-provider';

const port = Number(process.env.PORT);
const issuer = `http://127.0.0.1:${port}`;
const roles = JSON.parse(process.env.ROLES ?? '{}');
const audience = process.env.AUDIENCE;

const provider = new Provider(issuer, {
  clients: [
    {
      client_id: process.env.CLIENT_ID,
      token_endpoint_auth_method: 'none',
      redirect_uris: [process.env.REDIRECT_URI],
      grant_types: ['authorization_code'],
      response_types: ['code'],
    },
  ],
  pkce: { required: () => true },
  scopes: ['openid', 'profile', 'peoplegraph'],
  features: {
    devInteractions: { enabled: true },
    resourceIndicators: {
      enabled: true,
      defaultResource: () => audience,
      useGrantedResource: () => true,
      getResourceServerInfo: (_ctx, resource) => {
        if (resource !== audience) throw new Error(`unknown resource ${resource}`);
        return { scope: 'peoplegraph', audience, accessTokenFormat: 'jwt', accessTokenTTL: 600, jwt: { sign: { alg: 'RS256' } } };
      },
    },
  },
  findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, name: id }) }),
  extraTokenClaims: (_ctx, token) => (token.kind === 'AccessToken' ? { roles: roles[token.accountId] ?? [] } : undefined),
  // The test's console runs on another port of the same host: its origin is allowed for the token call.
  clientBasedCORS: () => true,
});

const server = http.createServer(provider.callback());
server.listen(port, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
