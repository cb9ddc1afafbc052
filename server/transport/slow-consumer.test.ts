import { expect, it } from 'vitest';
import { connectClient, signIn } from '../../tests/support/clients';
import { recordEvents } from '../../tests/support/event-recorder';
import { captureLogs, type LogEntry } from '../../tests/support/log-capture';
import { eventually, openConnections, openRawSocket, request, type ServerMessage } from '../../tests/support/raw-socket';
import { startServer } from '../../tests/support/test-server';
import { CLOSE_TOO_SLOW } from './ws-guards';

const MAX_BUFFERED_BYTES = 64 * 1024;
/** 25 adds per HTTP batch (the default MAX_BATCH_SIZE); at most this many batches. */
const BATCH = 25;
const MAX_BATCHES = 200;
/**
 * Notes and names at their character limits, in a character UTF-8 spends three
 * bytes on: about 2.3 KB per event, so the kernel's socket buffers on loopback
 * (about 4 MB here) fill after a couple of thousand items.
 */
const NOTE = '€'.repeat(500);
const NAME_PADDING = '€'.repeat(100);
/** Generous: the other members' delivery delay while the slow one is flooded (loopback, one process, two cores). */
const MAX_P95_DELIVERY_MS = 250;
/** Generous: the whole test process (server and every client) may grow by this much. */
const MAX_RSS_GROWTH_BYTES = 256 * 1024 * 1024;

interface Tracked {
  id: string;
  data: { type: string; item?: { id: string } };
}

/** The tracked events a raw subscription received, in order. */
function trackedEvents(received: ServerMessage[], subscriptionId: number): Tracked[] {
  return received.filter((message) => message.id === subscriptionId && message.result?.type === 'data').map((message) => message.result!.data as Tracked);
}

const itemIds = (events: { data: Tracked['data'] }[]) => events.flatMap(({ data }) => (data.type === 'shopping:item:added' && data.item ? [data.item.id] : []));

it('a client that stops reading is cut off with 1013 while memory stays bounded and others get every event promptly, then resumes without a gap', async () => {
  const logs = captureLogs('warn');
  await using server = await startServer({
    log: logs.log,
    limits: { wsMaxBufferedBytes: MAX_BUFFERED_BYTES, mutationsPerSecond: 1_000_000, mutationBurst: 1_000_000, itemsPerList: BATCH * MAX_BATCHES + 100 },
  });
  const alex = await signIn(server.url, 'Alex');
  const bea = await signIn(server.url, 'Bea');
  const sam = await signIn(server.url, 'Sam');
  const home = await alex.api.household.create.mutate({ name: 'Home' });
  await bea.api.household.join.mutate({ inviteCode: home.inviteCode });
  await sam.api.household.join.mutate({ inviteCode: home.inviteCode });
  const [list] = await alex.api.shopping.lists.getByHousehold.query({ householdId: home.id });

  // Bea's app reads everything; Sam's stops reading once subscribed (a frozen tab, a stalled phone).
  using normal = recordEvents(bea.api, home.id);
  await normal.waitUntil((received) => received.length > 0, 'Bea to be subscribed');
  const slow = await openRawSocket(server.wsUrl, { connectionParams: { token: sam.token } });
  slow.send(request(1, 'subscription', 'events.household', { householdId: home.id }));
  await slow.waitFor((message) => message.id === 1 && message.result?.type === 'data', 'Sam to be subscribed');
  slow.ws.pause();

  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  let cutOff: LogEntry | null = null;
  void logs.waitFor((entry) => entry.msg === 'websocket client too slow; cutting it off', 'the cut-off', 120_000).then((entry) => {
    cutOff = entry;
    // Reading again at once, Sam drains what the kernel and the server still hold, then the close frame.
    slow.ws.resume();
  });
  const added: string[] = [];
  for (let batch = 0; batch < MAX_BATCHES && !cutOff; batch++) {
    const items = await Promise.all(
      Array.from({ length: BATCH }, (_, i) => alex.api.shopping.items.add.mutate({ listId: list!.id, name: `${batch * BATCH + i} ${NAME_PADDING}`, note: NOTE })),
    );
    added.push(...items.map((item) => item.id));
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }
  expect(cutOff, `no cut-off after ${added.length} items`).not.toBeNull();
  // What the server held for Sam never grew past the bound by more than the one event that tipped it.
  const heldBytes = (cutOff as LogEntry | null)?.bufferedBytes as number;
  expect(heldBytes).toBeGreaterThan(MAX_BUFFERED_BYTES);
  expect(heldBytes).toBeLessThan(MAX_BUFFERED_BYTES + 4096);

  const closed = await slow.closed;
  expect(closed.code).toBe(CLOSE_TOO_SLOW);
  expect(closed.reason).toBe('Too far behind: reconnect and resume');
  await eventually(() => openConnections(server.url), (open) => open === 1, "the server to let go of Sam's socket");
  const growth = rssPeak - rssBefore;
  console.info(
    `slow consumer cut off after ${added.length} items (~${((added.length * 2.3) / 1024).toFixed(1)} MB of events) holding ${heldBytes} bytes for it; ` +
      `process RSS grew ${(growth / 1024 / 1024).toFixed(1)} MB (peak ${(rssPeak / 1024 / 1024).toFixed(0)} MB)`,
  );
  expect(growth).toBeLessThan(MAX_RSS_GROWTH_BYTES);

  // Bea received every item meanwhile, once each, in order.
  await normal.waitUntil((received) => itemIds(received.map(({ event }) => ({ data: event }))).length >= added.length, 'Bea to receive every item', 15_000);
  expect(normal.errors).toEqual([]);
  expect(itemIds(normal.received.map(({ event }) => ({ data: event })))).toEqual(added);

  // ...and promptly: from each item's commit (`at`) to its arrival on Bea's socket, on one clock (one process, loopback).
  const delays = normal.received
    .filter(({ event }) => event.type === 'shopping:item:added')
    .map(({ event, receivedAt }) => receivedAt - Date.parse(event.at))
    .sort((a, b) => a - b);
  expect(delays).toHaveLength(added.length);
  const percentile = (p: number) => delays[Math.min(delays.length - 1, Math.ceil((p / 100) * delays.length) - 1)]!;
  console.info(`Bea's delivery delay during the flood over ${delays.length} items: p50 ${percentile(50)} ms, p95 ${percentile(95)} ms, max ${delays.at(-1)} ms`);
  expect(percentile(95)).toBeLessThan(MAX_P95_DELIVERY_MS);

  // What Sam got before the cut is a prefix of the household's events; more happens while he is away.
  const before = trackedEvents(slow.received, 1);
  const seenBefore = itemIds(before);
  expect(seenBefore.length).toBeLessThan(added.length);
  expect(seenBefore).toEqual(added.slice(0, seenBefore.length));
  const later = await Promise.all([1, 2, 3].map((n) => alex.api.shopping.items.add.mutate({ listId: list!.id, name: `later ${n}`, note: NOTE })));
  added.push(...later.map((item) => item.id));

  // Back with his last event id, he gets every remaining item exactly once, in order.
  const lastEventId = before.at(-1)!.id;
  const back = connectClient(server.url, sam.token);
  using resumed = recordEvents(back.api, home.id, lastEventId);
  await resumed.waitUntil((received) => itemIds(received.map(({ event }) => ({ data: event }))).length >= added.length - seenBefore.length, 'the rest of the items', 15_000);
  const seenAfter = itemIds(resumed.received.map(({ event }) => ({ data: event })));
  expect([...seenBefore, ...seenAfter]).toEqual(added);
  const ids = resumed.received.filter(({ event }) => event.type === 'shopping:item:added').map(({ id }) => Number(id));
  expect(ids[0]).toBeGreaterThan(Number(lastEventId));
  expect(ids).toEqual([...new Set(ids)].sort((a, b) => a - b));
  expect(resumed.errors).toEqual([]);

  await Promise.all([alex.close(), bea.close(), sam.close(), back.close()]);
});
