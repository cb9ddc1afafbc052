import { notifyManager, type QueryClient } from '@tanstack/react-query';
import { isNetworkError } from './api-errors';
import type { ConnectionStatusSource } from './connection-monitor';
import { isInOutbox } from './outbox';
import { cameBackOnline, catchUpWanted, onlyHttpMayAnswer } from './outbox-sending';

export interface HttpCatchUp {
  subscribe(listener: () => void): () => void;
  /** True while the waiting changes go out over HTTP although the WebSocket is down. */
  getSnapshot(): boolean;
  close(): void;
}

/**
 * After a long offline spell the WebSocket may take a while to come back (the
 * rest of its backoff, a handshake lost in a network still waking up, a proxy
 * that passes no WebSocket), while HTTP, which carries every change, works at
 * once. So when the device comes back online or the page is shown again with
 * changes waiting, HoneyDo is asked over HTTP (`answers`), and if it answers
 * the outbox sends now; the WebSocket reconnects on its own schedule.
 *
 * The catch-up is short on purpose: it ends once what waited is sent, as
 * soon as a change finds HoneyDo unreachable after all (the next one then
 * waits, paused, instead of going into a dead network), and when the
 * WebSocket is back or the device offline, which decide again.
 */
export function createHttpCatchUp(connection: ConnectionStatusSource, queryClient: QueryClient, answers: () => Promise<boolean>): HttpCatchUp {
  const listeners = new Set<() => void>();
  let catchingUp = false;
  let asking = false;
  const waiting = () => queryClient.isMutating({ predicate: isInOutbox });
  const set = (next: boolean) => {
    if (next === catchingUp) return;
    catchingUp = next;
    // Told in TanStack's own flush, after the cache's notices scheduled before
    // it: the header must not count the last change saved before its row shows it.
    listeners.forEach((listener) => notifyManager.schedule(listener));
  };

  const askHoneyDo = async () => {
    if (asking || catchingUp || !catchUpWanted(connection.getSnapshot(), waiting())) return;
    asking = true;
    const answered = await answers();
    asking = false;
    // The WebSocket may have come back, or the queue gone, while HoneyDo was asked.
    set(answered && catchUpWanted(connection.getSnapshot(), waiting()));
  };
  const onShown = () => {
    if (document.visibilityState === 'visible') void askHoneyDo();
  };

  const stopFollowingOutbox = queryClient.getMutationCache().subscribe((event) => {
    if (!catchingUp) return;
    const lostOnTheWay = event.type === 'updated' && isInOutbox(event.mutation) && event.action.type === 'failed' && isNetworkError(event.action.error);
    if (lostOnTheWay || waiting() === 0) set(false);
  });
  // The monitor's status, not the window's `online` event: it has taken the event in by then.
  let status = connection.getSnapshot();
  const stopFollowingConnection = connection.subscribe(() => {
    const before = status;
    status = connection.getSnapshot();
    if (!onlyHttpMayAnswer(status)) set(false);
    if (cameBackOnline(before, status)) void askHoneyDo();
  });
  document.addEventListener('visibilitychange', onShown);

  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    getSnapshot: () => catchingUp,
    close() {
      stopFollowingOutbox();
      stopFollowingConnection();
      document.removeEventListener('visibilitychange', onShown);
    },
  };
}
