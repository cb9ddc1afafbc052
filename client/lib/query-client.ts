import { MutationCache, onlineManager, QueryCache, QueryClient } from '@tanstack/react-query';
import { isAuthError, isRetryable } from './api-errors';
import type { ConnectionMonitor } from './connection-monitor';

/**
 * Queries that the household's event stream keeps current never go stale on
 * their own; the stream patches them in place, and `sync:reset` invalidates
 * them. Only calls that never reached the server, or that it asked us to
 * slow down, are retried: any other answer will not change on a second try.
 */
export function createQueryClient(onUnauthorized: () => void): QueryClient {
  const onError = (error: unknown) => {
    if (isAuthError(error)) onUnauthorized();
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: {
        staleTime: Infinity,
        refetchOnWindowFocus: false,
        retry: (failures, error) => isRetryable(error) && failures < 3,
      },
      mutations: {
        // While offline a mutation waits (see bindOnlineManager) rather than
        // failing; these retries cover a request lost as the link drops.
        retry: (failures, error) => isRetryable(error) && failures < 6,
        retryDelay: (failures) => Math.min(1000 * 2 ** failures, 10_000),
      },
    },
  });
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
