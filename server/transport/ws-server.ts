import { getWSConnectionHandler } from '@trpc/server/adapters/ws';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import { createContext, type ConnectionState } from '../context';
import type { Deps } from '../deps';
import { appRouter } from '../router';
import { clientIp, isAllowedOrigin } from './origin-policy';
import { boundSendBuffer, capBatches, CLOSE_POLICY, ConnectionCounter, tolerateMalformedConnectionParams } from './ws-guards';
import { CLOSE_SESSION_EXPIRED, watchSessionExpiry } from './ws-session-expiry';

export const PONG_WAIT_MS = 5000;
/** How long a client gets to answer our close frame at shutdown. */
const CLOSE_HANDSHAKE_MS = 2000;

/**
 * tRPC subscriptions on a `ws` server sharing the HTTP server's port and the
 * `/trpc` path. `path` (not tRPC's `prefix`) makes `ws` refuse other paths.
 * Around tRPC's handler: origin check, connections per IP and per user, a
 * deadline to authenticate, a bounded send buffer, a batch cap, and
 * connectionParams of the wrong shape read as signed out.
 */
export function attachWebSocketServer(server: Server, deps: Deps) {
  const { limits } = deps.config;
  const perIp = new ConnectionCounter(limits.connectionsPerIp);
  const perUser = new ConnectionCounter(limits.connectionsPerUser);

  const wss = new WebSocketServer({
    server,
    path: '/trpc',
    maxPayload: limits.wsMaxPayloadBytes,
    verifyClient: ({ req }, answer) => {
      if (!isAllowedOrigin(req, deps.config.allowedOrigins)) return answer(false, 403, 'Origin not allowed');
      if (perIp.isFull(clientIp(req))) return answer(false, 429, 'Too many connections from this address');
      answer(true);
    },
  });

  const authenticated = new WeakSet<object>();
  const handleConnection = getWSConnectionHandler({
    wss,
    router: appRouter,
    keepAlive: { enabled: true, pingMs: deps.config.ws.pingIntervalMs, pongWaitMs: PONG_WAIT_MS },
    // Runs once per connection, when the client's connectionParams arrive.
    createContext: async ({ req, res: socket, info }) => {
      const token = typeof info.connectionParams?.token === 'string' ? info.connectionParams.token : null;
      const connection: ConnectionState = { id: randomUUID(), subscriptions: new Map(), session: null, onRenewed: () => {} };
      const ctx = await createContext(deps, token, connection, clientIp(req));
      if (ctx.session) {
        if (!perUser.admit(ctx.session.userId, socket)) {
          socket.close(CLOSE_POLICY, `More than ${limits.connectionsPerUser} connections for this user`);
          return ctx;
        }
        authenticated.add(socket);
        connection.session = ctx.session;
        const moveDeadlines = watchSessionExpiry(socket, ctx.session.expiresAt, deps.config.ws);
        connection.onRenewed = (renewed) => moveDeadlines(renewed.expiresAt);
      }
      ctx.log.debug({ authenticated: Boolean(ctx.session) }, 'websocket connected');
      return ctx;
    },
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') deps.log.error({ err: error, path }, 'websocket procedure failed');
    },
  });

  wss.on('connection', (socket, req) => {
    if (!perIp.admit(clientIp(req), socket)) {
      socket.close(CLOSE_POLICY, 'Too many connections from this address');
      return;
    }
    boundSendBuffer(socket, limits.wsMaxBufferedBytes, deps.log);
    capBatches(socket, limits.maxBatchSize);
    tolerateMalformedConnectionParams(socket);
    // A socket that never brings a valid token holds memory for nothing.
    const deadline = setTimeout(() => {
      if (!authenticated.has(socket)) socket.close(CLOSE_SESSION_EXPIRED, 'Not signed in');
    }, limits.wsAuthTimeoutMs);
    socket.once('close', () => clearTimeout(deadline));
    handleConnection(socket, req);
  });

  return {
    wss,
    /** Closes every socket with `code` and stops accepting; a socket that does not answer the close is dropped. */
    async close(code: number, reason: string): Promise<void> {
      for (const socket of wss.clients) socket.close(code, reason);
      const drop = setTimeout(() => wss.clients.forEach((socket) => socket.terminate()), CLOSE_HANDSHAKE_MS);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      clearTimeout(drop);
    },
  };
}
