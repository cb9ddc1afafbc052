import type { QueryClient } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { OUTBOX_SCOPE } from './outbox';
import { createQueryClient, outboxRetry, outboxRetryDelay } from './query-client';

/** What a request that got no tRPC answer fails with: no connection, or a proxy's HTML error page. */
const unanswered = () => new TRPCClientError('Unexpected token < in JSON');
const refused = (code: string) => new TRPCClientError(code, { result: { error: { message: code, code: -32000, data: { code } } } });

/** Runs a change whose every try fails with `failWith(try)` until it returns null; resolves with how many tries it took. */
async function tries(queryClient: QueryClient, options: { outbox: boolean }, failWith: (attempt: number) => Error | null) {
  let attempt = 0;
  const mutation = queryClient.getMutationCache().build(queryClient, {
    mutationFn: async () => {
      const error = failWith(++attempt);
      if (error) throw error;
      return 'saved';
    },
    retryDelay: 0,
    ...(options.outbox ? { scope: OUTBOX_SCOPE, retry: outboxRetry(queryClient) } : {}),
  });
  const result = await mutation.execute(undefined).catch(() => 'failed');
  return { result, attempt };
}

describe('retries of changes', () => {
  it('a change outside the outbox that never gets an answer is given up after six more tries instead of staying pending', async () => {
    const { queryClient } = createQueryClient(() => undefined);
    expect(await tries(queryClient, { outbox: false }, unanswered)).toEqual({ result: 'failed', attempt: 7 });
  });

  it('an outbox change is tried for as long as the server asks to slow down', async () => {
    const { queryClient } = createQueryClient(() => undefined);
    const busyFor = (n: number) => (attempt: number) => (attempt <= n ? refused('TOO_MANY_REQUESTS') : null);
    expect(await tries(queryClient, { outbox: true }, busyFor(20))).toEqual({ result: 'saved', attempt: 21 });
  });

  it('an outbox change that gets no answer from HoneyDo is never given up: it is tried until it arrives, and the changes behind it follow', async () => {
    const { queryClient } = createQueryClient(() => undefined);
    const unreachableFor = (n: number) => (attempt: number) => (attempt <= n ? unanswered() : null);
    const waiting = tries(queryClient, { outbox: true }, unreachableFor(40));
    const behind = tries(queryClient, { outbox: true }, () => null);
    expect(await waiting).toEqual({ result: 'saved', attempt: 41 });
    expect(await behind).toEqual({ result: 'saved', attempt: 1 });
  });

  it('an outbox change refused by HoneyDo is final at once', async () => {
    const { queryClient } = createQueryClient(() => undefined);
    expect(await tries(queryClient, { outbox: true }, () => refused('CONFLICT'))).toEqual({ result: 'failed', attempt: 1 });
  });

  it('after a lost connection an outbox change waits seconds, not a long backoff, before it is tried again', () => {
    expect(Math.max(...[1, 5, 20, 100].map((failures) => outboxRetryDelay(failures, unanswered())))).toBeLessThanOrEqual(6000);
  });

  it('no change is tried again once the session is over', async () => {
    const { queryClient, stopRetrying } = createQueryClient(() => undefined);
    stopRetrying();
    expect(await tries(queryClient, { outbox: true }, () => refused('TOO_MANY_REQUESTS'))).toEqual({ result: 'failed', attempt: 1 });
  });
});
