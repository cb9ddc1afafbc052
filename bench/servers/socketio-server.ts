import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { openItemStore } from './baseline-store';
import { baselineVerifier, householdOfList, itemRoute } from './baseline-http';
import { baselineEnv } from './server-env';

/**
 * The seeds' design, as written there: Socket.IO on the HTTP server,
 * authentication in `io.use`, a room per user and per household, and
 * mutations over HTTP that insert, then `io.to(household).except(user:sender)`.
 */
const env = baselineEnv();
const store = openItemStore(env.dataDir, env.synchronous);
const verify = baselineVerifier(env.publicKeyPem);

const route = itemRoute(verify, store.add, (session, item) => {
  const householdId = householdOfList(item.listId);
  io.to(householdId)
    .except(`user:${session.userId}`)
    .emit('shopping:item:added', { type: 'shopping:item:added', listId: item.listId, item, householdId, actorId: session.userId, at: new Date().toISOString() });
});
const server = createServer((req, res) => void route(req, res));

const io = new Server(server, {
  // As in the seed: missed packets are kept for a reconnecting client for two minutes.
  connectionStateRecovery: { maxDisconnectionDuration: 2 * 60 * 1000, skipMiddlewares: true },
});

io.use((socket, next) => {
  const token: unknown = socket.handshake.auth.token;
  if (typeof token !== 'string') return next(new Error('Authentication required'));
  verify(token).then(
    (session) => {
      if (!session) return next(new Error('Invalid token'));
      socket.data.userId = session.userId;
      next();
    },
    () => next(new Error('Authentication failed')),
  );
});

io.on('connection', (socket) => {
  const userId = socket.data.userId as string;
  void socket.join(`user:${userId}`);
  // Bench users are members of exactly one household, known from their id.
  void socket.join(`bench-household-${Number(userId.replace('bench-user-', '')) >> 1}`);
});

server.listen(env.port, '127.0.0.1');
process.on('SIGTERM', () => {
  void io.close();
  store.close();
  process.exit(0);
});
