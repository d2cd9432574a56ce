// Serves the web console at /console on the gateway's express app: the built single-page app, the
// sign-in settings it reads at start, and outside production a development token endpoint for "pick a
// role". The console then talks only to the public /graphql with the signed-in user's token.
import fs from 'node:fs';
import path from 'node:path';
import express from 'express';
import type { Config } from '../../platform/config';
import { projectRoot } from '../../platform/paths';
import { signToken } from '../../subgraphs/shared/auth/sign-token';
import { isRole, ROLES, SYSTEM_CLIENT_ROLES } from '../../core/privacy/scopes';

/** Where `npm run build:console` writes the app (vite's outDir in console/vite.config.ts; tsc writes this file's build beside it). */
export const consoleDistDir = () => path.join(projectRoot(), 'dist', 'console', 'app');

/** Roles a person signs in as; system clients (crm, ats, hris) are not people at a console. */
export const CONSOLE_ROLES = ROLES.filter((r) => !SYSTEM_CLIENT_ROLES[r]);

/** What the app needs to know before sign-in; nothing secret. */
export interface ConsoleSettings {
  /** Outside production: the roles the development sign-in offers (empty in production). */
  devRoles: string[];
  oidc: { issuer: string; clientId: string; scope: string; audience: string } | null;
}

export function consoleSettings(config: Config): ConsoleSettings {
  const dev = config.nodeEnv !== 'production' && config.auth.key.kind === 'secret';
  return {
    devRoles: dev ? [...CONSOLE_ROLES] : [],
    oidc: config.consoleOidc ? { ...config.consoleOidc, audience: config.auth.audience } : null,
  };
}

export function mountConsole(app: express.Express, config: Config, distDir = consoleDistDir()): void {
  const settings = consoleSettings(config);
  const router = express.Router();
  router.get('/settings.json', (_req, res) => {
    res.set('cache-control', 'no-store').json(settings);
  });
  if (settings.devRoles.length) {
    // Development sign-in: a token for one role, signed with the development key. Absent in production.
    router.post('/dev-token', express.json({ limit: '1kb' }), async (req, res) => {
      const role = typeof req.body?.role === 'string' ? req.body.role : '';
      if (!isRole(role) || !settings.devRoles.includes(role)) {
        res.status(400).json({ error: `Unknown role "${role}"; one of ${settings.devRoles.join(', ')}` });
        return;
      }
      const token = await signToken(config.auth, { roles: [role], sub: `console-${role}`, ttlSeconds: 8 * 3600 });
      res.set('cache-control', 'no-store').json({ token });
    });
  }
  // Hashed asset names: cached for good; index.html never, so a new build is picked up at once.
  router.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }));
  // Every other path under /console is a screen of the app (person pages, the OIDC callback, …).
  router.get(/.*/, (_req, res) => {
    const index = path.join(distDir, 'index.html');
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send('The console is not built: run `npm run build:console`.\n');
      return;
    }
    res.set('cache-control', 'no-cache').set('content-security-policy', CONTENT_SECURITY_POLICY).sendFile(index);
  });
  app.use('/console', router);
}

/** Scripts and styles of the console's own origin only; API and identity provider calls go through fetch. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self' https: http:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');
