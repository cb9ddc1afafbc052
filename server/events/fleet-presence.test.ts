import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { eventually } from '../../tests/support/raw-socket';
import { redisForTests } from '../../tests/support/redis-server';
import { connectRedis } from '../redis/redis-clients';
import { FleetPresence } from './fleet-presence';

const redis = redisForTests();
const silent = pino({ level: 'silent' });
const TTL_MS = 600;
const HEARTBEAT_MS = 150;

/** One process's presence on the test's Redis, recording what it announces. */
async function presenceProcess() {
  const clients = connectRedis(redis.server().url, silent);
  await eventually(() => clients.reachable(), Boolean, 'the Redis connections');
  const announced: string[][] = [];
  const presence = new FleetPresence({ redis: clients.commands, log: silent, announce: (_, online) => announced.push(online), ttlMs: TTL_MS, heartbeatMs: HEARTBEAT_MS });
  return {
    presence,
    announced,
    /** The last set it announced. */
    last: () => announced.at(-1),
    /** Gone without a word, as a SIGKILLed process is: its connection drops, it takes nothing out. */
    vanish: () => clients.commands.destroy(),
    async [Symbol.asyncDispose]() {
      await presence.close();
      await clients.close();
    },
  };
}

describe.skipIf(!redis.available)('presence across processes', () => {
  it('keeps a member connected to two processes online until both connections are gone, and announces only real changes', async () => {
    await using one = await presenceProcess();
    await using two = await presenceProcess();
    one.presence.add('home', 'alex');
    await eventually(() => one.last(), (online) => online?.join() === 'alex', 'alex online on one');
    two.presence.add('home', 'alex');
    two.presence.add('home', 'sam');
    await eventually(() => two.last(), (online) => online?.join() === 'alex,sam', 'both online on two');

    one.presence.remove('home', 'alex');
    // Two heartbeats: time for a wrong "alex left" to be announced by either.
    await new Promise((resolve) => setTimeout(resolve, 2 * HEARTBEAT_MS));
    expect(two.last()).toEqual(['alex', 'sam']);
    expect(one.announced.every((online) => online.includes('alex'))).toBe(true);
    expect(two.presence.online('home')).toEqual(['alex', 'sam']);

    two.presence.remove('home', 'alex');
    await eventually(() => two.last(), (online) => online?.join() === 'sam', 'alex offline once his last connection is gone');
    two.presence.remove('home', 'sam');
    await eventually(() => two.last(), (online) => online?.length === 0, 'nobody online');
  });

  it('forgets the members of a process that vanished without cleaning up within the TTL and a heartbeat', async () => {
    await using gone = await presenceProcess();
    await using staying = await presenceProcess();
    gone.presence.add('home', 'alex');
    staying.presence.add('home', 'sam');
    await eventually(() => staying.last(), (online) => online?.join() === 'alex,sam', 'both online');

    const vanished = performance.now();
    gone.vanish();
    await eventually(() => staying.last(), (online) => online?.join() === 'sam', 'alex forgotten', 5000);
    const forgottenAfterMs = performance.now() - vanished;
    expect(forgottenAfterMs).toBeLessThan(TTL_MS + HEARTBEAT_MS + 250);
  });
});
