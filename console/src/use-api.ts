// Loading state for one query of the signed-in session, refreshed when its variables change.
import { createContext, useCallback, useContext, useEffect, useState } from 'react';
import { gql, SignedOutError, type ApiError } from './api';
import { abilitiesOf, type Abilities, type Session } from './session';

export const SessionContext = createContext<Session | null>(null);

export function useSession(): { session: Session; can: Abilities } {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return { session, can: abilitiesOf(session) };
}

export interface QueryState<T> {
  data: T | null;
  errors: ApiError[];
  loading: boolean;
  reload(): void;
}

export function useQuery<T>(query: string, variables: Record<string, unknown> | null): QueryState<T> {
  const { session } = useSession();
  const [state, setState] = useState<{ data: T | null; errors: ApiError[]; loading: boolean }>({ data: null, errors: [], loading: variables !== null });
  const [tick, setTick] = useState(0);
  const key = JSON.stringify(variables);
  useEffect(() => {
    if (variables === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    gql<T>(session.token, query, variables)
      .then((r) => live && setState({ data: r.data, errors: r.errors, loading: false }))
      .catch((err: unknown) => {
        if (!live || err instanceof SignedOutError) return;
        setState({ data: null, errors: [{ message: err instanceof Error ? err.message : String(err) }], loading: false });
      });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, key, session.token, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return { ...state, reload };
}

/** A mutation of the signed-in session: resolves to the data, or throws with the API's message. */
export function useMutation() {
  const { session } = useSession();
  return useCallback(
    async <T,>(query: string, variables: Record<string, unknown>): Promise<T> => {
      const r = await gql<T>(session.token, query, variables);
      if (r.errors.length || !r.data) throw new Error(r.errors.map((e) => e.message).join('; ') || 'No answer');
      return r.data;
    },
    [session.token],
  );
}
