// Paths under /console, with the history API: every screen has an address that can be bookmarked.
import { useEffect, useState } from 'react';

export const BASE = '/console';

export type Route =
  | { screen: 'reviews'; reviewId?: string }
  | { screen: 'person'; personId: string }
  | { screen: 'search' }
  | { screen: 'audit'; correlationId?: string; entityId?: string }
  | { screen: 'quality' }
  | { screen: 'callback' };

export function parseRoute(pathname: string, search: string): Route {
  const rest = pathname.startsWith(BASE) ? pathname.slice(BASE.length) : pathname;
  const parts = rest.split('/').filter(Boolean).map(decodeURIComponent);
  const q = new URLSearchParams(search);
  switch (parts[0]) {
    case 'people':
      if (parts[1]) return { screen: 'person', personId: parts[1] };
      return { screen: 'search' };
    case 'search':
      return { screen: 'search' };
    case 'audit':
      return { screen: 'audit', correlationId: q.get('correlationId') ?? undefined, entityId: q.get('entityId') ?? undefined };
    case 'quality':
      return { screen: 'quality' };
    case 'callback':
      return { screen: 'callback' };
    case 'reviews':
      return { screen: 'reviews', reviewId: parts[1] };
    default:
      return { screen: 'reviews' };
  }
}

export function href(route: Route): string {
  switch (route.screen) {
    case 'person':
      return `${BASE}/people/${encodeURIComponent(route.personId)}`;
    case 'audit': {
      const q = new URLSearchParams();
      if (route.correlationId) q.set('correlationId', route.correlationId);
      if (route.entityId) q.set('entityId', route.entityId);
      const s = q.toString();
      return `${BASE}/audit${s ? `?${s}` : ''}`;
    }
    case 'reviews':
      return `${BASE}/reviews${route.reviewId ? `/${encodeURIComponent(route.reviewId)}` : ''}`;
    default:
      return `${BASE}/${route.screen}`;
  }
}

const listeners = new Set<() => void>();

export function navigate(to: string, replace = false): void {
  if (replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  for (const l of listeners) l();
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(location.pathname, location.search));
  useEffect(() => {
    const update = () => setRoute(parseRoute(location.pathname, location.search));
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return route;
}
