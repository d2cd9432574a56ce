// Starts console/e2e/oidc-provider.mjs as a child process (the package is ESM-only) and waits until it listens.
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';

export interface RunningProvider {
  issuer: string;
  stop(): Promise<void>;
}

export interface ProviderOptions {
  port: number;
  redirectUri: string;
  audience: string;
  clientId: string;
  roles: Record<string, string[]>;
}

export async function startOidcProvider(o: ProviderOptions): Promise<RunningProvider> {
  const child: ChildProcess = spawn(process.execPath, [path.join(__dirname, 'oidc-provider.mjs')], {
    env: { ...process.env, NODE_ENV: 'development', PORT: String(o.port), REDIRECT_URI: o.redirectUri, AUDIENCE: o.audience, CLIENT_ID: o.clientId, ROLES: JSON.stringify(o.roles) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const issuer = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`OpenID provider did not start: ${stderr}`)), 15_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) {
        clearTimeout(timer);
        resolve((JSON.parse(line) as { issuer: string }).issuer);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`OpenID provider exited with ${code}: ${stderr}`));
    });
  });
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
