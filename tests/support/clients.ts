import { createTRPCClient, createWSClient, httpBatchLink, splitLink, TRPCClientError, wsLink, type TRPCClient } from '@trpc/client';
import { WebSocket } from 'ws';
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
}

/** A typed client as a real caller builds it: `splitLink` to `wsLink` for subscriptions, `httpBatchLink` otherwise. */
export function connectClient(baseUrl: string, initialToken: string | null, options: ClientOptions = {}): Omit<Member, 'user'> {
  let token = initialToken;
  const wsClient = createWSClient({
    url: `${baseUrl.replace(/^http/, 'ws')}/trpc`,
    WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
    connectionParams: async () => ({ token: token ?? '' }),
    retryDelayMs: () => 100,
    // Opens with the first subscription: a client used only over HTTP opens no socket.
    lazy: { enabled: true, closeMs: 60_000 },
    onOpen: () => options.onState?.('open'),
    onClose: () => options.onState?.('closed'),
  });
  const api = createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient }),
        false: httpBatchLink({ url: `${baseUrl}/trpc`, headers: () => (token ? { authorization: `Bearer ${token}` } : {}) }),
      }),
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
  try {
    await call;
  } catch (error) {
    return errorCode(error);
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

export type { HouseholdEvent };
