import { MutationCache, onlineManager, QueryCache, QueryClient } from '@tanstack/react-query';
import { isAuthError, isNetworkError, isRetryable } from './api-errors';
import type { ConnectionMonitor } from './connection-monitor';

/** How often a change outside the outbox (a list renamed, categories saved) is tried again before it fails. */
const MAX_RETRIES = 6;
/** How often an outbox change that gets no tRPC answer while online is tried again: about a minute and a half with the pauses. */
const MAX_OUTBOX_RETRIES_UNANSWERED = 10;

type RetryPolicy = (failures: number, error: unknown) => boolean;
const outboxRetries = new WeakMap<QueryClient, RetryPolicy>();

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
  // A request lost on the way or a busy server is tried again, with a growing
  // pause (and while offline the change waits, see bindOnlineManager). A token
  // the server no longer takes ends the session, which stops the retries.
  // Any other answer (NOT_FOUND, CONFLICT, BAD_REQUEST, ...) would be the same
  // on a second try: it is final.
  const retryWhile = (worthAnotherTry: (failures: number, error: unknown) => boolean) => (failures: number, error: unknown) => {
    if (stopped) return false;
    if (!isAuthError(error)) return isRetryable(error) && worthAnotherTry(failures, error);
    onUnauthorized();
    return true;
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
        // Outside the outbox nothing is stored to try later: a change that
        // still fails after a few tries fails, and the form says so.
        retry: retryWhile((failures) => failures < MAX_RETRIES),
        retryDelay: (failures) => Math.min(1000 * 2 ** failures, 10_000),
      },
    },
  });
  // The outbox's changes are kept until the server has them: a busy server
  // is waited for as long as it takes. An answer that is not tRPC's (a proxy's
  // 502 page) may never change, though, and would hold up every change queued
  // behind it; after enough tries it is given up and reported as not saved.
  outboxRetries.set(
    queryClient,
    retryWhile((failures, error) => !isNetworkError(error) || failures < MAX_OUTBOX_RETRIES_UNANSWERED),
  );
  return {
    queryClient,
    stopRetrying: () => {
      stopped = true;
    },
  };
}

/** How the outbox's mutations retry (see createQueryClient); `undefined` for a client made elsewhere, which keeps its own default. */
export function outboxRetry(queryClient: QueryClient): RetryPolicy | undefined {
  return outboxRetries.get(queryClient);
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
