import { TRPCError } from '@trpc/server';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, createContext, type Context } from '../context';
import type { Deps } from '../deps';
import { errorShape } from './error-shape';
import { clientIp } from './origin-policy';
import { CLOSE_RENEW_SESSION, type Peer, type WebSocketConnections } from './ws-connections';

/** How long a stream that was ended gets to send its last event before its connection is cut. */
const DESTROY_AFTER_MS = 5000;
/**
 * A client that has taken nothing of what was sent for this long (its
 * response needs draining at every look, a second apart) is cut off, as a
 * WebSocket past WS_MAX_BUFFERED_BYTES: its stream stops, so the events
 * waiting for it stop piling up, and it resumes when it reconnects.
 */
export const SSE_STALLED_CUTOFF_MS = 10_000;
const LOOK_EVERY_MS = 1000;

export interface SseSubscriptions {
  /** Serves a subscription request: admits it as a connection, then hands it to tRPC's HTTP handler with its context. */
  handle(req: IncomingMessage, res: ServerResponse, path: string): void;
  /** Open streams, for /healthz and the metrics. */
  size(): number;
  /** Ends every open stream (at shutdown): clients reconnect, to this server once it is back, and resume. */
  close(): void;
}

/**
 * `events.household` as Server-Sent Events at `/trpc`, for networks that
 * refuse WebSocket (docs/decisions/0019-sse-fallback.md). tRPC's HTTP handler
 * streams it; before it runs, each stream is admitted here as a connection of
 * the one registry the WebSockets count in: the bearer token verified
 * (without one tRPC answers UNAUTHORIZED in the stream and ends it, so an
 * unauthenticated stream is never held), the limits per address and per user
 * (429 past them), and the session's deadline. At that deadline the stream
 * ends with SERVICE_UNAVAILABLE, which tRPC's client retries: the
 * EventSource reconnects with a fresh token and `Last-Event-ID`, and the
 * replay resumes after it.
 */
export function createSseSubscriptions(
  deps: Deps,
  connections: WebSocketConnections,
  contexts: WeakMap<IncomingMessage, Context>,
  serve: (req: IncomingMessage, res: ServerResponse) => void,
): SseSubscriptions {
  const { fleetConnections } = deps;
  /** Each open stream: what ends it, its response, and since when (epoch ms) it has needed draining, or 0. */
  const open = new Map<Peer, { end: (error: TRPCError) => void; res: ServerResponse; stalledSince: number }>();
  const tooSlow = new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'Too far behind: reconnect and resume where you stopped.' });
  const watcher = setInterval(() => {
    const now = Date.now();
    for (const stream of open.values()) {
      if (!stream.res.writableNeedDrain) stream.stalledSince = 0;
      else if (stream.stalledSince === 0) stream.stalledSince = now;
      else if (now - stream.stalledSince >= SSE_STALLED_CUTOFF_MS) {
        deps.log.warn({ stalledMs: now - stream.stalledSince }, 'event stream client too slow; cutting it off');
        stream.end(tooSlow);
      }
    }
  }, LOOK_EVERY_MS).unref();

  const admit = async (req: IncomingMessage, res: ServerResponse, path: string) => {
    const ip = clientIp(req);
    const ctx = await createContext(deps, bearerToken(req.headers.authorization), null, ip);
    const session = ctx.session;
    contexts.set(req, ctx);
    if (!session) return serve(req, res);
    const elsewhere = fleetConnections
      ? { ip: await fleetConnections.elsewhere('ip', ip), user: await fleetConnections.elsewhere('user', session.userId) }
      : undefined;
    if (res.destroyed) return;
    const ending = new AbortController();
    let destroyTimer: NodeJS.Timeout | undefined;
    const end = (error: TRPCError) => {
      if (ending.signal.aborted) return;
      ending.abort(error);
      destroyTimer = setTimeout(() => res.destroy(), DESTROY_AFTER_MS).unref();
    };
    const stream: Peer = {
      close: (code) => end(new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: code === CLOSE_RENEW_SESSION ? RENEW_MESSAGE : EXPIRED_MESSAGE })),
      send: () => undefined,
      terminate: () => res.destroy(),
    };
    const refusal = connections.admitStream(stream, ip, session, elsewhere);
    if (refusal) return refuse(res, path, `${refusal}: close another HoneyDo tab or device, or try again later.`);
    open.set(stream, { end, res, stalledSince: 0 });
    res.once('close', () => {
      clearTimeout(destroyTimer);
      open.delete(stream);
      connections.release(stream);
    });
    ctx.streamEnd = ending.signal;
    ctx.log.debug({ path }, 'event stream opened');
    serve(req, res);
  };

  return {
    handle(req, res, path) {
      admit(req, res, path).catch((error: unknown) => {
        deps.log.error({ err: error, path }, 'event stream failed to open');
        if (!res.headersSent) refuse(res, path, 'The event stream could not be opened: try again in a moment.', 'INTERNAL_SERVER_ERROR');
      });
    },
    size: () => open.size,
    close() {
      const restarting = new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'The server is restarting: reconnect in a moment; the stream resumes where it stopped.' });
      clearInterval(watcher);
      for (const { end } of open.values()) end(restarting);
    },
  };
}

const RENEW_MESSAGE = 'The session is due for renewal: reconnect with a fresh token; the stream resumes where it stopped.';
const EXPIRED_MESSAGE = 'The session expired: reconnect with a fresh token; the stream resumes where it stopped.';

function refuse(res: ServerResponse, path: string, message: string, code: TRPCError['code'] = 'TOO_MANY_REQUESTS'): void {
  const shape = errorShape(new TRPCError({ code, message }), path);
  res.writeHead(shape.data.httpStatus, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ error: shape }));
}
