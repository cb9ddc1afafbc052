import type { WebSocket } from 'ws';
import type { Target } from '../scenario';

/**
 * How the generator speaks to each target, on raw `ws` sockets for all three
 * so the client side costs the same everywhere (10,000 `@trpc/client` or
 * `socket.io-client` instances would load the generator more than the server).
 */
export interface Protocol {
  url(port: number): string;
  /** The socket is open: authenticate (and subscribe). */
  start(socket: WebSocket, token: string, householdId: string): void;
  /** Answers keep-alives and protocol handshakes; true once the socket is ready to receive events. */
  onFrame(socket: WebSocket, frame: string, token: string): boolean;
  mutationPath: string;
}

/** tRPC's JSON-RPC over WebSocket: connectionParams first, then one `events.household` subscription. */
const honeydo: Protocol = {
  url: (port) => `ws://127.0.0.1:${port}/trpc?connectionParams=1`,
  start(socket, token, householdId) {
    socket.send(JSON.stringify({ method: 'connectionParams', data: { token } }));
    socket.send(JSON.stringify({ id: 1, method: 'subscription', params: { path: 'events.household', input: { householdId } } }));
  },
  onFrame(socket, frame) {
    if (frame === 'PING') socket.send('PONG');
    // The first data is the presence event, yielded once the bus listener is attached.
    return frame.includes('"type":"data"');
  },
  mutationPath: '/trpc/shopping.items.add',
};

/** Engine.IO 4 over WebSocket: open packet, then Socket.IO CONNECT with the token as `auth`. */
const socketio: Protocol = {
  url: (port) => `ws://127.0.0.1:${port}/socket.io/?EIO=4&transport=websocket`,
  start() {},
  onFrame(socket, frame, token) {
    if (frame === '2') socket.send('3');
    else if (frame.startsWith('0{')) socket.send(`40${JSON.stringify({ token })}`);
    else if (frame.startsWith('44')) throw new Error(`Socket.IO refused the connection: ${frame}`);
    return frame.startsWith('40');
  },
  mutationPath: '/items',
};

const ws: Protocol = {
  url: (port) => `ws://127.0.0.1:${port}/ws`,
  start(socket, token) {
    socket.send(JSON.stringify({ token }));
  },
  onFrame: (_socket, frame) => frame === 'ready',
  mutationPath: '/items',
};

export const PROTOCOLS: Record<Target, Protocol> = { honeydo, socketio, ws };
