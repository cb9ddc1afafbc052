import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { rmSync } from 'node:fs';
import { eventually } from '../../tests/support/raw-socket';
import { redisForTests } from '../../tests/support/redis-server';
import { migratedDataDir } from '../../tests/support/test-server';
import { openDatabase, type DatabaseHandle } from '../db/client';
import { households, users } from '../db/schema';
import { connectRedis } from '../redis/redis-clients';
import type { EventBus, PublishedEvent } from './event-bus';
import { appendEvent, eventLogReader } from './event-log';
import { createRedisEventBus, type EventLogReader } from './redis-event-bus';
import { stampEvent } from './stamp-event';

const silent = pino({ level: 'silent' });
/** How long to keep listening after the last expected event, for a duplicate to show if there is one. */
const SETTLE_MS = 300;

const redis = redisForTests();
let database: DatabaseHandle;
let dataDir: string;

beforeAll(() => {
  dataDir = migratedDataDir();
  database = openDatabase(dataDir);
  // Events are numbered under their household's row: the households the tests write to exist.
  database.db.insert(users).values({ id: 'someone', displayName: 'Someone', createdAt: Date.now() }).run();
  for (const id of ['home', 'cabin', 'flat']) {
    database.db.insert(households).values({ id, name: id, inviteCode: `CODE-${id}`, createdBy: 'someone', createdAt: Date.now() }).run();
  }
});

afterAll(() => {
  database?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** One server process's bus: its own two Redis connections, the shared event log (through `reader`, to watch its reads). */
async function busProcess(reader: EventLogReader = eventLogReader(database.db), catchUpEveryMs?: number): Promise<{ bus: EventBus } & AsyncDisposable> {
  const clients = connectRedis(redis.server().url, silent);
  const bus = createRedisEventBus({
    publisher: clients.commands,
    subscriber: clients.subscriber,
    log: silent,
    reader,
    catchUpEveryMs,
  });
  await eventually(() => clients.reachable(), Boolean, 'the Redis connections');
  return {
    bus,
    [Symbol.asyncDispose]: () => {
      bus.close();
      return clients.close();
    },
  };
}

/** Commits an event to the log, as a mutation does, and answers it as it is published. */
function storeEvent(householdId: string, listId: string): PublishedEvent & { id: number } {
  const event = stampEvent({ type: 'shopping:list:removed', listId }, { householdId, actorId: 'someone' });
  const id = database.db.transaction((tx) => appendEvent(tx, event, null));
  return { id, event, recipientId: null };
}

/** Everything a household's listener receives on `bus`, by list id. */
function record(bus: EventBus, householdId: string) {
  const received: PublishedEvent[] = [];
  const stop = bus.listen(householdId, (published) => received.push(published));
  return { received, stop, ids: () => received.map((published) => published.id) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

describe.skipIf(!redis.available)('the event bus across processes on Redis', () => {
  it('delivers an event that was stored but never published (its process died in between) within the catch-up interval, once', async () => {
    const CATCH_UP_MS = 200;
    await using there = await busProcess(undefined, CATCH_UP_MS);
    const listener = record(there.bus, 'flat');
    // Committed by a process that was killed before it published: nothing reaches Redis, and nothing follows it.
    const stored = storeEvent('flat', 'hardware');
    await eventually(() => listener.ids(), (ids) => ids.length > 0, 'the stored event from the log', 5 * CATCH_UP_MS);
    await settle();
    expect(listener.received).toEqual([stored]);
    listener.stop();
  });

  it('delivers an event published in one process to the same household’s listeners in another, once, and to no other household', async () => {
    await using one = await busProcess();
    await using two = await busProcess();
    const here = record(one.bus, 'home');
    const there = record(two.bus, 'home');
    const elsewhere = record(two.bus, 'cabin');

    const published = storeEvent('home', 'groceries');
    one.bus.publish(published);
    await eventually(() => there.ids(), (ids) => ids.length > 0, 'the event in the other process');
    await settle();

    expect(there.received).toEqual([published]);
    expect(here.received).toEqual([published]);
    expect(elsewhere.received).toEqual([]);
    for (const listener of [here, there, elsewhere]) listener.stop();
    expect(two.bus.listenerCount('home')).toBe(0);
  });

  it('delivers ephemeral events as they come, with no id to order them by', async () => {
    await using one = await busProcess();
    await using two = await busProcess();
    const there = record(two.bus, 'home');
    // Subscribing takes a round trip to Redis; an ephemeral event before it is simply not seen.
    await settle();

    const presence = { id: null, event: stampEvent({ type: 'household:presence', online: ['a'] }, { householdId: 'home', actorId: null }), recipientId: null };
    one.bus.publish(presence);
    one.bus.publish(presence);
    await eventually(() => there.received.length, (count) => count === 2, 'both presence events');
    there.stop();
  });

  it('delivers in id order when a later event of a household arrives before an earlier one (two processes writing to it)', async () => {
    await using one = await busProcess();
    await using two = await busProcess();
    await using three = await busProcess();
    const there = record(three.bus, 'home');

    const earlier = storeEvent('home', 'first');
    const later = storeEvent('home', 'second');
    two.bus.publish(later);
    await eventually(() => there.ids(), (ids) => ids.length === 2, 'the earlier event read from the log with the later one');
    one.bus.publish(earlier);
    await settle();

    expect(there.ids()).toEqual([earlier.id, later.id]);
    there.stop();
  });

  it('delivers contiguous events of a household without reading the log, and reads it only to fill a gap', async () => {
    const log = eventLogReader(database.db);
    const reads: { after: number; through: number }[] = [];
    const counting: EventLogReader = {
      readRange: (householdId, range, limit) => {
        reads.push(range);
        return log.readRange(householdId, range, limit);
      },
      latestId: log.latestId,
    };
    await using one = await busProcess();
    await using two = await busProcess(counting);
    const there = record(two.bus, 'flat');
    // Subscribing takes a round trip to Redis: the events below go out once it has taken effect.
    await settle();

    const contiguous = Array.from({ length: 5 }, (_, index) => storeEvent('flat', `contiguous ${index}`));
    for (const published of contiguous) one.bus.publish(published);
    await eventually(() => there.ids(), (ids) => ids.length === contiguous.length, 'the contiguous events');
    expect(reads).toEqual([]);

    const dropped = storeEvent('flat', 'never published');
    const next = storeEvent('flat', 'after the gap');
    one.bus.publish(next);
    await eventually(() => there.ids(), (ids) => ids.length === contiguous.length + 2, 'the gap filled from the log');
    await settle();

    expect(there.ids()).toEqual([...contiguous, dropped, next].map((published) => published.id));
    expect(reads).toEqual([{ after: dropped.id - 1, through: dropped.id }]);
    there.stop();
  });

  it('after a Redis outage, delivers every event stored meanwhile to the other process once and in id order, then goes on live', async () => {
    await using one = await busProcess();
    await using two = await busProcess();
    const there = record(two.bus, 'home');
    const unrelated = record(two.bus, 'cabin');
    const before = storeEvent('home', 'before');
    one.bus.publish(before);
    await eventually(() => there.ids(), (ids) => ids.length === 1, 'the event before the outage');

    await redis.server().stop();
    // Published while Redis is down: neither throws nor waits.
    const during = Array.from({ length: 12 }, (_, index) => storeEvent('home', `during ${index}`));
    for (const published of during) one.bus.publish(published);
    await redis.server().start();
    await eventually(() => there.ids(), (ids) => ids.length === 1 + during.length, 'the events of the outage, refilled', 10_000);

    const after = storeEvent('home', 'after');
    one.bus.publish(after);
    await eventually(() => there.ids(), (ids) => ids.length === 2 + during.length, 'the event after the outage', 10_000);
    await settle();

    expect(there.ids()).toEqual([before, ...during, after].map((published) => published.id));
    expect(unrelated.received).toEqual([]);
    there.stop();
    unrelated.stop();
  });
});
