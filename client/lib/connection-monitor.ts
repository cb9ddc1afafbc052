import type { TRPCWebSocketClient } from '@trpc/client';
import { reconnectDelay } from './backoff';

export type ConnectionStatus =
  | { kind: 'connecting' }
  /** `fallback`: live over Server-Sent Events, because the WebSocket cannot connect (a network that refuses it). */
  | { kind: 'connected'; fallback?: true }
  /**
   * `cause` is `device` while the browser says it has no network, `server`
   * while the network is there but HoneyDo does not answer. `retryAt` is when
   * the next attempt starts (epoch ms), `null` while one is under way or the
   * device is offline.
   */
  | { kind: 'offline'; cause: 'device' | 'server'; retryAt: number | null };

export interface ConnectionMonitor {
  subscribe(listener: () => void): () => void;
  getSnapshot(): ConnectionStatus;
  /** Handed to `createWSClient` as `retryDelayMs`: each call tells us an attempt is about to run. Returns 0: the wait is `attemptDue`'s. */
  retryDelay(attempt: number): number;
  /** Resolves when the next attempt may start: after its backoff, or at once on `retryNow` or when the device comes back online. */
  attemptDue(): Promise<void>;
  /** Cuts the backoff short: the next attempt starts now. */
  retryNow(): void;
  watch(client: TRPCWebSocketClient): () => void;
  /**
   * Which transport subscriptions take now: the WebSocket, or Server-Sent
   * Events once it has failed FALLBACK_AFTER_FAILED_ATTEMPTS times in a row
   * while HoneyDo answers over HTTP (a network that refuses WebSocket, not a
   * server that is down); back to the WebSocket as soon as it opens.
   * Listeners of `subscribe` hear a change.
   */
  getTransport(): Transport;
  /** A subscription's SSE connection state (tRPC's `connecting`, `pending`, `idle`), or null once it is gone. */
  streamState(stream: object, state: string | null): void;
}

export type Transport = 'websocket' | 'sse';

/** What only reads the status (the outbox's online flag, the HTTP catch-up), not driving the socket. */
export type ConnectionStatusSource = Pick<ConnectionMonitor, 'subscribe' | 'getSnapshot'>;

/**
 * How long a (re)connect may take before it counts as offline. A server
 * restart is over within a second; an attempt that hangs this long is going
 * nowhere (a socket that went silent is closed, and its replacement's
 * handshake lost in the same dead network), and changes should wait for it.
 */
const CONNECT_GRACE_MS = 2000;
/** Failed WebSocket attempts in a row, with the device online, after which subscriptions move to SSE. */
export const FALLBACK_AFTER_FAILED_ATTEMPTS = 3;
/** While on SSE, how often the WebSocket is tried again. */
export const WEBSOCKET_RETRY_IN_FALLBACK_MS = 10_000;
/**
 * How long SSE streams may be reconnecting before the fallback counts as
 * down. The server ends a stream at its session's renewal and the
 * EventSource comes back 3 s later; that is no outage.
 */
const FALLBACK_RECONNECT_GRACE_MS = 5000;

/**
 * Derives a person-sized connection status from the WebSocket client (or
 * the SSE streams that stand in for it), and the browser's online flag.
 * `answers` asks HoneyDo over HTTP whether it is there.
 *
 * tRPC reports `pending` once the socket is open and `connecting` both for
 * the first connection and for every reconnect attempt. A drop is therefore
 * only "offline" once an attempt has failed, or has hung for a while: the
 * first attempt after a drop is immediate and usually succeeds (a server
 * restart closes with 1012 and is back within a second), and showing
 * "offline" for that blink would cry wolf. A browser that says it is offline
 * is believed at once, also while the socket still looks open: a dead
 * network often leaves it open and silent.
 */
export function createConnectionMonitor(answers: () => Promise<boolean> = () => Promise.resolve(false)): ConnectionMonitor {
  const listeners = new Set<() => void>();
  /** `null` until the client is watched. */
  let socket: 'connecting' | 'open' | 'idle' | null = null;
  let failedAttempts = 0;
  let retryAt: number | null = null;
  let slowToConnect = false;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;
  let browserOnline = typeof navigator === 'undefined' ? true : navigator.onLine;
  let snapshot: ConnectionStatus = { kind: 'connecting' };
  const waitingForAttempt = new Set<() => void>();
  let transport: Transport = 'websocket';
  let toldTransport: Transport = transport;
  /** Each SSE subscription's state; `fallbackUp` while one is open, or all have been reconnecting for less than the grace. */
  const streams = new Map<object, string>();
  let fallbackUp = false;
  let fallbackGraceTimer: ReturnType<typeof setTimeout> | undefined;

  const recompute = () => {
    const next: ConnectionStatus = !browserOnline
      ? { kind: 'offline', cause: 'device', retryAt: null }
      : socket === 'open'
        ? { kind: 'connected' }
        : transport === 'sse' && fallbackUp
          ? { kind: 'connected', fallback: true }
          : failedAttempts > 0 || slowToConnect || socket === 'idle'
          ? { kind: 'offline', cause: 'server', retryAt }
          : { kind: 'connecting' };
    if (sameStatus(next, snapshot) && transport === toldTransport) return;
    snapshot = next;
    toldTransport = transport;
    listeners.forEach((listener) => listener());
  };

  const startAttempts = () => {
    retryAt = null;
    const release = [...waitingForAttempt];
    waitingForAttempt.clear();
    release.forEach((resolve) => resolve());
    recompute();
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    retryDelay(attempt) {
      // Attempt n > 0 runs because attempt n - 1 failed.
      failedAttempts = attempt;
      retryAt = attempt === 0 ? null : Date.now() + (transport === 'sse' ? WEBSOCKET_RETRY_IN_FALLBACK_MS : reconnectDelay(attempt));
      recompute();
      // The WebSocket keeps failing: if HoneyDo answers over HTTP, the network refuses WebSocket, and SSE takes over.
      // On the fallback with no subscription open (no household yet), no stream tells how it is doing: HTTP is asked instead.
      const fallBack = transport === 'websocket' && attempt >= FALLBACK_AFTER_FAILED_ATTEMPTS && browserOnline;
      if (fallBack || (transport === 'sse' && streams.size === 0)) {
        void answers().then((answered) => {
          if (socket === 'open' || streams.size > 0 || (transport === 'websocket' && !fallBack)) return;
          if (transport === 'websocket') {
            if (!answered) return;
            // Moving, subscriptions report their streams at once (subscription-transport.ts); until one is open the fallback is not up.
            transport = 'sse';
            fallbackUp = false;
            recompute();
            if (streams.size > 0) return;
          }
          fallbackUp = answered;
          recompute();
        });
      }
      return 0;
    },
    getTransport: () => transport,
    streamState(stream, state) {
      if (state === null) streams.delete(stream);
      else streams.set(stream, state);
      if ([...streams.values()].includes('pending')) {
        clearTimeout(fallbackGraceTimer);
        fallbackGraceTimer = undefined;
        fallbackUp = true;
      } else if (state !== null && fallbackUp && fallbackGraceTimer === undefined) {
        // A stream that is gone (moved, or its household closed) says nothing about the others.
        fallbackGraceTimer = setTimeout(() => {
          fallbackGraceTimer = undefined;
          fallbackUp = false;
          recompute();
        }, FALLBACK_RECONNECT_GRACE_MS);
      }
      recompute();
    },
    attemptDue() {
      const due = retryAt;
      if (due === null || due <= Date.now()) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          waitingForAttempt.delete(release);
          retryAt = null;
          resolve();
          recompute();
        }, due - Date.now());
        const release = () => {
          clearTimeout(timer);
          resolve();
        };
        waitingForAttempt.add(release);
      });
    },
    retryNow: startAttempts,
    watch(client) {
      const subscription = client.connectionState.subscribe({
        next(state) {
          const was = socket;
          socket = state.state === 'pending' ? 'open' : state.state === 'idle' ? 'idle' : 'connecting';
          if (socket === 'open') {
            failedAttempts = 0;
            retryAt = null;
            // Subscriptions move back (subscription-transport.ts); the fallback's state starts afresh next time.
            transport = 'websocket';
            fallbackUp = false;
            clearTimeout(fallbackGraceTimer);
            fallbackGraceTimer = undefined;
          }
          // tRPC says "connecting" again on each failure of the same spell; the grace runs from the first.
          if (socket !== 'connecting' || was !== 'connecting') {
            clearTimeout(graceTimer);
            slowToConnect = false;
          }
          if (socket === 'connecting' && was !== 'connecting') {
            graceTimer = setTimeout(() => {
              slowToConnect = true;
              recompute();
            }, CONNECT_GRACE_MS);
          }
          recompute();
        },
      });
      const onOnline = () => {
        browserOnline = true;
        // Back on the network: no reason to sit out the rest of a backoff.
        startAttempts();
      };
      const onOffline = () => {
        browserOnline = false;
        recompute();
      };
      const target = typeof window === 'undefined' ? null : window;
      target?.addEventListener('online', onOnline);
      target?.addEventListener('offline', onOffline);
      return () => {
        subscription.unsubscribe();
        clearTimeout(graceTimer);
        clearTimeout(fallbackGraceTimer);
        target?.removeEventListener('online', onOnline);
        target?.removeEventListener('offline', onOffline);
      };
    },
  };
}

function sameStatus(a: ConnectionStatus, b: ConnectionStatus): boolean {
  if (a.kind === 'connected' && b.kind === 'connected') return a.fallback === b.fallback;
  if (a.kind !== 'offline' || b.kind !== 'offline') return a.kind === b.kind;
  return a.cause === b.cause && a.retryAt === b.retryAt;
}
