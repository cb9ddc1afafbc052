import { createWSClient, httpBatchLink, httpSubscriptionLink, retryLink, splitLink, wsLink } from '@trpc/client';
import type { QueryClient } from '@tanstack/react-query';
import { createTRPCQueryUtils, createTRPCReact } from '@trpc/react-query';
import type { AppRouter } from '../../shared/api';
import { errorCode } from './api-errors';
import { reconnectDelay } from './backoff';
import { bearerEventSource } from './bearer-event-source';
import type { ConnectionMonitor } from './connection-monitor';
import { createConnectionRenewal } from './connection-renewal';
import { promptlyClosingWebSocket } from './promptly-closing-websocket';
import { movingSubscriptionLink } from './subscription-transport';

/** Typed hooks for every procedure: `trpc.shopping.items.getByList.useQuery(...)`. */
export const trpc = createTRPCReact<AppRouter>();

export type TokenSource = () => Promise<string | null>;

export type ApiClient = ReturnType<typeof createApiClient>['client'];

/** The same helpers as `trpc.useUtils()`, for code that runs outside React (mutation defaults that serve a change resumed after a reload). */
export function createQueryUtils(queryClient: QueryClient, client: ApiClient) {
  return createTRPCQueryUtils<AppRouter>({ queryClient, client });
}

export type QueryUtils = ReturnType<typeof createQueryUtils>;

/** Codes that another attempt with the same token cannot fix. */
const FINAL_CODES = new Set(['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST', 'CONFLICT']);

/**
 * The one API client of a signed-in session: subscriptions over a WebSocket
 * (or Server-Sent Events while it cannot connect), queries and mutations over
 * batched HTTP, all carrying the current token.
 */
export function createApiClient(getToken: TokenSource, connection: ConnectionMonitor) {
  const origin = window.location.origin;
  let closed = false;
  const renewal = createConnectionRenewal(async () => {
    const token = await getToken();
    if (!token) throw new Error('signed out');
    // Any request on a closed wsClient opens a new socket, which would then
    // stay signed in (and keep renewing) after sign-out. A renewal that was
    // waiting for its token when the client closed must stop here.
    if (closed) throw new Error('closed');
    return client.auth.renewConnection.mutate({ token });
  });
  const wsUrl = `${origin.replace(/^http/, 'ws')}/trpc`;
  const wsClient = createWSClient({
    // Each attempt waits here for its backoff, which "Retry now" and the device coming back online cut short.
    url: async () => {
      await connection.attemptDue();
      return wsUrl;
    },
    // Asked again on every (re)connect, so a reconnect always brings a current token.
    connectionParams: async () => ({ token: (await getToken()) ?? '' }),
    retryDelayMs: (attempt) => connection.retryDelay(attempt),
    // Notices a silent connection (a phone in a tunnel, a half-open TCP
    // connection) within seconds, long before TCP does; a PING is four bytes.
    // The pong wait stays under the interval (tRPC keeps one pong timer) and
    // leaves a busy server a few seconds to answer.
    keepAlive: { enabled: true, intervalMs: 4000, pongTimeoutMs: 3500 },
    WebSocket: promptlyClosingWebSocket(),
    onOpen: () => renewal.opened(),
  });
  const stopWatching = connection.watch(wsClient);

  const client = trpc.createClient({
    links: [
      // Moves open subscriptions between the WebSocket and SSE, resuming by event id.
      movingSubscriptionLink(connection),
      splitLink({
        // Renewing the connection's token only makes sense over that connection.
        condition: (op) => op.type === 'subscription' || op.path === 'auth.renewConnection',
        true: [
          // wsLink resubscribes by itself after a dropped socket, but not after
          // a subscription that ended with a server error; this does, resuming
          // from the last event id it saw.
          retryLink({
            // A failed renewal is not retried: the next socket brings a fresh token anyway.
            retry: ({ op, error }) => op.type === 'subscription' && !FINAL_CODES.has(errorCode(error) ?? ''),
            retryDelayMs: (attempt) => reconnectDelay(attempt),
          }),
          splitLink({
            condition: (op) => op.type === 'subscription' && connection.getTransport() === 'sse',
            // Server-Sent Events at the same /trpc, the token in `Authorization` on every (re)connect.
            true: httpSubscriptionLink({ url: `${origin}/trpc`, EventSource: bearerEventSource(getToken) }),
            false: wsLink({ client: wsClient }),
          }),
        ],
        false: httpBatchLink({
          url: `${origin}/trpc`,
          // The server refuses batches over MAX_BATCH_SIZE (25 by default).
          maxItems: 10,
          headers: async (): Promise<Record<string, string>> => {
            const token = await getToken();
            return token ? { authorization: `Bearer ${token}` } : {};
          },
        }),
      }),
    ],
  });

  return {
    client,
    async close() {
      closed = true;
      renewal.stop();
      stopWatching();
      await wsClient.close();
    },
  };
}
