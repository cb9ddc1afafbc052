import { describe, expect, it } from 'vitest';
import type { ShoppingItem } from '../../shared/types';
import { householdAcrossFleet, startFleetProcesses } from '../support/fleet-processes';
import { redisForTests } from '../support/redis-server';

const redis = redisForTests();
/** Long enough for both servers to notice the outage and retry in it. */
const OUTAGE_MS = 3000;

describe.skipIf(!redis.available)('two servers while Redis is down for a while', () => {
  it('keep accepting changes, and once Redis is back the member on the other server has every one of them, once and in order', async () => {
    await using fleet = await startFleetProcesses(redis.server().url);
    // Alex follows the list on the second server; Sam changes it through the first.
    await using scene = await householdAcrossFleet(fleet);
    const { sam, list, events } = scene;

    const added: ShoppingItem[] = [];
    const add = async (name: string) => added.push(await sam.api.shopping.items.add.mutate({ listId: list.id, name }));
    const addedIds = () => events.ofType('shopping:item:added').map((event) => event.item.id);
    await add('milk');
    await add('eggs');
    await events.waitUntil(() => addedIds().length === 2, 'the adds before the outage');

    await redis.server().stop();
    for (const name of ['bread', 'apples', 'pears']) await add(name);
    await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
    await redis.server().start();
    // Nothing more is changed: what the outage held back must arrive by itself.
    await events.waitUntil(() => addedIds().length >= added.length, 'every add made during the outage', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 500));

    expect(addedIds()).toEqual(added.map((item) => item.id));
    const ids = events.received.filter(({ event }) => event.type !== 'household:presence').map(({ id }) => Number(id));
    expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
  }, 60_000);
});
