// The console in production: no development sign-in, OpenID Connect (authorization code + PKCE)
// against a real OpenID provider started here, the provider's JWT verified by the gateway through its
// JWKS; and a pasted token. Real browser, real stack, NODE_ENV=production.
import net from 'node:net';
import crypto from 'node:crypto';
import type { Browser } from 'playwright-core';
import { loadConfig, type Config } from '../../platform/config';
import { createLogger } from '../../platform/logger';
import { startEmbeddedStack, type Stack } from '../../cli/stack';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { SUBGRAPH_NAMES, type SubgraphName } from '../../platform/config';
import { ensureConsoleBuilt } from '../../console/e2e/build-console';
import { closeBrowser, hasChromium, launchBrowser, openConsole, seriousViolations, tokenOf } from '../../console/e2e/browser';
import { startOidcProvider, type RunningProvider } from '../../console/e2e/start-oidc-provider';

const describeInBrowser = hasChromium() ? describe : describe.skip;
// A browser on a shared two-core machine: room beyond the suite's default per test.
jest.setTimeout(120_000);
if (!hasChromium()) {
  // eslint-disable-next-line no-console
  console.warn('Skipping the console OpenID Connect browser test: /usr/bin/chromium is not installed (apt-get install chromium; .ci/run does it).');
}

const CLIENT_ID = 'peoplegraph-console';
const AUDIENCE = 'urn:peoplegraph:api';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

let provider: RunningProvider;
let testDb: TestDatabase;
let stack: Stack;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  if (!hasChromium()) return;
  await ensureConsoleBuilt();
  const [providerPort, gatewayPort, ...subgraphPorts] = await Promise.all(Array.from({ length: 2 + SUBGRAPH_NAMES.length }, freePort));
  origin = `http://127.0.0.1:${gatewayPort}`;
  provider = await startOidcProvider({ port: providerPort!, redirectUri: `${origin}/console/callback`, audience: AUDIENCE, clientId: CLIENT_ID, roles: { alice: ['steward'] } });
  testDb = await createTestDatabase();
  const base = loadConfig({
    NODE_ENV: 'production',
    LOG_LEVEL: 'silent',
    SEED_DEMO_DATA: 'false',
    JWT_JWKS_URL: `${provider.issuer}/jwks`,
    JWT_ISSUER: provider.issuer,
    JWT_AUDIENCE: AUDIENCE,
    LEGAL_ID_HMAC_KEY: crypto.randomBytes(32).toString('hex'),
    LEGAL_ID_ENCRYPTION_KEYS: `k1:${crypto.randomBytes(32).toString('base64')}`,
    AUDIT_CHECKPOINT_KEY: crypto.randomBytes(32).toString('hex'),
    CONSOLE_OIDC_ISSUER: provider.issuer,
    CONSOLE_OIDC_CLIENT_ID: CLIENT_ID,
    CONSOLE_OIDC_SCOPE: 'openid profile peoplegraph',
  });
  const ports = Object.fromEntries(SUBGRAPH_NAMES.map((n, i) => [n, subgraphPorts[i]!])) as Record<SubgraphName, number>;
  const config: Config = { ...base, database: testDb.config, gatewayPort: gatewayPort!, subgraphPorts: ports };
  [stack, browser] = await Promise.all([startEmbeddedStack(config, createLogger('silent'), { seed: false, db: testDb.db }), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await closeBrowser(browser);
  await stack?.stop();
  await testDb?.dispose();
  await provider?.stop();
});

describeInBrowser('console sign-in in production', () => {
  it('has no development sign-in, signs in through the OpenID provider with PKCE, and accepts a pasted token', async () => {
    // The development token endpoint does not exist in production.
    const dev = await fetch(`${origin}/console/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"admin"}' });
    expect(dev.status).toBe(404);

    const { page, problems } = await openConsole(browser, `${origin}/console/`);
    await page.getByRole('heading', { name: 'PeopleGraph console' }).waitFor();
    await expect(page.getByRole('heading', { name: 'Development sign-in' }).count()).resolves.toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: `Sign in with 127.0.0.1:${new URL(provider.issuer).port}` }).click();
    // The provider's own login and consent pages.
    await page.waitForURL((u) => u.origin === provider.issuer);
    expect(new URL(page.url()).origin).toBe(provider.issuer);
    await page.locator('input[name="login"]').fill('alice');
    await page.locator('input[name="password"]').fill('any');
    await page.locator('button[type="submit"]').click();
    await page.locator('button[type="submit"]', { hasText: /continue/i }).click();

    // Back in the console with the provider's access token: the API accepts it (the steward's queue).
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/reviews');
    await expect(page.getByTestId('signed-in-as').innerText()).resolves.toBe('alice');
    await page.getByText('No open review tasks. The queue is empty.').waitFor();
    const token = await tokenOf(page);
    const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { alg: string };
    const claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(header.alg).toBe('RS256');
    expect(claims).toMatchObject({ iss: provider.issuer, aud: AUDIENCE, sub: 'alice', roles: ['steward'] });

    // The same token pasted into a fresh tab works too; a forged one is refused by the API.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByLabel('Bearer token').fill(token);
    await page.getByRole('button', { name: 'Use this token' }).click();
    await page.getByText('No open review tasks. The queue is empty.').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    const [h, , s] = token.split('.');
    const forged = [h, Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url'), s].join('.');
    await page.getByLabel('Bearer token').fill(forged);
    await page.getByRole('button', { name: 'Use this token' }).click();
    await page.getByRole('alert').getByText(/The API refused the token: Invalid token/).waitFor();
    // On the console's pages, the refused request is the only error the browser reports (the
    // provider's own login page asks for a web font, which this machine does not fetch).
    expect(problems.filter((p) => p.startsWith(origin))).toEqual([expect.stringMatching(/401/)]);
  });
});
