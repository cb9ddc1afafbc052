import { describe, expect, it } from 'vitest';
import { signIn } from '../support/clients';
import { countOf, recordEvents } from '../support/event-recorder';
import { newHousehold } from '../support/household-of-one';
import { itemEvents } from '../support/household-of-two';
import { eventually } from '../support/raw-socket';
import { redisForTests } from '../support/redis-server';
import { startFleetProcesses } from '../support/fleet-processes';

const redis = redisForTests();
const CHANGES = 8;

describe.skipIf(!redis.available)('two HoneyDo servers on one Redis', () => {
  it('a member subscribed on one server receives every change another member makes on the other, in order and once, and each shows the other online', async () => {
    await using fleet = await startFleetProcesses(redis.server().url);
    const { one, two } = fleet;
    // Each process connects to Redis in the background after it listens.
    await eventually(async () => (await fetch(`${two.url}/healthz`)).json() as Promise<{ status: string; redis?: string }>, (health) => health.status === 'ok' && health.redis === 'ok', '/healthz with Redis reachable');

    await using alex = await signIn(one.url, 'Alex');
    await using sam = await signIn(two.url, 'Sam');
    const { home, list } = await newHousehold(alex);
    await sam.api.household.join.mutate({ inviteCode: home.inviteCode });
    using alexEvents = recordEvents(alex.api, home.id);
    await alexEvents.waitUntil(...countOf('household:presence', 1));
    using samEvents = recordEvents(sam.api, home.id);
    await alexEvents.waitUntil(
      (received) => received.some(({ event }) => event.type === 'household:presence' && event.online.includes(sam.user.id)),
      'Sam online, as seen from the other server',
    );

    const added = [];
    for (let index = 0; index < CHANGES; index++) added.push(await sam.api.shopping.items.add.mutate({ listId: list.id, name: `item ${index}` }));
    await alexEvents.waitUntil((received) => received.filter(({ event }) => event.type === 'shopping:item:added').length >= CHANGES, 'every change from the other server');
    // Alex's own change goes the other way, and after it nothing more of Sam's can be on its way.
    await alex.api.shopping.items.add.mutate({ listId: list.id, name: 'from one' });
    await samEvents.waitUntil((received) => received.some(({ event }) => event.type === 'shopping:item:added' && event.item.name === 'from one'), 'the change from the first server');
    await alexEvents.waitUntil((received) => received.some(({ event }) => event.type === 'shopping:item:added' && event.item.name === 'from one'), 'his own change');

    expect(itemEvents(alexEvents).map((event) => event.type === 'shopping:item:added' && event.item.id)).toEqual([...added.map((item) => item.id), expect.any(String)]);
    const ids = alexEvents.received.map(({ id }) => Number(id)).filter((id, index, all) => index === 0 || id !== all[index - 1]);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));

    alexEvents.stop();
    samEvents.stop();
    expect(await two.stop()).toBe(0);
    expect(await one.stop()).toBe(0);
    expect([...one.errors(), ...two.errors()]).toEqual([]);
  }, 60_000);
});
