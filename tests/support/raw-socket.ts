import { expect } from 'vitest';
import { WebSocket, type ClientOptions } from 'ws';
import type { Member } from './clients';

/** What the server sends over tRPC's WebSocket protocol, loosely typed for assertions. */
export interface ServerMessage {
  id?: string | number | null;
  result?: { type: 'started' | 'stopped' | 'data'; id?: string; data?: unknown };
  error?: { message: string; code: number; data: { code: string; httpStatus?: number } };
}

export interface RawSocketOptions {
  /**
   * What the first frame carries as `connectionParams.data` (`{ token }` for a
   * signed-in socket); `undefined` sends no such frame, the URL still says one
   * is coming, so the server waits for it.
   */
  connectionParams?: unknown;
  /** Extra `ws` options: `origin`, `localAddress`, `headers`. */
  ws?: ClientOptions;
}

export interface RawSocket extends AsyncDisposable {
  readonly ws: WebSocket;
  /** Every message the server sent, parsed, in order ("PING" left out). */
  readonly received: ServerMessage[];
  /** Socket errors after opening (a reset, say); the socket closes after one. */
  readonly errors: Error[];
  send(message: unknown): void;
  /** Resolves with the first received message that matches, or fails after `timeoutMs`. */
  waitFor(match: (message: ServerMessage) => boolean, description: string, timeoutMs?: number): Promise<ServerMessage>;
  /** The answer to request `id`: its result (`data` for a query or mutation, `started` for a subscription) or its error. */
  reply(id: number | string, timeoutMs?: number): Promise<ServerMessage>;
  /** Settles when the socket closes, with the close code and how long after opening. */
  readonly closed: Promise<{ code: number; reason: string; afterMs: number }>;
  close(): Promise<void>;
}

/**
 * A bare WebSocket speaking tRPC's wire protocol, to do what `@trpc/client`
 * never would: send odd frames, hold many connections, stop reading.
 */
export async function openRawSocket(wsUrl: string, options: RawSocketOptions = {}): Promise<RawSocket> {
  const ws = new WebSocket(`${wsUrl}?connectionParams=1`, options.ws);
  const received: ServerMessage[] = [];
  const waiters = new Set<() => void>();
  const wake = () => waiters.forEach((waiter) => waiter());
  ws.on('message', (data) => {
    const text = data.toString();
    if (text === 'PING' || text === 'PONG') return;
    received.push(JSON.parse(text) as ServerMessage);
    wake();
  });
  let openedAt = 0;
  let isClosed = false;
  const closed = new Promise<{ code: number; reason: string; afterMs: number }>((resolve) =>
    ws.once('close', (code, reason) => {
      isClosed = true;
      resolve({ code, reason: reason.toString(), afterMs: performance.now() - openedAt });
      wake();
    }),
  );
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  openedAt = performance.now();
  // A reset connection (a server that cut this socket off) ends in `close`; keep its error for the test.
  const errors: Error[] = [];
  ws.on('error', (error) => errors.push(error));
  if (options.connectionParams !== undefined) ws.send(JSON.stringify({ method: 'connectionParams', data: options.connectionParams }));

  const waitFor = (match: (message: ServerMessage) => boolean, description: string, timeoutMs = 5000) =>
    new Promise<ServerMessage>((resolve, reject) => {
      const check = () => {
        const found = received.find(match);
        if (!found && !isClosed) return;
        clearTimeout(timer);
        waiters.delete(check);
        if (found) resolve(found);
        else reject(new Error(`the socket closed before ${description}; received ${JSON.stringify(received).slice(0, 500)}`));
      };
      const timer = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}; received ${JSON.stringify(received).slice(0, 500)}`));
      }, timeoutMs);
      waiters.add(check);
      check();
    });

  const close = async () => {
    if (!isClosed) {
      ws.close();
      await closed;
    }
  };
  return {
    ws,
    received,
    errors,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    waitFor,
    reply: (id, timeoutMs) => waitFor((message) => message.id === id && (message.error !== undefined || message.result?.type !== 'stopped'), `the reply to ${id}`, timeoutMs),
    closed,
    close,
    [Symbol.asyncDispose]: close,
  };
}

/** A raw socket signed in as `member`, shown to be answered as them before it is handed over. */
export async function signedInSocket(wsUrl: string, member: Member): Promise<RawSocket> {
  const socket = await openRawSocket(wsUrl, { connectionParams: { token: member.token } });
  socket.send(request(0, 'query', 'system.whoami'));
  expect(await socket.reply(0)).toMatchObject({ result: { data: { userId: member.user.id, transport: 'websocket' } } });
  return socket;
}

/** A tRPC request frame. */
export function request(id: number, method: 'query' | 'mutation' | 'subscription', path: string, input?: unknown) {
  return { id, method, params: { path, input } };
}

/** The HTTP status a refused WebSocket upgrade answers with, or fails if the upgrade succeeds. */
export function refusedUpgrade(wsUrl: string, options: ClientOptions = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl, options);
    ws.once('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      res.resume();
      ws.terminate();
    });
    ws.once('open', () => {
      ws.close();
      reject(new Error('expected the upgrade to be refused, but it was accepted'));
    });
    ws.once('error', (error) => reject(error));
  });
}

/** GET /healthz's answer: how many WebSockets the server holds. */
export async function openConnections(baseUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/healthz`);
  return ((await response.json()) as { connections: number }).connections;
}

/** Polls `check` every 20 ms until it holds, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T> | T, holds: (value: T) => boolean, description: string, timeoutMs = 5000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (holds(value)) return value;
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${description}; last value ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
