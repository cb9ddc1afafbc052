import { MutationCache, onlineManager, QueryCache, QueryClient } from '@tanstack/react-query';
import { isAuthError, isRetryable } from './api-errors';
import type { ConnectionMonitor } from './connection-monitor';

export interface SessionQueryClient {
  queryClient: QueryClient;
  /** The session is over: no change is tried again from this client (the persisted queue resumes them at the next sign-in). */
  stopRetrying(): void;
}

/**
 * Queries that the household's event stream keeps current never go stale on
 * their own; the stream patches them in place, and `sync:reset` invalidates
 * them. Only calls that never reached the server, or that it asked us to
 * slow down, are retried: any other answer will not change on a second try.
 */
export function createQueryClient(onUnauthorized: () => void): SessionQueryClient {
  let stopped = false;
  const onError = (error: unknown) => {
    if (isAuthError(error)) onUnauthorized();
  };
  const queryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        refetchOnWindowFocus: false,
        retry: (failures, error) => isRetryable(error) && failures < 3,
      },
      mutations: {
        // A change is never given up while it can still arrive: a request
        // lost on the way or a busy server is tried again, with a growing
        // pause (and while offline the change waits, see bindOnlineManager).
        // A token the server no longer takes ends the session, and the change
        // waits in storage for the next sign-in rather than failing. Any
        // other answer (NOT_FOUND, CONFLICT, BAD_REQUEST, ...) would be the
        // same on a second try: it is final.
        retry: (_failures, error) => {
          if (stopped) return false;
          if (!isAuthError(error)) return isRetryable(error);
          onUnauthorized();
          return true;
        },
        retryDelay: (failures) => Math.min(1000 * 2 ** failures, 10_000),
      },
    },
  });
  return {
    queryClient,
    stopRetrying: () => {
      stopped = true;
    },
  };
}

/**
 * TanStack Query pauses queries and mutations while it believes the app is
 * offline and resumes them, in order, when it is back. The browser's own
 * online flag misses the common case (the server is unreachable while Wi-Fi
 * is fine), so the WebSocket's state decides instead.
 */
export function bindOnlineManager(connection: ConnectionMonitor): () => void {
  onlineManager.setEventListener((setOnline) => {
    const update = () => setOnline(connection.getSnapshot().kind !== 'offline');
    update();
    const unsubscribe = connection.subscribe(update);
    return () => {
      unsubscribe();
    };
  });
  return () => {
    onlineManager.setEventListener(() => undefined);
    onlineManager.setOnline(true);
  };
}
