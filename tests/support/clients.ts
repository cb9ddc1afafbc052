import { createTRPCClient, createWSClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError, wsLink, type TRPCClient } from '@trpc/client';
import { WebSocket } from 'ws';
import { bearerEventSource } from '../../client/lib/bearer-event-source';
import type { AppRouter } from '../../shared/api';
import type { HouseholdEvent } from '../../shared/events';
import type { User } from '../../shared/types';

export type ApiClient = TRPCClient<AppRouter>;

export interface Member extends AsyncDisposable {
  user: User;
  token: string;
  /** Queries and mutations over HTTP, subscriptions over this member's WebSocket. */
  api: ApiClient;
  /** Replaces the token that new HTTP calls and new WebSocket connections send. */
  setToken(token: string): void;
  close(): Promise<void>;
}

export interface ClientOptions {
  /** Called with every state change of the WebSocket (`connecting`, `pending`, `idle`). */
  onState?: (state: string) => void;
  /** Called with the close code each time this client's WebSocket closes. */
  onClose?: (code: number | undefined) => void;
  /**
   * Renew the token before every WebSocket connection with `auth.renewLocal`
   * over HTTP, as the SPA does in local mode; otherwise every connection
   * sends whatever token the client holds.
   */
  renewOnConnect?: boolean;
  /**
   * `websocket` sends queries and mutations over the WebSocket too, with no
   * HTTP link; `sse` takes subscriptions as Server-Sent Events, the token in
   * `Authorization` on every (re)connect, and opens no WebSocket.
   */
  transport?: 'split' | 'websocket' | 'sse';
}

/**
 * A typed client as a real caller builds it: `splitLink` to `wsLink` for
 * subscriptions, `httpBatchLink` otherwise (or everything over the WebSocket).
 */
export function connectClient(baseUrl: string, initialToken: string | null, options: ClientOptions = {}): Omit<Member, 'user'> {
  let token = initialToken;
  const http = httpBatchLink({ url: `${baseUrl}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) });
  // Renewal always travels over HTTP: the WebSocket it is for is not open yet.
  const httpApi = createTRPCClient<AppRouter>({ links: [http] });
  const connectionToken = async () => {
    if (options.renewOnConnect && token) token = (await httpApi.auth.renewLocal.mutate()).token;
    return token ?? '';
  };
  const wsClient = createWSClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/trpc`,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: async () => ({ token: await connectionToken() }),
    retryDelayMs: () => 100,
    // Opens with the first subscription: a client used only over HTTP opens no socket.
    lazy: { enabled: true, closeMs: 60_000 },
    onOpen: () => options.onState?.('open'),
    onClose: (cause) => {
      options.onState?.('closed');
      options.onClose?.(cause?.code);
    },
  });
  const ws = wsLink<AppRouter>({ client: wsClient });
  const sse = httpSubscriptionLink({ url: `${baseUrl}/trpc`, EventSource: bearerEventSource(connectionToken) });
  const api = createTRPCClient<AppRouter>({
    links: [
      options.transport === 'websocket'
        ? ws
        : options.transport === 'sse'
          ? splitLink({ condition: (op) => op.type === 'subscription', true: sse, false: http })
          : splitLink({ condition: (op) => op.type === 'subscription' || op.path === 'auth.renewConnection', true: ws, false: http }),
    ],
  });
  const close = () => wsClient.close();
  return {
    get token() {
      return token ?? '';
    },
    api,
    setToken(next) {
      token = next;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** Counts how often a client's WebSocket opened and records how each one closed: pass `options` to the client. */
export function connectionLog() {
  const closeCodes: (number | undefined)[] = [];
  let opens = 0;
  const options: ClientOptions = {
    onState: (state) => void (state === 'open' && opens++),
    onClose: (code) => closeCodes.push(code),
  };
  return {
    options,
    closeCodes,
    get opens() {
      return opens;
    },
  };
}

/** Signs a new member in (local auth) and connects them. */
export async function signIn(baseUrl: string, displayName: string, options?: ClientOptions): Promise<Member> {
  const anonymous = connectClient(baseUrl, null);
  const { token, user } = await anonymous.api.auth.signInLocal.mutate({ displayName });
  await anonymous.close();
  return { ...connectClient(baseUrl, token, options), user };
}

/** The tRPC error code of an error a client received (`FORBIDDEN`, ...). */
export function errorCode(error: unknown): string {
  if (error instanceof TRPCClientError) return (error.data as { code?: string } | undefined)?.code ?? 'UNKNOWN';
  throw error;
}

/** The tRPC error code of a rejected call, for `expect(await codeOf(promise)).toBe('FORBIDDEN')`. */
export async function codeOf(call: Promise<unknown>): Promise<string> {
  return (await refusalOf(call)).code;
}

/** The code and message of a rejected call; fails if the call succeeded. */
export async function refusalOf(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await call;
  } catch (error) {
    return { code: errorCode(error), message: (error as Error).message };
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

export type { HouseholdEvent };
