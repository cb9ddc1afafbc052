import { describe, expect, it } from 'vitest';
import { connectClient, connectionLog, signIn } from '../support/clients';
import { countOf, recordEvents, type Received } from '../support/event-recorder';
import { newHousehold } from '../support/household-of-one';
import { redisForTests } from '../support/redis-server';
import { startFleetProcesses } from '../support/fleet-processes';

const redis = redisForTests();
/** WebSocket close code 1012 "service restart": the server is going away, come back (to any process). */
const SERVICE_RESTART = 1012;

/** The items the adds among `received` brought, in arrival order. */
const addedItems = (received: Received[]) => received.flatMap(({ event }) => (event.type === 'shopping:item:added' ? [event.item] : []));

describe.skipIf(!redis.available)('a member whose server stops', () => {
  it('resumes on the other server with the last event id the first one gave it, and receives exactly what it missed', async () => {
    await using fleet = await startFleetProcesses(redis.server().url);
    const { one, two } = fleet;

    const closes = connectionLog();
    await using alex = await signIn(one.url, 'Alex', closes.options);
    await using sam = await signIn(two.url, 'Sam');
    const { home, list } = await newHousehold(alex);
    await sam.api.household.join.mutate({ inviteCode: home.inviteCode });

    const before = recordEvents(alex.api, home.id);
    // A stream without a last event id starts at the present: the adds come after it has.
    await before.waitUntil(...countOf('household:presence', 1));
    for (const name of ['milk', 'eggs', 'bread']) await sam.api.shopping.items.add.mutate({ listId: list.id, name });
    await before.waitUntil((received) => addedItems(received).length === 3, 'the three adds made on the other server');
    const resumeFrom = before.lastId();
    expect(resumeFrom).toBeDefined();

    // The first server stops as an operator stops it: its sockets are told to come back elsewhere.
    expect(await one.stop()).toBe(0);
    await expect.poll(() => closes.closeCodes, { timeout: 5000 }).toContain(SERVICE_RESTART);
    before.stop();
    const missed = [];
    for (const name of ['apples', 'pears', 'plums', 'figs']) missed.push(await sam.api.shopping.items.add.mutate({ listId: list.id, name }));

    // The same member, the same token, on the server still running, from where the first left off.
    await using alexAgain = connectClient(two.url, alex.token);
    using after = recordEvents(alexAgain.api, home.id, resumeFrom);
    await after.waitUntil((received) => addedItems(received).length >= missed.length, 'the four adds made while Alex was away');
    // Whatever else could still be on its way is behind a change of Alex's own.
    const own = await alexAgain.api.shopping.items.add.mutate({ listId: list.id, name: 'cheese' });
    await after.waitUntil((received) => addedItems(received).some((item) => item.id === own.id), 'his own add');

    expect(addedItems(after.received).map((item) => item.id)).toEqual([...missed.map((item) => item.id), own.id]);
    const ids = after.received.filter(({ event }) => event.type !== 'household:presence').map(({ id }) => Number(id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.every((id) => id > Number(resumeFrom))).toBe(true);

    after.stop();
    expect(await two.stop()).toBe(0);
    expect([...one.errors(), ...two.errors()]).toEqual([]);
  }, 60_000);
});
