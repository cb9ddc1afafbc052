import { MutationCache, onlineManager, QueryCache, QueryClient } from '@tanstack/react-query';
import { isAuthError, isNetworkError, isRetryable } from './api-errors';
import { reconnectDelay } from './backoff';
import type { ConnectionStatusSource } from './connection-monitor';
import type { HttpCatchUp } from './http-catch-up';
import { outboxMaySend } from './outbox-sending';

/** How often a change outside the outbox (a list renamed, categories saved) is tried again before it fails. */
const MAX_RETRIES = 6;

type RetryPolicy = (failures: number, error: unknown) => boolean;
/** A busy server (or one that asked us to slow down) is given a growing pause. */
const busyServerDelay = (failures: number) => Math.min(1000 * 2 ** failures, 10_000);
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
        retryDelay: busyServerDelay,
      },
    },
  });
  // The outbox's changes are kept until the server has them: a busy server
  // is waited for as long as it takes, and so is a request that got no
  // answer from HoneyDo (no network, a silent connection, the server down, a
  // proxy's error page while it restarts). Only HoneyDo's own refusal is final.
  outboxRetries.set(queryClient, retryWhile(() => true));
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
 * The pause before an outbox change is tried again. Short, and with the same
 * cap as reconnecting: a change that failed because the connection went is
 * paused after it (TanStack pauses while offline) and sent as soon as the
 * connection is back, not at the end of a long backoff.
 */
export function outboxRetryDelay(failures: number, error: unknown): number {
  return isNetworkError(error) ? reconnectDelay(failures) : busyServerDelay(failures);
}

/**
 * TanStack Query pauses queries and mutations while it believes the app is
 * offline and resumes them, in order, when it is back. The browser's own
 * online flag misses the common case (the server is unreachable while Wi-Fi
 * is fine), so the WebSocket's state decides instead, and an HTTP catch-up
 * that HoneyDo answered while the WebSocket is still down (outboxMaySend).
 */
export function bindOnlineManager(connection: ConnectionStatusSource, catchUp: HttpCatchUp): () => void {
  onlineManager.setEventListener((setOnline) => {
    const update = () => setOnline(outboxMaySend(connection.getSnapshot(), catchUp.getSnapshot()));
    update();
    const unsubscribes = [connection.subscribe(update), catchUp.subscribe(update)];
    return () => unsubscribes.forEach((unsubscribe) => unsubscribe());
  });
  return () => {
    onlineManager.setEventListener(() => undefined);
    onlineManager.setOnline(true);
  };
}
