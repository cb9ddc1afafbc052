import { createServer } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { openItemStore } from './baseline-store';
import { baselineVerifier, householdOfList, itemRoute } from './baseline-http';
import { baselineEnv } from './server-env';

/**
 * The practical limit: plain `ws`, the first message carries the token,
 * a Map from household to its sockets, the event serialised once and
 * written to every other member's socket.
 */
const env = baselineEnv();
const store = openItemStore(env.dataDir, env.synchronous);
const verify = baselineVerifier(env.publicKeyPem);
const members = new Map<string, Map<WebSocket, string>>();

const route = itemRoute(verify, store.add, (session, item) => {
  const householdId = householdOfList(item.listId);
  const sockets = members.get(householdId);
  if (!sockets) return;
  const frame = JSON.stringify({ type: 'shopping:item:added', listId: item.listId, item, householdId, actorId: session.userId, at: new Date().toISOString() });
  for (const [socket, userId] of sockets) if (userId !== session.userId) socket.send(frame);
});
const server = createServer((req, res) => void route(req, res));
const wss = new WebSocketServer({ server, path: '/ws' });

wss.on('connection', (socket) => {
  socket.once('message', (data) => {
    const { token } = JSON.parse(String(data)) as { token?: unknown };
    void verify(typeof token === 'string' ? token : '').then((session) => {
      if (!session) return socket.close(4401, 'Not signed in');
      const householdId = `bench-household-${Number(session.userId.replace('bench-user-', '')) >> 1}`;
      const sockets = members.get(householdId) ?? new Map<WebSocket, string>();
      members.set(householdId, sockets);
      sockets.set(socket, session.userId);
      socket.once('close', () => {
        sockets.delete(socket);
        if (sockets.size === 0) members.delete(householdId);
      });
      socket.send('ready');
    });
  });
});

server.listen(env.port, '127.0.0.1');
process.on('SIGTERM', () => {
  wss.close();
  store.close();
  process.exit(0);
});
