import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { createContext, type ConnectionState } from '../context';
import type { Deps } from '../deps';
import { appRouter } from '../router';
import { isAllowedOrigin } from './origin-policy';

export const WS_MAX_PAYLOAD = 1024 * 1024;
/** Close code asking the client to reconnect with a fresh token before its session expires. */
export const CLOSE_RENEW_SESSION = 4001;
/** Close code for a connection whose session expired without being renewed. */
export const CLOSE_SESSION_EXPIRED = 4401;

/**
 * tRPC subscriptions on a `ws` server sharing the HTTP server's port and the
 * `/trpc` path. `path` (not tRPC's `prefix`) makes `ws` refuse other paths.
 */
export function attachWebSocketServer(server: Server, deps: Deps) {
  const wss = new WebSocketServer({
    server,
    path: '/trpc',
    maxPayload: WS_MAX_PAYLOAD,
    verifyClient: ({ req }: { req: Parameters<typeof isAllowedOrigin>[0] }) => isAllowedOrigin(req, deps.config.allowedOrigins),
  });

  applyWSSHandler({
    wss,
    router: appRouter,
    keepAlive: { enabled: true, pingMs: deps.config.ws.pingIntervalMs, pongWaitMs: 5000 },
    // Runs once per connection, when the client's connectionParams arrive.
    createContext: async ({ res: socket, info }) => {
      const token = typeof info.connectionParams?.token === 'string' ? info.connectionParams.token : null;
      const connection: ConnectionState = { id: randomUUID(), subscriptions: new Map() };
      const ctx = await createContext(deps, token, connection);
      if (ctx.session) watchSessionExpiry(socket, ctx.session.expiresAt, deps);
      ctx.log.debug({ authenticated: Boolean(ctx.session) }, 'websocket connected');
      return ctx;
    },
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') deps.log.error({ err: error, path }, 'websocket procedure failed');
    },
  });

  return {
    wss,
    /** Closes every socket with `code` and stops accepting new ones. */
    close(code: number, reason: string): Promise<void> {
      for (const socket of wss.clients) socket.close(code, reason);
      return new Promise((resolve) => wss.close(() => resolve()));
    },
  };
}

/**
 * The context is built once per connection but a token expires within
 * minutes. Before it does, close the connection with CLOSE_RENEW_SESSION: the
 * client reconnects at once, its async `connectionParams` send a fresh token
 * and tRPC resubscribes, resuming by `lastEventId`.
 *
 * Why a close and not tRPC's `reconnect` notice: on @trpc/client 11.19.0 the
 * notice never settles. The client closes the old socket without waiting, and
 * that socket's late `close` event starts another reconnect, whose old socket
 * does the same: a new connection every retry delay (0 ms by default) for as
 * long as a subscription is open. A close from our side reconnects once.
 *
 * A connection that opens with less than the lead left came back with the
 * token it was asked to replace (a token cache hands it out until shortly
 * before expiry). Closing it at once would loop until the token expires, so
 * it keeps the grace and is closed with CLOSE_SESSION_EXPIRED; the same token
 * then no longer verifies.
 */
function watchSessionExpiry(socket: WebSocket, expiresAt: number, deps: Deps): void {
  const { renewLeadMs, authGraceMs } = deps.config.ws;
  const untilExpiry = expiresAt - Date.now();
  const cancel =
    untilExpiry > renewLeadMs
      ? setLongTimeout(() => socket.close(CLOSE_RENEW_SESSION, 'Session renewal: reconnect with a fresh token'), untilExpiry - renewLeadMs)
      : setLongTimeout(() => socket.close(CLOSE_SESSION_EXPIRED, 'Session expired'), untilExpiry + authGraceMs);
  socket.once('close', cancel);
}

/** Node's timers overflow past ~24.8 days (local tokens may live longer): wait in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;
function setLongTimeout(fn: () => void, delayMs: number): () => void {
  let timer: NodeJS.Timeout;
  const arm = (remaining: number) => {
    timer = setTimeout(() => (remaining > MAX_TIMER_MS ? arm(remaining - MAX_TIMER_MS) : fn()), Math.max(0, Math.min(remaining, MAX_TIMER_MS)));
  };
  arm(delayMs);
  return () => clearTimeout(timer);
}
