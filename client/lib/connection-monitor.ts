import type { TRPCWebSocketClient } from '@trpc/client';
import { reconnectDelay } from './backoff';

export type ConnectionStatus =
  | { kind: 'connecting' }
  | { kind: 'connected' }
  /** `retryAt` is when the next attempt starts (epoch ms), `null` while the browser itself is offline. */
  | { kind: 'offline'; retryAt: number | null };

export interface ConnectionMonitor {
  subscribe(listener: () => void): () => void;
  getSnapshot(): ConnectionStatus;
  /** Handed to `createWSClient` as `retryDelayMs`: each call tells us an attempt is about to run. */
  retryDelay(attempt: number): number;
  watch(client: TRPCWebSocketClient): () => void;
}

/**
 * Derives a person-sized connection status from the WebSocket client.
 *
 * tRPC reports `pending` once the socket is open and `connecting` both for
 * the first connection and for every reconnect attempt. A drop is therefore
 * only "offline" once an attempt has failed: the first attempt after a drop
 * is immediate and usually succeeds (a server restart closes with 1012 and is
 * back within a second), and showing "offline" for that blink would cry wolf.
 */
export function createConnectionMonitor(): ConnectionMonitor {
  const listeners = new Set<() => void>();
  let socket: 'connecting' | 'open' | 'idle' = 'connecting';
  let failedAttempts = 0;
  let retryAt: number | null = null;
  let browserOnline = typeof navigator === 'undefined' ? true : navigator.onLine;
  let snapshot: ConnectionStatus = { kind: 'connecting' };

  const recompute = () => {
    const next: ConnectionStatus =
      !browserOnline && socket !== 'open'
        ? { kind: 'offline', retryAt: null }
        : socket === 'open'
          ? { kind: 'connected' }
          : failedAttempts > 0 || socket === 'idle'
            ? { kind: 'offline', retryAt }
            : { kind: 'connecting' };
    if (sameStatus(next, snapshot)) return;
    snapshot = next;
    listeners.forEach((listener) => listener());
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => snapshot,
    retryDelay(attempt) {
      const delay = reconnectDelay(attempt);
      // Attempt n > 0 runs because attempt n - 1 failed.
      failedAttempts = attempt;
      retryAt = attempt > 0 ? Date.now() + delay : null;
      recompute();
      return delay;
    },
    watch(client) {
      const subscription = client.connectionState.subscribe({
        next(state) {
          socket = state.state === 'pending' ? 'open' : state.state === 'idle' ? 'idle' : 'connecting';
          if (socket === 'open') {
            failedAttempts = 0;
            retryAt = null;
          }
          recompute();
        },
      });
      const onOnline = () => {
        browserOnline = true;
        recompute();
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
        target?.removeEventListener('online', onOnline);
        target?.removeEventListener('offline', onOffline);
      };
    },
  };
}

function sameStatus(a: ConnectionStatus, b: ConnectionStatus): boolean {
  if (a.kind !== b.kind) return false;
  return a.kind !== 'offline' || b.kind !== 'offline' || a.retryAt === b.retryAt;
}
