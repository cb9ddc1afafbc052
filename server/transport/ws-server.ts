import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer } from 'ws';
import { createContext, type ConnectionState } from '../context';
import type { Deps } from '../deps';
import { appRouter } from '../router';
import { clientIp, hostRefusal, isAllowedHost, isAllowedOrigin } from './origin-policy';
import { createWsHandler } from './trpc-ws-handler';
import type { CountedBy } from './fleet-connection-counts';
import { IP_FULL_REASON, type WebSocketConnections } from './ws-connections';
import { guardedSocketClass } from './ws-guards';
/** How long a client gets to answer our close frame at shutdown. */
const CLOSE_HANDSHAKE_MS = 2000;

/**
 * tRPC subscriptions on a `ws` server sharing the HTTP server's port and the
 * `/trpc` path. `path` makes `ws` refuse other paths. Around the protocol
 * handler: origin check, connections per IP and per user, a deadline to
 * authenticate, keep-alive, a bounded send buffer, a batch cap, and
 * connectionParams of the wrong shape read as signed out.
 */
export function attachWebSocketServer(server: Server, deps: Deps, connections: WebSocketConnections) {
  const { limits } = deps.config;
  const { fleetConnections } = deps;
  /** What other processes of the fleet hold, asked only with REDIS_URL: the embedded default decides at once. */
  const withElsewhere = (by: CountedBy, key: string, decide: (elsewhere: number) => void) =>
    fleetConnections ? void fleetConnections.elsewhere(by, key).then(decide) : decide(0);

  const wss = new WebSocketServer({
    server,
    path: '/trpc',
    maxPayload: limits.wsMaxPayloadBytes,
    WebSocket: guardedSocketClass({ maxBufferedBytes: limits.wsMaxBufferedBytes, maxBatch: limits.maxBatchSize, log: deps.log }),
    verifyClient: ({ req }, answer) => {
      if (!isAllowedHost(req, deps.config.allowedHosts)) return answer(false, 421, hostRefusal(req));
      if (!isAllowedOrigin(req, deps.config.allowedOrigins)) return answer(false, 403, 'Origin not allowed');
      const ip = clientIp(req);
      withElsewhere('ip', ip, (elsewhere) => (connections.isIpFull(ip, elsewhere) ? answer(false, 429, IP_FULL_REASON) : answer(true)));
    },
  });

  const handleConnection = createWsHandler({
    router: appRouter,
    // Runs once per connection, when the client's connectionParams arrive.
    createContext: async (connectionParams, socket, ip) => {
      const token = typeof connectionParams?.token === 'string' ? connectionParams.token : null;
      const connection: ConnectionState = {
        // Not randomUUID(): it builds its text from twenty pieces, a chain of V8 cons-strings a connection would keep for its life (0.4 KB).
        id: randomBytes(12).toString('base64url'),
        subscriptions: new Map(),
        session: null,
        onRenewed: (renewed) => connections.renew(socket, renewed.expiresAt),
      };
      const ctx = await createContext(deps, token, connection, ip);
      const session = ctx.session;
      const elsewhere = session && fleetConnections ? await fleetConnections.elsewhere('user', session.userId) : 0;
      if (session && connections.signIn(socket, session.userId, session.expiresAt, elsewhere)) connection.session = session;
      ctx.log.debug({ authenticated: Boolean(ctx.session) }, 'websocket connected');
      return ctx;
    },
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') deps.log.error({ err: error, path }, 'websocket procedure failed');
    },
  });

  wss.on('connection', (socket, req) => {
    // Counted against its address, and closed unless it signs in in time: a socket without a valid token holds memory for nothing.
    const ip = clientIp(req);
    if (!connections.admit(socket, ip)) return;
    handleConnection(socket, req, ip);
  });

  return {
    wss,
    /** Closes every socket with `code` and stops accepting; a socket that does not answer the close is dropped. */
    async close(code: number, reason: string): Promise<void> {
      connections.close();
      for (const socket of wss.clients) socket.close(code, reason);
      const drop = setTimeout(() => wss.clients.forEach((socket) => socket.terminate()), CLOSE_HANDSHAKE_MS);
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      clearTimeout(drop);
    },
  };
}
