import { describe, expect, it } from 'vitest';
import { errorCode, signIn } from '../../tests/support/clients';
import { expectNothingWritten } from '../../tests/support/database-contents';
import { countOf, recordEvents } from '../../tests/support/event-recorder';
import { householdOfOne } from '../../tests/support/household-of-one';
import { eventually, openConnections, openRawSocket, refusedUpgrade, request, signedInSocket } from '../../tests/support/raw-socket';
import { expectStillServes } from '../../tests/support/still-serves';
import { CLOSE_POLICY, PONG_WAIT_MS } from './ws-connections';

/** ws's own close code for a message over `maxPayload`. */
const CLOSE_MESSAGE_TOO_BIG = 1009;

const addItem = (id: number, listId: string, name: string) => request(id, 'mutation', 'shopping.items.add', { listId, name });

const itemNames = async ({ alex, list }: Awaited<ReturnType<typeof householdOfOne>>) =>
  (await alex.api.shopping.items.getByList.query({ listId: list.id })).map((item) => item.name);

describe('WebSocket frame and batch limits', () => {
  it('a frame over WS_MAX_PAYLOAD_BYTES closes the socket with 1009, and the server serves a fresh client', async () => {
    await using h = await householdOfOne({ limits: { wsMaxPayloadBytes: 4096 } });
    const socket = await signedInSocket(h.server.wsUrl, h.alex);
    // Just under the limit is a frame like any other: the call runs (and its input is refused).
    socket.send(addItem(1, h.list.id, 'x'.repeat(3900)));
    expect(await socket.reply(1)).toMatchObject({ error: { data: { code: 'BAD_REQUEST' } } });

    socket.send(addItem(2, h.list.id, 'x'.repeat(5000)));
    expect((await socket.closed).code).toBe(CLOSE_MESSAGE_TOO_BIG);
    expect(socket.received.find((message) => message.id === 2)).toBeUndefined();
    await eventually(() => openConnections(h.server.url), (open) => open === 0, 'the server to drop the socket');
    expect(await itemNames(h)).toEqual([]);
    await expectStillServes(h.server);
  });

  it('a WebSocket frame with more requests than MAX_BATCH_SIZE gets one BAD_REQUEST per id and none of them runs', async () => {
    await using h = await householdOfOne({ limits: { maxBatchSize: 3 } });
    await using socket = await signedInSocket(h.server.wsUrl, h.alex);
    socket.send([1, 2, 3, 4].map((id) => addItem(id, h.list.id, `item ${id}`)));
    for (const id of [1, 2, 3, 4]) {
      const reply = await socket.reply(id);
      expect(reply.error?.data.code).toBe('BAD_REQUEST');
      expect(reply.error?.message).toBe('A batch of 4 requests is more than the 3 one message may carry.');
    }
    expect(socket.received.filter((message) => message.result)).toEqual([expect.objectContaining({ id: 0 })]);
    expect(await itemNames(h)).toEqual([]);

    // A batch at the limit runs, on the same socket.
    socket.send([5, 6, 7].map((id) => addItem(id, h.list.id, `item ${id}`)));
    for (const id of [5, 6, 7]) expect(await socket.reply(id)).toMatchObject({ result: { type: 'data' } });
    expect(await itemNames(h)).toEqual(['item 5', 'item 6', 'item 7']);
  });

  it('an oversized WebSocket batch is refused whatever whitespace comes before it, and none of it runs', async () => {
    await using h = await householdOfOne({ limits: { maxBatchSize: 3 } });
    await using socket = await signedInSocket(h.server.wsUrl, h.alex);
    const batch = JSON.stringify([1, 2, 3, 4].map((id) => addItem(id, h.list.id, `item ${id}`)));
    // JSON.parse reads each of these as the same array.
    const frames = [` ${batch}`, `\n\t ${batch}`, `\r\n${batch}`];
    for (const [index, frame] of frames.entries()) {
      socket.send(frame.replace(/"id":(\d)/g, `"id":"${index}-$1"`));
      for (const id of [1, 2, 3, 4]) expect((await socket.reply(`${index}-${id}`)).error?.data.code).toBe('BAD_REQUEST');
    }
    expect(await itemNames(h)).toEqual([]);
  });

  it('an HTTP batch over MAX_BATCH_SIZE is refused with 400 BAD_REQUEST, and a batch at the limit is served', async () => {
    await using h = await householdOfOne({ limits: { maxBatchSize: 3 } });
    const batch = (size: number) =>
      fetch(`${h.server.url}/trpc/${Array(size).fill('shopping.items.add').join(',')}?batch=1`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${h.alex.token}` },
        body: JSON.stringify(Object.fromEntries(Array.from({ length: size }, (_, i) => [i, { listId: h.list.id, name: `item ${i}` }]))),
      });
    const refused = await batch(4);
    expect(refused.status).toBe(400);
    // One refusal for the whole request, before any call runs.
    expect(await refused.json()).toMatchObject({ error: { message: 'Batch call exceeds maximum size', data: { code: 'BAD_REQUEST', httpStatus: 400 } } });
    expect(await itemNames(h)).toEqual([]);

    const served = await batch(3);
    expect(served.status).toBe(200);
    expect(await itemNames(h)).toEqual(['item 0', 'item 1', 'item 2']);
  });

  it('an HTTP body over HTTP_MAX_BODY_BYTES is refused with 413 PAYLOAD_TOO_LARGE, writes nothing, and the server serves a fresh client', async () => {
    const MAX_BODY_BYTES = 4096;
    await using h = await householdOfOne({ limits: { httpMaxBodyBytes: MAX_BODY_BYTES } });
    // A valid add padded with a field zod drops: only its size can make it fail.
    const paddedAdd = (name: string, bytes: number) => {
      const body = JSON.stringify({ listId: h.list.id, name, padding: '' });
      return JSON.stringify({ listId: h.list.id, name, padding: 'x'.repeat(bytes - Buffer.byteLength(body)) });
    };
    const post = (body: string) =>
      fetch(`${h.server.url}/trpc/shopping.items.add`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${h.alex.token}` },
        body,
      });

    // At the limit, a request like any other.
    const atLimit = await post(paddedAdd('at the limit', MAX_BODY_BYTES));
    expect(atLimit.status).toBe(200);
    expect(await itemNames(h)).toEqual(['at the limit']);

    await expectNothingWritten(h.server, async () => {
      const refused = await post(paddedAdd('one byte over', MAX_BODY_BYTES + 1));
      expect(refused.status).toBe(413);
      const body = (await refused.json()) as { error: { message: string; data: { code: string; httpStatus: number } } };
      expect(body.error.data).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 });
      expect(body.error.message).toBe(
        `The request is larger than the ${MAX_BODY_BYTES} bytes this server accepts (HTTP_MAX_BODY_BYTES): send fewer or smaller changes at a time.`,
      );
      const huge = await post(paddedAdd('far over', 1024 * 1024));
      expect(huge.status).toBe(413);
    });
    expect(await itemNames(h)).toEqual(['at the limit']);
    await expectStillServes(h.server);
  });
});

describe('WebSocket connection and subscription limits', () => {
  it('the subscription past MAX_SUBSCRIPTIONS_PER_CONNECTION fails with TOO_MANY_REQUESTS, and the others keep receiving events', async () => {
    await using h = await householdOfOne({ limits: { subscriptionsPerConnection: 3 } });
    const streams = [recordEvents(h.alex.api, h.home.id), recordEvents(h.alex.api, h.home.id), recordEvents(h.alex.api, h.home.id)];
    for (const stream of streams) await stream.waitUntil(...countOf('household:presence', 1));

    using extra = recordEvents(h.alex.api, h.home.id);
    const error = await extra.waitForError();
    expect(errorCode(error)).toBe('TOO_MANY_REQUESTS');
    expect((error as Error).message).toBe('This connection already has 3 subscriptions open, the most it may: end one first.');

    await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk' });
    for (const stream of streams) {
      await stream.waitUntil(...countOf('shopping:item:added', 1));
      expect(stream.errors).toEqual([]);
    }
    expect(extra.ofType('shopping:item:added')).toEqual([]);

    // Ending one makes room for another.
    streams.pop()!.stop();
    await eventually(() => h.server.app.deps.bus.listenerCount(h.home.id), (n) => n === 2, 'the ended subscription to let go of the bus');
    using replacement = recordEvents(h.alex.api, h.home.id, '0');
    await replacement.waitUntil(...countOf('shopping:item:added', 1));
    expect(replacement.errors).toEqual([]);
    streams.forEach((stream) => stream.stop());
  });

  it('the connection past MAX_CONNECTIONS_PER_USER is closed with 1008, the others and other users are unaffected, and closing one makes room', async () => {
    await using h = await householdOfOne({ limits: { connectionsPerUser: 2 } });
    const first = await signedInSocket(h.server.wsUrl, h.alex);
    const second = await signedInSocket(h.server.wsUrl, h.alex);

    const third = await openRawSocket(h.server.wsUrl, { connectionParams: { token: h.alex.token } });
    const closed = await third.closed;
    expect(closed.code).toBe(CLOSE_POLICY);
    expect(closed.reason).toBe('More than 2 connections for this user');
    second.send(request(1, 'query', 'system.whoami'));
    expect(await second.reply(1)).toMatchObject({ result: { data: { userId: h.alex.user.id } } });

    const bea = await signIn(h.server.url, 'Bea');
    const beas = await signedInSocket(h.server.wsUrl, bea);
    await first.close();
    await eventually(() => openConnections(h.server.url), (open) => open === 2, 'the closed socket to be counted out');
    const again = await signedInSocket(h.server.wsUrl, h.alex);
    await Promise.all([second.close(), beas.close(), again.close(), bea.close()]);
  });

  it('the upgrade past MAX_CONNECTIONS_PER_IP is refused with HTTP 429, while another address connects', async () => {
    await using h = await householdOfOne({ limits: { connectionsPerIp: 2 } });
    const first = await openRawSocket(h.server.wsUrl);
    const second = await openRawSocket(h.server.wsUrl);
    await eventually(() => openConnections(h.server.url), (open) => open === 2, 'both sockets to be counted');

    expect(await refusedUpgrade(h.server.wsUrl)).toBe(429);
    // The whole of 127/8 is loopback: a second address on the same machine.
    const elsewhere = await openRawSocket(h.server.wsUrl, { connectionParams: { token: h.alex.token }, ws: { localAddress: '127.0.0.2' } });
    elsewhere.send(request(1, 'query', 'system.whoami'));
    expect(await elsewhere.reply(1)).toMatchObject({ result: { data: { userId: h.alex.user.id } } });

    await first.close();
    await eventually(() => openConnections(h.server.url), (open) => open === 2, 'the closed socket to be counted out');
    const again = await openRawSocket(h.server.wsUrl);
    await Promise.all([second.close(), elsewhere.close(), again.close()]);
  });
});

describe('dead and noisy connections', () => {
  it('a half-open client that stops answering pings is dropped within the ping interval plus the pong wait, and live clients stay', async () => {
    const PING_MS = 200;
    await using h = await householdOfOne({ ws: { pingIntervalMs: PING_MS } });
    using live = recordEvents(h.alex.api, h.home.id);
    await live.waitUntil(...countOf('household:presence', 1));
    const halfOpen = await signedInSocket(h.server.wsUrl, h.alex);
    expect(await openConnections(h.server.url)).toBe(2);

    // The socket stays connected but reads nothing and sends nothing: a phone that left the network.
    halfOpen.ws.pause();
    const stoppedAt = performance.now();
    await eventually(() => openConnections(h.server.url), (open) => open === 1, 'the server to drop the half-open socket', PING_MS + PONG_WAIT_MS + 2000);
    const freedAfterMs = performance.now() - stoppedAt;
    console.info(`half-open socket freed after ${Math.round(freedAfterMs)} ms (ping every ${PING_MS} ms, pong wait ${PONG_WAIT_MS} ms)`);
    expect(freedAfterMs).toBeGreaterThanOrEqual(PONG_WAIT_MS - 100);

    // The client that answers pings kept its subscription all along.
    await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'still here' });
    await live.waitUntil(...countOf('shopping:item:added', 1));
    expect(live.errors).toEqual([]);
    halfOpen.ws.terminate();
  });

  it('subscribe/stop churn and a flood of them on one connection do not wedge the server, and leave nothing behind', async () => {
    await using h = await householdOfOne();
    using live = recordEvents(h.alex.api, h.home.id);
    await live.waitUntil(...countOf('household:presence', 1));
    const subscribe = (id: number) => request(id, 'subscription', 'events.household', { householdId: h.home.id });
    const subscriptionsOpen = async () => (await h.server.app.deps.metrics.subscriptions.get()).values[0]?.value;

    // Churn: each subscription starts, then stops; every one is let go of at once.
    const churn = await signedInSocket(h.server.wsUrl, h.alex);
    const CHURN = 200;
    for (let id = 1; id <= CHURN; id++) {
      churn.send(subscribe(id));
      expect(await churn.reply(id)).toMatchObject({ result: { type: 'started' } });
      churn.send({ id, method: 'subscription.stop' });
    }
    await eventually(() => h.server.app.deps.bus.listenerCount(h.home.id), (n) => n === 1, 'the churned subscriptions to let go of the bus');
    expect(await subscriptionsOpen()).toBe(1);

    // Flood: each stop written right behind its subscribe, all in one go.
    const flood = await signedInSocket(h.server.wsUrl, h.alex);
    const FLOOD = 500;
    for (let id = 1; id <= FLOOD; id++) {
      flood.send(subscribe(id));
      flood.send({ id, method: 'subscription.stop' });
    }
    // Every subscribe is answered, started or refused, and the socket still answers calls.
    for (let id = 1; id <= FLOOD; id++) await flood.reply(id);
    flood.send(request(FLOOD + 1, 'query', 'system.whoami'));
    expect(await flood.reply(FLOOD + 1)).toMatchObject({ result: { data: { userId: h.alex.user.id } } });
    const asked = performance.now();
    expect(await openConnections(h.server.url)).toBe(3);
    const healthzMs = performance.now() - asked;
    // A stop right behind its subscribe, even in the same read, ends it: none is left open to fill the per-connection limit.
    const refused = flood.received.filter((message) => message.error?.data.code === 'TOO_MANY_REQUESTS').length;
    console.info(`${CHURN} subscribe/stop round trips, then ${FLOOD} pairs in one go: /healthz answered in ${healthzMs.toFixed(1)} ms`);
    expect(healthzMs).toBeLessThan(500);
    expect(refused).toBe(0);
    // The recorder's one only.
    await eventually(subscriptionsOpen, (n) => n === 1, 'the flooded subscriptions to end');
    expect(h.server.app.deps.bus.listenerCount(h.home.id)).toBe(1);

    await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'after the flood' });
    await live.waitUntil(...countOf('shopping:item:added', 1));
    await Promise.all([churn.close(), flood.close()]);
    live.stop();
    await eventually(() => h.server.app.deps.bus.listenerCount(h.home.id), (n) => n === 0, 'every subscription to let go of the bus');
    await eventually(subscriptionsOpen, (n) => n === 0, 'the subscriptions gauge to return to 0');
  });
});
