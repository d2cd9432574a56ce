// Sign-in: the configured identity provider (OpenID Connect, code + PKCE), a pasted token, and outside
// production a development role.
import { useState } from 'react';
import { Alert, Button, Container, NativeSelect, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import type { ConsoleSettings } from '../settings';
import { devToken } from '../settings';
import { startOidcSignIn } from '../oidc';
import { sessionOf, type Session } from '../session';

export function SignIn({ settings, onSignedIn, message }: { settings: ConsoleSettings; onSignedIn(s: Session): void; message?: string | null }) {
  const [role, setRole] = useState<string | null>(settings.devRoles.includes('steward') ? 'steward' : (settings.devRoles[0] ?? null));
  const [pasted, setPasted] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const attempt = async (f: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await f();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Container size="xs" py="xl" component="main">
      <Stack>
        <Title order={1}>PeopleGraph console</Title>
        <Text>Sign in to work the review queue, trace values to their sources and read the audit log. You see exactly what the API shows your token.</Text>
        {message && (
          <Alert color="orange" title="Signed out" role="alert">
            {message}
          </Alert>
        )}
        {error && (
          <Alert color="red" title="Sign-in failed" role="alert">
            {error}
          </Alert>
        )}
        {settings.oidc && (
          <Paper withBorder p="md">
            <Stack>
              <Title order={2} size="h4">
                Company sign-in
              </Title>
              <Button loading={busy} onClick={() => void attempt(() => startOidcSignIn(settings.oidc!))}>
                Sign in with {new URL(settings.oidc.issuer).host}
              </Button>
            </Stack>
          </Paper>
        )}
        {settings.devRoles.length > 0 && (
          <Paper withBorder p="md">
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void attempt(async () => onSignedIn(sessionOf(await devToken(role ?? ''), 'development')));
              }}
            >
              <Stack>
                <Title order={2} size="h4">
                  Development sign-in
                </Title>
                <Text size="sm">Not available in production: a token for a role, signed with the development key.</Text>
                <NativeSelect label="Role" data={settings.devRoles} value={role ?? ''} onChange={(e) => setRole(e.currentTarget.value)} />
                <Button type="submit" loading={busy}>
                  Sign in as {role}
                </Button>
              </Stack>
            </form>
          </Paper>
        )}
        <Paper withBorder p="md">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void attempt(async () => onSignedIn(sessionOf(pasted, 'pasted')));
            }}
          >
            <Stack>
              <Title order={2} size="h4">
                Paste a token
              </Title>
              <Textarea label="Bearer token" value={pasted} onChange={(e) => setPasted(e.currentTarget.value)} autosize minRows={3} />
              <Button type="submit" variant="outline" disabled={!pasted.trim()}>
                Use this token
              </Button>
            </Stack>
          </form>
        </Paper>
      </Stack>
    </Container>
  );
}
