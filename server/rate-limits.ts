import { TRPCError } from '@trpc/server';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Limits } from './env';

/** Carried as a rate-limit error's cause, so the error formatter can tell the client when to retry. */
export class RetryAfter extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`retry after ${retryAfterMs} ms`);
  }
}

export interface RateLimiter {
  /** Takes one unit of `key`'s allowance, or throws TOO_MANY_REQUESTS saying when to retry. */
  consume(key: string): Promise<void>;
}

/**
 * Mutations per user: a steady rate with a burst allowance on top (one of
 * rate-limiter-flexible's limiters for each), so checking off ten items in a
 * row is fine and a runaway script is not. Sign-ins per address, against
 * password guessing. In memory; the library's Redis store is the swap for a
 * multi-process deployment.
 */
export function createRateLimits(limits: Limits) {
  const mutations = new BurstyRateLimiter(
    new RateLimiterMemory({ keyPrefix: 'mutation', points: limits.mutationsPerSecond, duration: 1 }),
    new RateLimiterMemory({ keyPrefix: 'mutation-burst', points: limits.mutationBurst, duration: 60 }),
  );
  const signIns = new RateLimiterMemory({ keyPrefix: 'sign-in', points: limits.signInsPerMinute, duration: 60 });
  return {
    mutations: limiter((key) => mutations.consume(key), 'Too many changes at once'),
    signIns: limiter((key) => signIns.consume(key), 'Too many sign-in attempts from this address'),
  };
}

export type RateLimits = ReturnType<typeof createRateLimits>;

function limiter(consume: (key: string) => Promise<unknown>, what: string): RateLimiter {
  return {
    async consume(key) {
      try {
        await consume(key);
      } catch (rejection) {
        if (!(rejection instanceof RateLimiterRes)) throw rejection;
        const retryAfterMs = Math.max(1, Math.ceil(rejection.msBeforeNext));
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: `${what}: try again in ${Math.ceil(retryAfterMs / 1000)} s.`,
          cause: new RetryAfter(retryAfterMs),
        });
      }
    },
  };
}
