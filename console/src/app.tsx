// The console shell: sign-in until there is a session, then the screens under one header.
import { useEffect, useState } from 'react';
import { Alert, Anchor, Badge, Button, Container, Group, Loader, Text } from '@mantine/core';
import { SessionContext, useSession } from './use-api';
import { clearSession, loadSession, saveSession, sessionOf, type Session } from './session';
import { loadSettings, type ConsoleSettings } from './settings';
import { completeOidcSignIn } from './oidc';
import { whenSignedOut } from './api';
import { href, navigate, useRoute, type Route } from './router';
import { SignIn } from './screens/sign-in';
import { ReviewQueue } from './screens/review-queue';
import { PersonPage } from './screens/person-page';
import { Search } from './screens/search';
import { Audit } from './screens/audit';
import { DataQuality } from './screens/data-quality';

const NAV: { screen: Route['screen']; label: string; to: string }[] = [
  { screen: 'reviews', label: 'Review queue', to: href({ screen: 'reviews' }) },
  { screen: 'search', label: 'Search', to: href({ screen: 'search' }) },
  { screen: 'audit', label: 'Audit', to: href({ screen: 'audit' }) },
  { screen: 'quality', label: 'Data quality', to: href({ screen: 'quality' }) },
];

const TITLES: Record<Route['screen'], string> = { reviews: 'Review queue', person: 'Person', search: 'Search', audit: 'Audit', quality: 'Data quality', callback: 'Signing in' };

export function App() {
  const route = useRoute();
  const [settings, setSettings] = useState<ConsoleSettings | null>(null);
  const [session, setSession] = useState<Session | null>(() => loadSession());
  const [message, setMessage] = useState<string | null>(null);
  const [fatal, setFatal] = useState<string | null>(null);

  useEffect(() => {
    loadSettings().then(setSettings, (err: unknown) => setFatal(err instanceof Error ? err.message : String(err)));
    whenSignedOut((m) => {
      clearSession();
      setSession(null);
      setMessage(`The API refused the token: ${m}`);
    });
  }, []);

  useEffect(() => {
    document.title = `${TITLES[route.screen]} · PeopleGraph console`;
  }, [route.screen]);

  const signIn = (s: Session) => {
    saveSession(s);
    setSession(s);
    setMessage(null);
    if (route.screen === 'callback') navigate(href({ screen: 'reviews' }), true);
  };

  useEffect(() => {
    if (route.screen !== 'callback' || !settings?.oidc) return;
    completeOidcSignIn(settings.oidc, location.search).then(
      (token) => signIn(sessionOf(token, 'oidc')),
      (err: unknown) => {
        setMessage(err instanceof Error ? err.message : String(err));
        navigate(href({ screen: 'reviews' }), true);
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [route.screen, settings]);

  if (fatal)
    return (
      <Container py="xl" component="main">
        <Alert color="red" title="The console cannot start" role="alert">
          {fatal}
        </Alert>
      </Container>
    );
  if (!settings || route.screen === 'callback')
    return (
      <Container py="xl" component="main">
        <Group>
          <Loader size="sm" aria-hidden />
          <Text>{route.screen === 'callback' ? 'Signing in…' : 'Loading…'}</Text>
        </Group>
      </Container>
    );
  if (!session) return <SignIn settings={settings} onSignedIn={signIn} message={message} />;
  return (
    <SessionContext.Provider value={session}>
      <Shell
        route={route}
        onSignOut={() => {
          clearSession();
          setSession(null);
        }}
      />
    </SessionContext.Provider>
  );
}

function Shell({ route, onSignOut }: { route: Route; onSignOut(): void }) {
  const { session } = useSession();
  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="console-header">
        <Container size="xl">
          <Group justify="space-between" py="sm" wrap="wrap">
            <Group wrap="wrap" gap="lg">
              <Text fw={700} size="lg" c="white">
                PeopleGraph
              </Text>
              <nav aria-label="Main">
                <Group gap="md" wrap="wrap">
                  {NAV.map((n) => (
                    <Anchor
                      key={n.screen}
                      href={n.to}
                      c="white"
                      fw={route.screen === n.screen ? 700 : 400}
                      underline={route.screen === n.screen ? 'always' : 'hover'}
                      aria-current={route.screen === n.screen ? 'page' : undefined}
                      onClick={(e) => {
                        e.preventDefault();
                        navigate(n.to);
                      }}
                    >
                      {n.label}
                    </Anchor>
                  ))}
                </Group>
              </nav>
            </Group>
            <Group gap="sm">
              <Text size="sm" c="white" data-testid="signed-in-as">
                {session.subject}
              </Text>
              {session.roles.map((r) => (
                <Badge key={r} color="gray.0" c="dark.9" variant="filled">
                  {r}
                </Badge>
              ))}
              <Button size="xs" variant="white" color="dark" onClick={onSignOut}>
                Sign out
              </Button>
            </Group>
          </Group>
        </Container>
      </header>
      <Container size="xl" py="md" component="main" id="main" tabIndex={-1}>
        <Screen route={route} />
      </Container>
    </>
  );
}

function Screen({ route }: { route: Route }) {
  const { can } = useSession();
  switch (route.screen) {
    case 'person':
      return <PersonPage key={route.personId} personId={route.personId} />;
    case 'search':
      return <Search />;
    case 'audit':
      return <Audit key={`${route.correlationId}-${route.entityId}`} correlationId={route.correlationId} entityId={route.entityId} />;
    case 'quality':
      return <DataQuality />;
    default:
      // The queue is the steward's start page; other roles start at search (the queue link still shows the API's answer).
      if (!can.review && location.pathname.replace(/\/$/, '') === '/console') return <Search />;
      return <ReviewQueue reviewId={route.screen === 'reviews' ? route.reviewId : undefined} />;
  }
}
