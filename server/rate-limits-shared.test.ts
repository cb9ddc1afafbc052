import { TRPCError } from '@trpc/server';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { eventually } from '../tests/support/raw-socket';
import { redisForTests } from '../tests/support/redis-server';
import { loadConfig } from './env';
import { createRateLimits } from './rate-limits';
import { connectRedis } from './redis/redis-clients';

const redis = redisForTests();
const limits = { ...loadConfig({}).limits, signInsPerMinute: 3 };

/** One process's rate limits on the test's Redis. */
async function limitsProcess() {
  const clients = connectRedis(redis.server().url, pino({ level: 'silent' }));
  await eventually(() => clients.reachable(), Boolean, 'the Redis connections');
  return { rateLimits: createRateLimits(limits, clients.commands), [Symbol.asyncDispose]: () => clients.close() };
}

const refused = (call: Promise<void>) => call.then(
  () => false,
  (error: unknown) => error instanceof TRPCError && error.code === 'TOO_MANY_REQUESTS',
);

describe.skipIf(!redis.available)('rate limits across processes', () => {
  it('count what one process allowed on the other, and fall back to each process’s own count while Redis is down', async () => {
    await using one = await limitsProcess();
    await using two = await limitsProcess();
    const address = '198.51.100.7';

    await one.rateLimits.signIns.consume(address);
    await one.rateLimits.signIns.consume(address);
    await two.rateLimits.signIns.consume(address);
    expect(await refused(two.rateLimits.signIns.consume(address))).toBe(true);
    expect(await refused(one.rateLimits.signIns.consume(address))).toBe(true);

    await redis.server().stop();
    try {
      // Its own allowance in memory: not refused for want of Redis, and still limited.
      const outcomes = [];
      for (let attempt = 0; attempt < 4; attempt++) outcomes.push(await refused(one.rateLimits.signIns.consume('203.0.113.9')));
      expect(outcomes).toEqual([false, false, false, true]);
    } finally {
      await redis.server().start();
    }
  });
});
