import { getErrorShape, TRPCError } from '@trpc/server';
import type { Logger } from 'pino';
import type { RawData, WebSocket } from 'ws';
import { appRouter } from '../router';

/** 1013 "try again later": the client fell too far behind; it reconnects and resumes by lastEventId. */
export const CLOSE_TOO_SLOW = 1013;
/** 1008 "policy violation": too many connections for this user. */
export const CLOSE_POLICY = 1008;
/** How long a cut-off socket gets to take its close frame before it is destroyed. */
const TERMINATE_AFTER_MS = 2000;

/**
 * Bounds what one client can make the server hold for it. tRPC's adapter
 * sends without looking at `bufferedAmount`; a client that stopped reading
 * would grow the server's buffers without end. Past `maxBytes` the socket is
 * closed with 1013 and dropped; its later messages are discarded.
 */
export function boundSendBuffer(socket: WebSocket, maxBytes: number, log: Logger): void {
  const send = socket.send.bind(socket) as (data: string) => void;
  let cutOff = false;
  socket.send = ((data: string) => {
    if (cutOff || socket.readyState !== socket.OPEN) return;
    if (socket.bufferedAmount > maxBytes) {
      cutOff = true;
      log.warn({ bufferedBytes: socket.bufferedAmount }, 'websocket client too slow; cutting it off');
      socket.close(CLOSE_TOO_SLOW, 'Too far behind: reconnect and resume');
      setTimeout(() => socket.terminate(), TERMINATE_AFTER_MS).unref();
      return;
    }
    send(data);
  }) as WebSocket['send'];
}

/**
 * Caps the requests in one WebSocket frame: tRPC runs every element of a
 * batch, and one frame of many thousands would hold the event loop. An
 * oversized batch is answered with one BAD_REQUEST per request id, so every
 * caller learns why, and none of it runs.
 */
export function capBatches(socket: WebSocket, maxBatch: number): void {
  const emit = socket.emit.bind(socket);
  // `ws` delivers frames through `emit('message')`; tRPC's listener is behind it.
  socket.emit = ((event: string, ...args: unknown[]) => {
    if (event === 'message') {
      const ids = oversizedBatchIds(args[0] as RawData, maxBatch);
      if (ids) {
        for (const id of ids) socket.send(JSON.stringify({ id, error: batchError(ids.length, maxBatch) }));
        return true;
      }
    }
    return emit(event, ...args);
  }) as WebSocket['emit'];
}

/** The request ids of a JSON array frame longer than `maxBatch`, or null for anything else. */
function oversizedBatchIds(data: RawData, maxBatch: number): unknown[] | null {
  const text = rawBuffer(data);
  if (text[0] !== 0x5b /* [ */) return null;
  try {
    const batch: unknown = JSON.parse(text.toString('utf8'));
    if (!Array.isArray(batch) || batch.length <= maxBatch) return null;
    return batch.map((message) => (message && typeof message === 'object' && 'id' in message ? message.id : null));
  } catch {
    return null; // not JSON: tRPC answers PARSE_ERROR itself
  }
}

function batchError(size: number, maxBatch: number) {
  const error = new TRPCError({ code: 'BAD_REQUEST', message: `A batch of ${size} requests is more than the ${maxBatch} one message may carry.` });
  return getErrorShape({ config: appRouter._def._config, error, type: 'unknown', path: undefined, input: undefined, ctx: undefined });
}

/**
 * tRPC refuses connectionParams holding anything but strings (`{ token: null }`
 * is what a signed-out Clerk client's `getToken()` gives) with PARSE_ERROR and
 * closes the socket; its client reconnects at once with the same params, in a
 * storm (about a thousand connections in 3 s, measured). Such params carry no
 * usable token, so they are read as their string values only: the connection
 * opens signed out, its calls are UNAUTHORIZED (which a client does not retry)
 * and the auth deadline closes it. Other first frames are left to tRPC.
 */
export function tolerateMalformedConnectionParams(socket: WebSocket): void {
  const emit = socket.emit.bind(socket);
  let first = true;
  socket.emit = ((event: string, ...args: unknown[]) => {
    if (event === 'message' && first) {
      first = false;
      if (args[1] !== true) args[0] = withStringParamsOnly(args[0] as RawData) ?? args[0];
    }
    return emit(event, ...args);
  }) as WebSocket['emit'];
}

/** A connectionParams frame with its non-string values dropped, or null to leave the frame as it came. */
function withStringParamsOnly(frame: RawData): Buffer | null {
  let message: unknown;
  try {
    message = JSON.parse(rawBuffer(frame).toString('utf8'));
  } catch {
    return null;
  }
  if (!isRecord(message) || message.method !== 'connectionParams' || message.data === null) return null;
  const { data } = message;
  if (isRecord(data) && Object.values(data).every((value) => typeof value === 'string')) return null;
  const params = isRecord(data) ? Object.fromEntries(Object.entries(data).filter(([, value]) => typeof value === 'string')) : null;
  return Buffer.from(JSON.stringify({ ...message, data: params }));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rawBuffer(data: RawData): Buffer {
  return Buffer.isBuffer(data) ? data : Buffer.concat(Array.isArray(data) ? data : [Buffer.from(data)]);
}

/** Open sockets per key (an IP address, a user id), to refuse one more past the limit. */
export class ConnectionCounter {
  private readonly counts = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Counts `socket` under `key` until it closes; false (and not counted) when the key is at its limit. */
  admit(key: string, socket: WebSocket): boolean {
    const current = this.counts.get(key) ?? 0;
    if (current >= this.max) return false;
    this.counts.set(key, current + 1);
    socket.once('close', () => {
      const left = (this.counts.get(key) ?? 1) - 1;
      if (left > 0) this.counts.set(key, left);
      else this.counts.delete(key);
    });
    return true;
  }

  isFull(key: string): boolean {
    return (this.counts.get(key) ?? 0) >= this.max;
  }
}
