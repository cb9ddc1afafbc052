import type { TRPCWebSocketClient } from '@trpc/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createConnectionMonitor, FALLBACK_AFTER_FAILED_ATTEMPTS, WEBSOCKET_RETRY_IN_FALLBACK_MS } from './connection-monitor';

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
    monitor.retryDelay(1);
    const status = monitor.getSnapshot();
    expect(status.kind).toBe('offline');
    if (status.kind !== 'offline') return;
    expect(status.cause).toBe('server');
    expect(status.retryAt).toBeGreaterThan(before);

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

  it('an attempt waits out its backoff, and "Retry now" starts it at once', async () => {
    const monitor = createConnectionMonitor();
    monitor.watch(fakeClient().client);
    monitor.retryDelay(4);
    let started = false;
    const attempt = monitor.attemptDue().then(() => (started = true));
    await Promise.resolve();
    expect(started).toBe(false);
    monitor.retryNow();
    await attempt;
    expect(started).toBe(true);
  });

  it('a reconnect that hangs counts as offline after a moment, so changes wait instead of being sent into it', () => {
    vi.useFakeTimers();
    const monitor = createConnectionMonitor();
    const fake = fakeClient();
    monitor.watch(fake.client);
    fake.set('pending');
    fake.set('connecting');
    monitor.retryDelay(0);
    expect(monitor.getSnapshot().kind).toBe('connecting');
    vi.advanceTimersByTime(2000);
    expect(monitor.getSnapshot()).toEqual({ kind: 'offline', cause: 'server', retryAt: null });
  });
});

describe('a device without network', () => {
  // What the monitor reads of the browser: its online flag and the window's online and offline events.
  const browser = new EventTarget();
  const setOnline = (online: boolean) => {
    vi.stubGlobal('navigator', { onLine: online });
    browser.dispatchEvent(new Event(online ? 'online' : 'offline'));
  };

  it('is offline at once, also while the socket still looks open (a dead network often leaves it open and silent)', () => {
    vi.stubGlobal('window', browser);
    const monitor = createConnectionMonitor();
    const fake = fakeClient();
    monitor.watch(fake.client);
    fake.set('pending');
    setOnline(false);
    expect(monitor.getSnapshot()).toEqual({ kind: 'offline', cause: 'device', retryAt: null });
    setOnline(true);
    expect(monitor.getSnapshot()).toEqual({ kind: 'connected' });
  });
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});
describe('the SSE fallback', () => {
  it(`moves subscriptions to SSE after ${FALLBACK_AFTER_FAILED_ATTEMPTS} failed WebSocket attempts while HoneyDo answers over HTTP, is "connected (fallback)" while a stream is open, and returns to the WebSocket when it opens`, async () => {
    const monitor = createConnectionMonitor(() => Promise.resolve(true));
    const fake = fakeClient();
    monitor.watch(fake.client);
    const transports: string[] = [];
    monitor.subscribe(() => transports.push(monitor.getTransport()));
    for (let attempt = 0; attempt < FALLBACK_AFTER_FAILED_ATTEMPTS; attempt++) monitor.retryDelay(attempt);
    expect(monitor.getTransport()).toBe('websocket');

    monitor.retryDelay(FALLBACK_AFTER_FAILED_ATTEMPTS);
    await vi.waitFor(() => expect(monitor.getTransport()).toBe('sse'));
    // HTTP answered: live on the fallback until a stream says otherwise.
    expect(monitor.getSnapshot()).toEqual({ kind: 'connected', fallback: true });
    // The WebSocket is still tried, now and then.
    vi.useFakeTimers();
    monitor.retryDelay(FALLBACK_AFTER_FAILED_ATTEMPTS + 1);
    let due = false;
    void monitor.attemptDue().then(() => (due = true));
    await vi.advanceTimersByTimeAsync(WEBSOCKET_RETRY_IN_FALLBACK_MS - 1000);
    expect(due).toBe(false);
    await vi.advanceTimersByTimeAsync(1500);
    expect(due).toBe(true);
    vi.useRealTimers();

    const stream = {};
    monitor.streamState(stream, 'pending');
    expect(monitor.getSnapshot()).toEqual({ kind: 'connected', fallback: true });

    fake.set('pending');
    expect(monitor.getTransport()).toBe('websocket');
    expect(monitor.getSnapshot()).toEqual({ kind: 'connected' });
    expect(transports.at(-1)).toBe('websocket');
    expect(transports).toContain('sse');
  });

  it('stays "connected (fallback)" while a stream reconnects for a moment (its renewal), and is offline once that lasts', async () => {
    const monitor = createConnectionMonitor(() => Promise.resolve(true));
    const fake = fakeClient();
    monitor.watch(fake.client);
    for (let attempt = 0; attempt <= FALLBACK_AFTER_FAILED_ATTEMPTS; attempt++) monitor.retryDelay(attempt);
    await vi.waitFor(() => expect(monitor.getTransport()).toBe('sse'));
    vi.useFakeTimers();
    const stream = {};
    monitor.streamState(stream, 'pending');
    monitor.streamState(stream, 'connecting');
    vi.advanceTimersByTime(4000);
    expect(monitor.getSnapshot()).toEqual({ kind: 'connected', fallback: true });
    monitor.streamState(stream, 'pending');
    vi.advanceTimersByTime(10_000);
    expect(monitor.getSnapshot()).toEqual({ kind: 'connected', fallback: true });

    monitor.streamState(stream, 'connecting');
    vi.advanceTimersByTime(5000);
    expect(monitor.getSnapshot().kind).toBe('offline');
  });

  it('does not fall back while HoneyDo does not answer over HTTP either: the server is down, not the WebSocket refused', async () => {
    let asked = 0;
    const monitor = createConnectionMonitor(() => {
      asked++;
      return Promise.resolve(false);
    });
    const fake = fakeClient();
    monitor.watch(fake.client);
    for (let attempt = 0; attempt <= FALLBACK_AFTER_FAILED_ATTEMPTS + 2; attempt++) monitor.retryDelay(attempt);
    await vi.waitFor(() => expect(asked).toBe(3));
    expect(monitor.getTransport()).toBe('websocket');
    expect(monitor.getSnapshot().kind).toBe('offline');
  });

  it('does not fall back while the device is offline: those attempts fail for want of any network', () => {
    const browser = new EventTarget();
    vi.stubGlobal('window', browser);
    vi.stubGlobal('navigator', { onLine: false });
    const monitor = createConnectionMonitor();
    const fake = fakeClient();
    monitor.watch(fake.client);
    for (let attempt = 0; attempt <= FALLBACK_AFTER_FAILED_ATTEMPTS + 2; attempt++) monitor.retryDelay(attempt);
    expect(monitor.getTransport()).toBe('websocket');
  });
});
