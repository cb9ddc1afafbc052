import { createTRPCClient, createWSClient, retryLink, TRPCClientError, wsLink } from '@trpc/client';
import { WebSocket } from 'ws';
import type { AppRouter } from '../../shared/api';
import type { ApiClient } from '../support/clients';
import { recordEvents, type EventRecorder, type Received } from '../support/event-recorder';

/** Reconnect and resubscribe delays: quick at first, then backing off to a second, with jitter so 20 clients do not stampede. */
function backoff(attempt: number): number {
  return Math.min(1000, 50 * 2 ** Math.min(attempt, 5)) * (0.5 + Math.random() / 2);
}

export interface StreamError {
  code: string;
  message: string;
}

export interface MemberStream extends AsyncDisposable {
  /** Everything received, across socket drops, server restarts and resubscriptions, in arrival order. */
  received(): Received[];
  /** The id of the last event received (presence included: it carries the last stored id). */
  lastId(): string | undefined;
  /** Subscription errors the retryLink resubscribed after. */
  readonly retriedErrors: StreamError[];
  /** Errors that ended the subscription (the recorder's). */
  finalErrors(): unknown[];
  /** WebSocket connections opened so far. */
  readonly opens: number;
  /**
   * Cuts the TCP connection under the WebSocket with no close handshake, as a
   * lost network does; the client reconnects and resumes by itself. False
   * when there was no open socket to cut.
   */
  dropConnection(): boolean;
  /** Ends the subscription and starts a new one from the last id received, as a reloaded page does. */
  resubscribe(): void;
  close(): Promise<void>;
}

/**
 * One member's `events.household` subscription over a WebSocket client of its
 * own, as the SPA builds it: wsLink reconnects after a dropped socket and
 * resends the last tracked id; a retryLink in front resubscribes with that id
 * after a subscription that ended with an error, which wsLink does not.
 * Recording is `recordEvents`, once per (re)subscription.
 */
export function openMemberStream(baseUrl: string, token: string, householdId: string): MemberStream {
  let opens = 0;
  const retriedErrors: StreamError[] = [];
  const wsClient = createWSClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/trpc`,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: () => ({ token }),
    retryDelayMs: backoff,
    onOpen: () => void opens++,
  });
  const api: ApiClient = createTRPCClient<AppRouter>({
    links: [
      retryLink({
        retry: ({ error }) => {
          const code = error instanceof TRPCClientError ? ((error.data as { code?: string } | undefined)?.code ?? 'UNKNOWN') : 'UNKNOWN';
          // Nothing a retry with the same token could fix: those end the subscription (the recorder keeps them).
          if (['UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'BAD_REQUEST'].includes(code)) return false;
          retriedErrors.push({ code, message: error.message });
          return true;
        },
        retryDelayMs: backoff,
      }),
      wsLink({ client: wsClient }),
    ],
  });

  const finished: EventRecorder[] = [];
  let recorder = recordEvents(api, householdId);
  const received = () => [...finished, recorder].flatMap((r) => r.received);
  const lastId = () => received().at(-1)?.id;
  const close = async () => {
    recorder.stop();
    await wsClient.close();
  };

  return {
    received,
    lastId,
    retriedErrors,
    finalErrors: () => [...finished, recorder].flatMap((r) => r.errors),
    get opens() {
      return opens;
    },
    dropConnection() {
      const socket = wsClient.connection?.ws as unknown as WebSocket | undefined;
      if (!socket || socket.readyState !== WebSocket.OPEN) return false;
      socket.terminate();
      return true;
    },
    resubscribe() {
      recorder.stop();
      finished.push(recorder);
      recorder = recordEvents(api, householdId, lastId());
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
