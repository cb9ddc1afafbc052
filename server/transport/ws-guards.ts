import { TRPCError } from '@trpc/server';
import type { Logger } from 'pino';
import { WebSocket, type RawData } from 'ws';
import { errorShape } from './error-shape';

/** 1013 "try again later": the client fell too far behind; it reconnects and resumes by lastEventId. */
export const CLOSE_TOO_SLOW = 1013;
/** How long a cut-off socket gets to take its close frame before it is destroyed. */
const TERMINATE_AFTER_MS = 2000;

type SendData = Parameters<WebSocket['send']>[0];
type SendOptions = Exclude<Parameters<WebSocket['send']>[1], ((...args: never[]) => unknown) | undefined>;
type SendCallback = (error?: Error) => void;

export interface SocketGuards {
  /** Unsent bytes a client may leave queued before it is cut off. */
  maxBufferedBytes: number;
  /** Requests one frame may carry. */
  maxBatch: number;
  log: Logger;
}

/**
 * The server's sockets, as a `ws` WebSocket class (its `WebSocket` option):
 * the guards live on the prototype, so a connection carries two fields for
 * them and no closures of its own.
 *
 * - Bounded sends. The protocol handler sends without looking at `bufferedAmount`;
 *   a client that stopped reading would grow the server's buffers without
 *   end. Past the bound the socket is closed with 1013 and dropped; later
 *   sends are discarded.
 * - Capped batches. tRPC runs every element of a batch, and one frame of many
 *   thousands would hold the event loop. An oversized batch is answered with
 *   one BAD_REQUEST per request id, so every caller learns why, and none of
 *   it runs. A batch is whatever JSON.parse reads as an array, leading
 *   whitespace included.
 * - Nothing runs once the socket is closing: a client that ignores our close
 *   frame cannot keep calling on a session we just ended.
 * - Tolerated connectionParams. tRPC refuses connectionParams holding
 *   anything but strings (`{ token: null }` is what a signed-out Clerk
 *   client's `getToken()` gives) with PARSE_ERROR and closes the socket; its
 *   client reconnects at once with the same params, in a storm (about a
 *   thousand connections in 3 s, measured). Such params carry no usable
 *   token, so they are read as their string values only: the connection opens
 *   signed out, its calls are UNAUTHORIZED (which a client does not retry) and
 *   the auth deadline closes it. Other first frames are left to tRPC.
 */
export function guardedSocketClass(guards: SocketGuards): typeof WebSocket {
  return class GuardedSocket extends WebSocket {
    private cutOff = false;
    private seenFirstMessage = false;

    override send(data: SendData, cb?: SendCallback): void;
    override send(data: SendData, options: SendOptions, cb?: SendCallback): void;
    override send(data: SendData, optionsOrCb?: SendOptions | SendCallback, cb?: SendCallback): void {
      if (this.cutOff || this.readyState !== WebSocket.OPEN) return;
      if (this.bufferedAmount > guards.maxBufferedBytes) {
        this.cutOff = true;
        guards.log.warn({ bufferedBytes: this.bufferedAmount }, 'websocket client too slow; cutting it off');
        this.close(CLOSE_TOO_SLOW, 'Too far behind: reconnect and resume');
        setTimeout(() => this.terminate(), TERMINATE_AFTER_MS).unref();
        return;
      }
      if (typeof optionsOrCb === 'function') super.send(data, optionsOrCb);
      else super.send(data, optionsOrCb ?? {}, cb);
    }

    // `ws` delivers frames through `emit('message', data, isBinary)`; the protocol handler's listener is behind it.
    override emit(event: string | symbol, ...args: unknown[]): boolean {
      if (event !== 'message') return super.emit(event, ...args);
      // A socket we are closing (expired, cut off, shutting down) runs nothing
      // more, whatever its client keeps sending before the close completes.
      if (this.cutOff || this.readyState !== WebSocket.OPEN) return true;
      if (!this.seenFirstMessage) {
        this.seenFirstMessage = true;
        if (args[1] !== true) args[0] = withStringParamsOnly(args[0] as RawData) ?? args[0];
      }
      const oversized = oversizedBatchIds(args[0] as RawData, guards.maxBatch);
      if (oversized) {
        for (const id of oversized) this.send(JSON.stringify({ id, error: batchError(oversized.length, guards.maxBatch) }));
        return true;
      }
      return super.emit(event, ...args);
    }
  };
}

/** The request ids of a JSON array frame longer than `maxBatch`, or null for anything else. */
function oversizedBatchIds(data: RawData, maxBatch: number): unknown[] | null {
  const text = rawBuffer(data);
  // Only an array can be a batch; JSON allows whitespace before it.
  if (text[firstNonWhitespace(text)] !== 0x5b /* [ */) return null;
  try {
    const batch: unknown = JSON.parse(text.toString('utf8'));
    if (!Array.isArray(batch) || batch.length <= maxBatch) return null;
    return batch.map((message) => (message && typeof message === 'object' && 'id' in message ? message.id : null));
  } catch {
    return null; // not JSON: tRPC answers PARSE_ERROR itself
  }
}

/** JSON's four whitespace bytes: space, tab, line feed, carriage return. */
const JSON_WHITESPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

function firstNonWhitespace(bytes: Buffer): number {
  const index = bytes.findIndex((byte) => !JSON_WHITESPACE.has(byte));
  return index === -1 ? bytes.length : index;
}

function batchError(size: number, maxBatch: number) {
  return errorShape(new TRPCError({ code: 'BAD_REQUEST', message: `A batch of ${size} requests is more than the ${maxBatch} one message may carry.` }));
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
