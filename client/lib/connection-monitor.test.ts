import type { TRPCWebSocketClient } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { createConnectionMonitor } from './connection-monitor';

type State = { type: 'state'; state: 'connecting' | 'pending' | 'idle'; error: null };

/** Just the part of the WebSocket client the monitor reads: a behaviour subject of its state. */
function fakeClient() {
  let current: State = { type: 'state', state: 'connecting', error: null };
  const observers = new Set<{ next: (state: State) => void }>();
  const connectionState = {
    subscribe(observer: { next: (state: State) => void }) {
      observers.add(observer);
      observer.next(current);
      return { unsubscribe: () => observers.delete(observer) };
    },
  };
  return {
    client: { connectionState } as unknown as TRPCWebSocketClient,
    set(state: State['state']) {
      current = { type: 'state', state, error: null };
      observers.forEach((observer) => observer.next(current));
    },
  };
}

describe('connection status', () => {
  it('is connecting at first, connected once the socket opens', () => {
    const monitor = createConnectionMonitor();
    const fake = fakeClient();
    monitor.watch(fake.client);
    expect(monitor.getSnapshot()).toEqual({ kind: 'connecting' });
    fake.set('pending');
    expect(monitor.getSnapshot()).toEqual({ kind: 'connected' });
  });

  it('a drop is "connecting" during the immediate retry and "offline" once a retry has failed, with when the next one runs', () => {
    const monitor = createConnectionMonitor();
    const fake = fakeClient();
    monitor.watch(fake.client);
    fake.set('pending');
    const changes: string[] = [];
    monitor.subscribe(() => changes.push(monitor.getSnapshot().kind));

    fake.set('connecting');
    expect(monitor.retryDelay(0)).toBe(0);
    expect(monitor.getSnapshot()).toEqual({ kind: 'connecting' });

    const before = Date.now();
    const delay = monitor.retryDelay(1);
    const status = monitor.getSnapshot();
    expect(status.kind).toBe('offline');
    if (status.kind !== 'offline') return;
    expect(status.retryAt).toBeGreaterThanOrEqual(before + delay);

    fake.set('pending');
    expect(monitor.getSnapshot()).toEqual({ kind: 'connected' });
    expect(changes).toEqual(['connecting', 'offline', 'connected']);
  });

  it('a client that was closed reads as offline', () => {
    const monitor = createConnectionMonitor();
    const fake = fakeClient();
    monitor.watch(fake.client);
    fake.set('idle');
    expect(monitor.getSnapshot().kind).toBe('offline');
  });
});
