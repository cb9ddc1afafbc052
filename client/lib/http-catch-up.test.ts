import { QueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStatus, ConnectionStatusSource } from './connection-monitor';
import { createHttpCatchUp } from './http-catch-up';
import { OUTBOX_SCOPE } from './outbox';
import { bindOnlineManager } from './query-client';

const unreachable: ConnectionStatus = { kind: 'offline', cause: 'server', retryAt: null };

/** The live connection, down for the whole test. */
const liveConnectionDown: ConnectionStatusSource = { subscribe: () => () => undefined, getSnapshot: () => unreachable };

/** What the catch-up reads of the page: whether it is shown, and its `visibilitychange` event. */
function pageShownAgain() {
  const page = Object.assign(new EventTarget(), { visibilityState: 'visible' });
  vi.stubGlobal('document', page);
  return () => page.dispatchEvent(new Event('visibilitychange'));
}

/**
 * A session's cache with the outbox's online flag bound to the live
 * connection and the catch-up, and `failures` network failures in store:
 * each change queued in it records its tries in `sent`.
 */
function outboxWhileLiveConnectionIsDown(answers: () => Promise<boolean>, failures = 0) {
  const queryClient = new QueryClient();
  queryClient.mount();
  const catchUp = createHttpCatchUp(liveConnectionDown, queryClient, answers);
  const unbind = bindOnlineManager(liveConnectionDown, catchUp);
  const sent: string[] = [];
  let failuresLeft = failures;
  const queue = (name: string) =>
    queryClient
      .getMutationCache()
      .build(queryClient, {
        scope: OUTBOX_SCOPE,
        retry: true,
        retryDelay: 0,
        mutationFn: async () => {
          sent.push(name);
          if (failuresLeft-- > 0) throw new TRPCClientError('Failed to fetch');
        },
      })
      .execute(undefined);
  return {
    queryClient,
    catchUp,
    sent,
    queue,
    [Symbol.dispose]() {
      unbind();
      catchUp.close();
      queryClient.unmount();
    },
  };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('catching up over HTTP while the live connection is down', () => {
  it('the page shown again sends what waited once HoneyDo answers, and the catch-up ends when all of it is sent', async () => {
    const show = pageShownAgain();
    const answers = vi.fn(() => Promise.resolve(true));
    using outbox = outboxWhileLiveConnectionIsDown(answers);
    const saved = Promise.all([outbox.queue('bread'), outbox.queue('eggs')]);
    await settled();
    expect(outbox.sent).toEqual([]);

    show();
    await saved;
    expect(outbox.sent).toEqual(['bread', 'eggs']);
    expect(answers).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(outbox.catchUp.getSnapshot()).toBe(false));
  });

  it('when HoneyDo does not answer, the changes keep waiting', async () => {
    const show = pageShownAgain();
    using outbox = outboxWhileLiveConnectionIsDown(() => Promise.resolve(false));
    void outbox.queue('bread');
    show();
    await settled();
    expect(outbox.sent).toEqual([]);
    expect(outbox.catchUp.getSnapshot()).toBe(false);
    expect(outbox.queryClient.getMutationCache().getAll()[0]?.state).toMatchObject({ status: 'pending', isPaused: true });
  });

  it('a change lost on the way ends the catch-up: it waits, paused, instead of being sent again and again into a dead network', async () => {
    const show = pageShownAgain();
    using outbox = outboxWhileLiveConnectionIsDown(() => Promise.resolve(true), 1);
    void outbox.queue('bread');
    show();
    await vi.waitFor(() => expect(outbox.sent).toEqual(['bread']));
    await settled();
    expect(outbox.sent).toEqual(['bread']);
    expect(outbox.catchUp.getSnapshot()).toBe(false);
    expect(outbox.queryClient.getMutationCache().getAll()[0]?.state).toMatchObject({ status: 'pending', isPaused: true });
  });

  it('nothing waiting, nothing asked', async () => {
    const show = pageShownAgain();
    const answers = vi.fn(() => Promise.resolve(true));
    using outbox = outboxWhileLiveConnectionIsDown(answers);
    show();
    await settled();
    expect(answers).not.toHaveBeenCalled();
    expect(outbox.catchUp.getSnapshot()).toBe(false);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
});
