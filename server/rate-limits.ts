import { TRPCError } from '@trpc/server';
import { BurstyRateLimiter, RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type IRateLimiterOptions } from 'rate-limiter-flexible';
import type { Limits } from './env';
import { KEY_PREFIX, type RedisClient } from './redis/redis-clients';

/** Carried as a rate-limit error's cause, so the error formatter can tell the client when to retry. */
export class RetryAfter extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`retry after ${retryAfterMs} ms`);
  }
}

export interface RateLimiter {
  /** Takes `points` (one by default) of `key`'s allowance, or throws TOO_MANY_REQUESTS saying when to retry. */
  consume(key: string, points?: number): Promise<void>;
}

/**
 * Mutations and queries per user: a steady rate with a burst allowance on top
 * (one of rate-limiter-flexible's limiters for each), so checking off ten
 * items in a row is fine and a runaway script is not. Sign-ins and joins per
 * address, against password and invite-code guessing (accounts are free in
 * local mode, so a per-user limit alone would not hold). In memory, or
 * with `redis` in Redis, shared by every process of a fleet.
 */
export function createRateLimits(limits: Limits, redis: RedisClient | null = null) {
  const store: Store = redis ? sharedIn(redis) : (options) => new RateLimiterMemory(options);
  const perSecondWithBurst = (name: string, perSecond: number, burst: number) =>
    new BurstyRateLimiter(
      store({ keyPrefix: name, points: perSecond, duration: 1 }),
      store({ keyPrefix: `${name}-burst`, points: burst, duration: 60 }),
    );
  const mutations = perSecondWithBurst('mutation', limits.mutationsPerSecond, limits.mutationBurst);
  const queries = perSecondWithBurst('query', limits.queriesPerSecond, limits.queryBurst);
  const signIns = store({ keyPrefix: 'sign-in', points: limits.signInsPerMinute, duration: 60 });
  const joins = store({ keyPrefix: 'join', points: limits.joinsPerMinute, duration: 60 });
  return {
    mutations: limiter(mutations, 'Too many changes at once'),
    queries: limiter(queries, 'Too many requests at once'),
    signIns: limiter(signIns, 'Too many sign-in attempts from this address'),
    joins: limiter(joins, 'Too many invite codes tried from this address'),
    /** What a bulk item change costs on top of its one call (see `bulkCost`). */
    bulkCost: (items: number) => bulkCost(items, limits),
  };
}

/** Where a limiter keeps its counts. */
type Store = (options: IRateLimiterOptions & { keyPrefix: string }) => RateLimiterMemory | RateLimiterRedis;

/**
 * A limiter whose counts live in Redis, so a user's allowance is one across
 * processes. While Redis cannot be reached it fails at once (not after a
 * timeout) over to a limiter in this process's memory with the same
 * allowance: an outage lets a user do at most that allowance on each
 * process, and refuses nobody who would have passed.
 */
function sharedIn(redis: RedisClient): Store {
  return (options) =>
    new RateLimiterRedis({
      ...options,
      keyPrefix: `${KEY_PREFIX}rate:${options.keyPrefix}`,
      storeClient: redis,
      useRedisPackage: true,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory(options),
    });
}

/** Items a bulk change (clear checked, undo of one) may touch per rate-limit point. */
const ITEMS_PER_POINT = 25;

/**
 * Every changed item is an event in the log, so a clear or restore of a
 * thousand items costs like `1000 / ITEMS_PER_POINT` calls: cycling them can
 * no longer write thousands of events a second. The call itself already took
 * one point; with it, never more than a user's whole allowance, so the
 * largest list can always be cleared.
 */
function bulkCost(items: number, limits: Limits): number {
  const extra = Math.ceil(items / ITEMS_PER_POINT) - 1;
  return Math.max(0, Math.min(extra, limits.mutationsPerSecond + limits.mutationBurst - 1));
}

export type RateLimits = ReturnType<typeof createRateLimits>;

/** One of rate-limiter-flexible's limiters, answering TOO_MANY_REQUESTS in words when it refuses. */
function limiter(allowance: { consume(key: string, points: number): Promise<unknown> }, what: string): RateLimiter {
  return {
    async consume(key, points = 1) {
      if (points <= 0) return;
      try {
        await allowance.consume(key, points);
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
