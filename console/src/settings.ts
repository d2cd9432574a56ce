// What the gateway tells the console before sign-in (GET /console/settings.json).
export interface OidcSettings {
  issuer: string;
  clientId: string;
  scope: string;
  audience: string;
}

export interface ConsoleSettings {
  devRoles: string[];
  oidc: OidcSettings | null;
}

export async function loadSettings(): Promise<ConsoleSettings> {
  const res = await fetch('/console/settings.json');
  if (!res.ok) throw new Error(`Console settings could not be read (HTTP ${res.status})`);
  return (await res.json()) as ConsoleSettings;
}

export async function devToken(role: string): Promise<string> {
  const res = await fetch('/console/dev-token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role }) });
  const body = (await res.json().catch(() => ({}))) as { token?: string; error?: string };
  if (!res.ok || !body.token) throw new Error(body.error ?? `No development token (HTTP ${res.status})`);
  return body.token;
}
