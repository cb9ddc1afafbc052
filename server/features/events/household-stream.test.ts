import { describe, expect, it } from 'vitest';
import { connectClient, type Member } from '../../../tests/support/clients';
import { countOf, recordEvents } from '../../../tests/support/event-recorder';
import { signInHouseholdOfTwo } from '../../../tests/support/household-of-two';
import { eventually, openConnections } from '../../../tests/support/raw-socket';
import { startServer, type TestServer } from '../../../tests/support/test-server';
import { commitFor } from '../../events/commit';
import { addItem } from '../shopping/items-service';
import { householdStream } from './household-stream';

async function addItems(member: Pick<Member, 'api'>, listId: string, names: string[]) {
  for (const name of names) await member.api.shopping.items.add.mutate({ listId, name });
}

/**
 * `watcher` sees `adder` add one item, then goes away: its WebSocket closes
 * (no unsubscribe first, as when a phone loses the network) and the server
 * lets go of it. Returns the id to resume from, on a new connection.
 */
async function idAfterSeeing(server: TestServer, watcher: Member, adder: Member, householdId: string, listId: string, name: string): Promise<string> {
  const events = recordEvents(watcher.api, householdId);
  await events.waitUntil(...countOf('household:presence', 1));
  await addItems(adder, listId, [name]);
  await events.waitUntil(...countOf('shopping:item:added', 1));
  expect(await openConnections(server.url)).toBe(1);
  await watcher.close();
  await eventually(() => openConnections(server.url), (open) => open === 0, "the watcher's socket to close");
  await eventually(() => server.app.deps.bus.listenerCount(householdId), (n) => n === 0, 'the closed stream to let go of the bus');
  return events.lastId()!;
}

const itemNames = (events: { type: string; item?: { name: string } }[]) =>
  events.filter((e) => e.type === 'shopping:item:added').map((e) => e.item?.name);

describe('resuming the household stream', () => {
  it('a member whose connection closed receives exactly the changes they missed on a new one, in order, then live events', async () => {
    await using server = await startServer();
    const { alex, sam, home, list } = await signInHouseholdOfTwo(server);
    await addItems(sam, list.id, ['before']);
    const resumeFrom = await idAfterSeeing(server, alex, sam, home.id, list.id, 'seen');

    await addItems(sam, list.id, ['a', 'b', 'c', 'd', 'e']);
    const alexAgain = connectClient(server.url, alex.token);
    const resumed = recordEvents(alexAgain.api, home.id, resumeFrom);
    await resumed.waitUntil(...countOf('shopping:item:added', 5));
    await addItems(sam, list.id, ['live']);
    await resumed.waitUntil(...countOf('shopping:item:added', 6));

    expect(itemNames(resumed.received.map((r) => r.event))).toEqual(['a', 'b', 'c', 'd', 'e', 'live']);
    const storedIds = resumed.received.filter((r) => r.event.type === 'shopping:item:added').map((r) => Number(r.id));
    expect(storedIds).toEqual([...storedIds].sort((x, y) => x - y));
    expect(new Set(storedIds).size).toBe(storedIds.length);
    resumed.stop();
    await Promise.all([alexAgain.close(), sam.close()]);
  });

  it('resumes across a server restart on the same data folder, then goes on live', async () => {
    await using server = await startServer();
    const { alex, sam, home, list } = await signInHouseholdOfTwo(server);
    const resumeFrom = await idAfterSeeing(server, alex, sam, home.id, list.id, 'seen');
    await sam.close();

    await using restarted = await server.restart();
    // Tokens survive a restart: the local key pair lives in the data folder.
    const samAgain = connectClient(restarted.url, sam.token);
    const alexAgain = connectClient(restarted.url, alex.token);
    await addItems(samAgain, list.id, ['a', 'b', 'c', 'd', 'e']);

    const resumed = recordEvents(alexAgain.api, home.id, resumeFrom);
    await resumed.waitUntil(...countOf('shopping:item:added', 5));
    // After the replay, the stream goes on live on the restarted server.
    await addItems(samAgain, list.id, ['live']);
    await resumed.waitUntil(...countOf('shopping:item:added', 6));
    expect(itemNames(resumed.received.map((r) => r.event))).toEqual(['a', 'b', 'c', 'd', 'e', 'live']);
    const ids = resumed.received.filter((r) => r.event.type === 'shopping:item:added').map((r) => Number(r.id));
    expect(ids[0]).toBeGreaterThan(Number(resumeFrom));
    expect(ids).toEqual([...new Set(ids)].sort((x, y) => x - y));
    resumed.stop();
    await Promise.all([alexAgain.close(), samAgain.close()]);
  });

  it('a lastEventId older than the retention window gives sync:reset, then live events', async () => {
    await using server = await startServer();
    const { alex, sam, home, list } = await signInHouseholdOfTwo(server);
    const stale = await idAfterSeeing(server, alex, sam, home.id, list.id, 'old');
    await addItems(sam, list.id, ['pruned']);
    await sam.close();

    // A restart with a retention window of 1 ms prunes every event on start-up.
    await using pruned = await server.restart({ eventRetentionMs: 1 });
    const alexAgain = connectClient(pruned.url, alex.token);
    const samAgain = connectClient(pruned.url, sam.token);
    const resumed = recordEvents(alexAgain.api, home.id, stale);
    await resumed.waitUntil(...countOf('sync:reset', 1));
    await samAgain.api.shopping.items.add.mutate({ listId: list.id, name: 'after' });
    await resumed.waitUntil(...countOf('shopping:item:added', 1));

    expect(resumed.received[0]!.event).toMatchObject({ type: 'sync:reset', reason: 'retention', householdId: home.id });
    expect(itemNames(resumed.received.map((r) => r.event))).toEqual(['after']);
    resumed.stop();
    await Promise.all([alexAgain.close(), samAgain.close()]);
  });

  it('a lastEventId the server never issued gives sync:reset', async () => {
    await using server = await startServer();
    const { alex, home } = await signInHouseholdOfTwo(server);
    const resumed = recordEvents(alex.api, home.id, '999999');
    await resumed.waitUntil(...countOf('sync:reset', 1));
    expect(resumed.received[0]!.event).toMatchObject({ type: 'sync:reset', reason: 'unknown-event-id' });
    resumed.stop();
    await alex.close();
  });

  it('a change committed while the backlog is replayed is delivered once, in order', async () => {
    await using server = await startServer();
    const { alex, sam, home, list } = await signInHouseholdOfTwo(server);
    const { deps } = server.app;
    // More than one replay page (500), so the change below lands both in the
    // bus buffer and in the second page the replay reads.
    const names = Array.from({ length: 520 }, (_, i) => `item ${i}`);
    // Committed on their own, at once: each add is durable before the next line runs.
    const commit = commitFor(deps, { actor: { userId: sam.user.id }, path: 'shopping.items.add', grouped: false });
    for (const name of names) void addItem(deps, commit, { listId: list.id, name });

    const abort = new AbortController();
    const stream = householdStream(deps, { householdId: home.id, userId: alex.user.id, lastEventId: 0, signal: abort.signal, connection: null })[Symbol.asyncIterator]();
    const added: { id: number; name: string }[] = [];
    const takeUntil = async (name: string) => {
      for (;;) {
        const [id, event] = (await stream.next()).value!;
        if (event.type !== 'shopping:item:added') continue;
        added.push({ id: Number(id), name: event.item.name });
        if (event.item.name === name) return;
      }
    };
    await takeUntil('item 0');
    void addItem(deps, commit, { listId: list.id, name: 'racing' });
    await takeUntil('racing');
    void addItem(deps, commit, { listId: list.id, name: 'live' });
    await takeUntil('live');

    expect(added.map((a) => a.name)).toEqual([...names, 'racing', 'live']);
    const ids = added.map((a) => a.id);
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
    abort.abort();
    await stream.return(undefined);
    expect(deps.bus.listenerCount(home.id)).toBe(0);
    await Promise.all([alex.close(), sam.close()]);
  });
});

describe('presence', () => {
  it('a member is online while any of their connections is subscribed', async () => {
    await using server = await startServer();
    const { alex, sam, home } = await signInHouseholdOfTwo(server);
    const watcher = recordEvents(alex.api, home.id);
    await watcher.waitUntil(...countOf('household:presence', 1));
    expect(watcher.ofType('household:presence')[0]!.online).toEqual([alex.user.id]);

    const samTab = recordEvents(sam.api, home.id);
    await watcher.waitUntil((r) => r.some((e) => e.event.type === 'household:presence' && e.event.online.includes(sam.user.id)), 'Sam online');
    expect((await alex.api.household.get.query({ householdId: home.id })).online.sort()).toEqual([alex.user.id, sam.user.id].sort());

    samTab.stop();
    await watcher.waitUntil((r) => {
      const last = r.filter((e) => e.event.type === 'household:presence').at(-1)?.event;
      return last?.type === 'household:presence' && !last.online.includes(sam.user.id);
    }, 'Sam offline');
    watcher.stop();
    await Promise.all([alex.close(), sam.close()]);
  });
});
