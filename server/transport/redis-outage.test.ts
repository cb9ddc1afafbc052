import { describe, expect, it } from 'vitest';
import { signIn } from '../../tests/support/clients';
import { newHousehold } from '../../tests/support/household-of-one';
import { eventually } from '../../tests/support/raw-socket';
import { redisForTests } from '../../tests/support/redis-server';
import { startServer } from '../../tests/support/test-server';

const redis = redisForTests();

const health = async (url: string) => (await (await fetch(`${url}/healthz`)).json()) as { status: string; redis?: string };

describe.skipIf(!redis.available)('a server on Redis while Redis is down', () => {
  it('answers mutations and rate-limited calls, says so on /healthz, and is back to ok once Redis is', async () => {
    await using server = await startServer({ redisUrl: redis.server().url });
    await eventually(() => health(server.url), (answer) => answer.redis === 'ok', '/healthz with Redis reachable');

    await redis.server().stop();
    await eventually(() => health(server.url), (answer) => answer.status === 'degraded' && answer.redis === 'unreachable', '/healthz with Redis down');
    await using alex = await signIn(server.url, 'Alex');
    const { list } = await newHousehold(alex);
    await expect(alex.api.shopping.items.add.mutate({ listId: list.id, name: 'milk' })).resolves.toMatchObject({ name: 'milk' });

    await redis.server().start();
    await eventually(() => health(server.url), (answer) => answer.status === 'ok' && answer.redis === 'ok', '/healthz with Redis back', 10_000);
  });
});

it('/healthz says nothing of Redis without REDIS_URL', async () => {
  await using server = await startServer();
  expect(await health(server.url)).toMatchObject({ status: 'ok' });
  expect(await health(server.url)).not.toHaveProperty('redis');
});
