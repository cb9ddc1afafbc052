import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { connectClient, errorCode, signIn } from '../../tests/support/clients';
import { countOf, recordEvents } from '../../tests/support/event-recorder';
import { itemEvents, keepAddingWhileRenewing, signInHouseholdOfTwo } from '../../tests/support/household-of-two';
import { captureLogs } from '../../tests/support/log-capture';
import { startServer } from '../../tests/support/test-server';
import { SSE_CLIENT_RECONNECT_AFTER_MS, SSE_PING_INTERVAL_MS } from '../trpc';
import { SSE_STALLED_CUTOFF_MS } from './sse-subscriptions';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A raw SSE request for `events.household`, read as text until `until` holds or the stream ends. */
async function readStream(url: string, init: { token?: string; lastEventId?: string; query?: string }, until: (text: string) => boolean, timeoutMs = 5000) {
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.lastEventId) headers['last-event-id'] = init.lastEventId;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const response = await fetch(`${url}/trpc/events.household?${init.query}`, { headers, signal: controller.signal });
  let text = '';
  try {
    const decoder = new TextDecoder();
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      if (until(text)) break;
    }
  } catch (error) {
    if (!controller.signal.aborted) throw error;
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return { response, text };
}

const inputQuery = (input: object) => `input=${encodeURIComponent(JSON.stringify(input))}`;
/** The events of an SSE text: each one's `data:` and `id:`. */
const blocksOf = (text: string) =>
  text.split(/\n\n+/).map((block) => ({ data: /^data: (.*)$/m.exec(block)?.[1], id: /^id: (.*)$/m.exec(block)?.[1] }));
/** The `id:` lines of an SSE text, in order. */
const idsIn = (text: string) => [...text.matchAll(/^id: (.*)$/gm)].map((match) => match[1]);

describe('subscriptions over HTTP (Server-Sent Events)', () => {
  it('events.household streams over SSE with a bearer token, with the same tracked ids and events as over the WebSocket', async () => {
    await using server = await startServer();
    const { alex, sam, home, list } = await signInHouseholdOfTwo(server);
    await using alexOverSse = connectClient(server.url, alex.token, { transport: 'sse' });
    using overSse = recordEvents(alexOverSse.api, home.id);
    using overWs = recordEvents(alex.api, home.id);
    await overSse.waitUntil(...countOf('household:presence', 1));
    await overWs.waitUntil(...countOf('household:presence', 1));

    for (const name of ['milk', 'eggs', 'bread']) await sam.api.shopping.items.add.mutate({ listId: list.id, name });
    await overSse.waitUntil(() => itemEvents(overSse).length === 3, 'three items over SSE');
    await overWs.waitUntil(() => itemEvents(overWs).length === 3, 'three items over WebSocket');

    const items = (recorder: typeof overSse) => recorder.received.filter(({ event }) => event.type === 'shopping:item:added').map(({ id, event }) => ({ id, event }));
    expect(items(overSse)).toEqual(items(overWs));
    expect(itemEvents(overSse).map((event) => (event.type === 'shopping:item:added' ? event.item.name : null))).toEqual(['milk', 'eggs', 'bread']);
    await Promise.all([alex.close(), sam.close()]);
  });

  it('resumes after Last-Event-ID, and after lastEventId in the query, with every later event once and in order', async () => {
    await using server = await startServer();
    const { alex, sam, home, list } = await signInHouseholdOfTwo(server);
    for (const name of ['milk', 'eggs', 'bread', 'butter']) await sam.api.shopping.items.add.mutate({ listId: list.id, name });
    const input = { householdId: home.id };

    const all = await readStream(server.url, { token: alex.token, lastEventId: '0', query: inputQuery(input) }, (text) => text.includes('butter'));
    const eggsId = blocksOf(all.text).find((block) => block.data?.includes('"name":"eggs"'))?.id;
    expect(eggsId).toMatch(/^\d+$/);
    const secondId = eggsId as string;

    const byHeader = await readStream(server.url, { token: alex.token, lastEventId: secondId, query: inputQuery(input) }, (text) => text.includes('household:presence'));
    const byQuery = await readStream(server.url, { token: alex.token, query: `${inputQuery(input)}&lastEventId=${secondId}` }, (text) => text.includes('household:presence'));
    const byInput = await readStream(server.url, { token: alex.token, query: inputQuery({ ...input, lastEventId: secondId }) }, (text) => text.includes('household:presence'));
    for (const { response, text } of [byHeader, byQuery, byInput]) {
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      expect(text).not.toContain('"milk"');
      expect(text).not.toContain('"eggs"');
      expect(text.indexOf('"bread"')).toBeGreaterThan(-1);
      expect(text.indexOf('"butter"')).toBeGreaterThan(text.indexOf('"bread"'));
      expect(text.match(/"name":"bread"/g)).toHaveLength(1);
    }
    expect(idsIn(byHeader.text)).toEqual(idsIn(byQuery.text));
    expect(idsIn(byHeader.text)).toEqual(idsIn(byInput.text));
    await Promise.all([alex.close(), sam.close()]);
  });

  it('without a valid token the stream answers UNAUTHORIZED and ends at once; a non-member gets FORBIDDEN; neither holds a subscription or a connection', async () => {
    await using server = await startServer();
    const { alex, home } = await signInHouseholdOfTwo(server);
    const stranger = await signIn(server.url, 'Stranger');
    const subscriptions = () => server.app.deps.metrics.subscriptions.get().then(({ values }) => values[0]?.value ?? 0);
    const query = inputQuery({ householdId: home.id });

    for (const token of [undefined, 'not-a-token']) {
      const { response, text } = await readStream(server.url, { token, query }, () => false);
      expect(response.status).toBe(200);
      expect(text).toContain('event: serialized-error');
      expect(text).toContain('"code":"UNAUTHORIZED"');
      expect(text).toContain('Sign in to continue');
    }
    const forbidden = await readStream(server.url, { token: stranger.token, query }, () => false);
    expect(forbidden.text).toContain('"code":"FORBIDDEN"');

    await using client = connectClient(server.url, 'not-a-token', { transport: 'sse' });
    using refused = recordEvents(client.api, home.id);
    expect(errorCode(await refused.waitForError())).toBe('UNAUTHORIZED');
    expect(await subscriptions()).toBe(0);
    const health = (await (await fetch(`${server.url}/healthz`)).json()) as { connections: number };
    expect(health.connections).toBe(0);
    await Promise.all([alex.close(), stranger.close()]);
  });

  it('SSE streams count with WebSockets against the connections per user and per address: past either limit the stream is refused with 429 TOO_MANY_REQUESTS', async () => {
    await using server = await startServer({ limits: { connectionsPerUser: 2, connectionsPerIp: 3 } });
    const { alex, sam, home } = await signInHouseholdOfTwo(server);
    const query = inputQuery({ householdId: home.id });
    using overWs = recordEvents(alex.api, home.id);
    await overWs.waitUntil(...countOf('household:presence', 1));
    await using alexOverSse = connectClient(server.url, alex.token, { transport: 'sse' });
    using overSse = recordEvents(alexOverSse.api, home.id);
    await overSse.waitUntil(...countOf('household:presence', 1));

    // Alex holds one WebSocket and one stream: a third connection of his is refused.
    const third = await fetch(`${server.url}/trpc/events.household?${query}`, { headers: { authorization: `Bearer ${alex.token}`, accept: 'text/event-stream' } });
    expect(third.status).toBe(429);
    const body = (await third.json()) as { error: { message: string; data: { code: string } } };
    expect(body.error.data.code).toBe('TOO_MANY_REQUESTS');
    expect(body.error.message).toBe('More than 2 connections for this user: close another HoneyDo tab or device, or try again later.');

    // Sam's one stream is the address's third connection; his second is past the address's limit.
    await using samOverSse = connectClient(server.url, sam.token, { transport: 'sse' });
    using samEvents = recordEvents(samOverSse.api, home.id);
    await samEvents.waitUntil(...countOf('household:presence', 1));
    const fourth = await fetch(`${server.url}/trpc/events.household?${query}`, { headers: { authorization: `Bearer ${sam.token}`, accept: 'text/event-stream' } });
    expect(fourth.status).toBe(429);
    expect(((await fourth.json()) as { error: { message: string } }).error.message).toMatch(/^Too many connections from this address: /);

    // A stream that ends gives its place back.
    overSse.stop();
    await expect.poll(async () => (await fetch(`${server.url}/healthz`).then((r) => r.json()) as { connections: number }).connections).toBe(2);
    const again = await readStream(server.url, { token: alex.token, query }, (text) => text.includes('household:presence'));
    expect(again.response.status).toBe(200);
    await Promise.all([alex.close(), sam.close()]);
  });

  it('a stream ends with SERVICE_UNAVAILABLE at its session renewal deadline; the client reconnects with a fresh token and gets every event once, in order', async () => {
    // Tokens live 8 s; a stream is ended 5 s before its token expires, so the
    // EventSource's reconnect 3 s later still has a valid token to renew with.
    await using server = await startServer({ auth: { kind: 'local', tokenTtlSeconds: 8 }, ws: { renewLeadMs: 5000 } });
    const { alex, sam, list, home } = await signInHouseholdOfTwo(server);
    await using alexOverSse = connectClient(server.url, alex.token, { transport: 'sse', renewOnConnect: true });
    using events = recordEvents(alexOverSse.api, home.id);
    await events.waitUntil(...countOf('household:presence', 1));
    const ended = readStream(server.url, { token: alex.token, query: inputQuery({ householdId: home.id }) }, () => false, 6000);

    // Sam adds items for about 10 s (past two stream renewals), renewing his token as he goes.
    const added = await keepAddingWhileRenewing(sam, list.id, 10_000);
    const { text } = await ended;
    expect(text).toContain('"code":"SERVICE_UNAVAILABLE"');
    expect(text).toContain('The session is due for renewal: reconnect with a fresh token');
    await events.waitUntil(() => itemEvents(events).length >= added.length, 'every item', 8000);
    expect(itemEvents(events).map((event) => (event.type === 'shopping:item:added' ? event.item.name : null))).toEqual(added);
    expect(events.errors).toEqual([]);
    await Promise.all([alex.close(), sam.close()]);
  }, 30_000);

  it('a stream opened with less than the renewal lead left on its token ends when the token expires, not later', async () => {
    await using server = await startServer({ auth: { kind: 'local', tokenTtlSeconds: 3 }, ws: { renewLeadMs: 5000, authGraceMs: 30_000 } });
    const alex = await signIn(server.url, 'Alex');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    const started = Date.now();
    const { text } = await readStream(server.url, { token: alex.token, query: inputQuery({ householdId: home.id }) }, () => false, 8000);
    expect(text).toContain('"code":"SERVICE_UNAVAILABLE"');
    expect(text).toContain('The session expired: reconnect with a fresh token');
    // The WebSocket's grace (to renew in place) does not apply: a stream cannot renew in place.
    expect(Date.now() - started).toBeLessThan(4500);
    await alex.close();
  });

  it(`a quiet stream is sent a ping every ${SSE_PING_INTERVAL_MS / 1000} s, well within the ${SSE_CLIENT_RECONNECT_AFTER_MS / 1000} s after which the client gives it up`, async () => {
    await using server = await startServer();
    const alex = await signIn(server.url, 'Alex');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    const started = Date.now();
    const { text } = await readStream(server.url, { token: alex.token, query: inputQuery({ householdId: home.id }) }, (read) => read.includes('event: ping'), SSE_PING_INTERVAL_MS + 3000);
    expect(text).toMatch(/^event: connected\ndata: \{"reconnectAfterInactivityMs":25000\}/);
    expect(text).toContain('event: ping');
    expect(Date.now() - started).toBeGreaterThanOrEqual(SSE_PING_INTERVAL_MS - 500);
    expect(SSE_PING_INTERVAL_MS * 2).toBeLessThan(SSE_CLIENT_RECONNECT_AFTER_MS);
    await alex.close();
  }, 20_000);

  it(`a client that stops reading is cut off once it has taken nothing for ${SSE_STALLED_CUTOFF_MS / 1000} s, and its connection is let go`, async () => {
    const logs = captureLogs('warn');
    await using server = await startServer({ log: logs.log, limits: { mutationsPerSecond: 1_000_000, mutationBurst: 1_000_000, itemsPerList: 5000 } });
    const alex = await signIn(server.url, 'Alex');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    const [list] = await alex.api.shopping.lists.getByHousehold.query({ householdId: home.id });
    const { port } = new URL(server.url);
    // A raw stream whose reader stalls once it is open: a frozen tab, a phone that stopped reading.
    const slow = net.connect(Number(port), '127.0.0.1');
    slow.write(
      `GET /trpc/events.household?${inputQuery({ householdId: home.id })} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n` +
        `Accept: text/event-stream\r\nAuthorization: Bearer ${alex.token}\r\n\r\n`,
    );
    await new Promise((resolve) => slow.once('data', resolve));
    slow.pause();
    const closed = new Promise<number>((resolve) => slow.once('close', () => resolve(Date.now())));

    let cutOffAt = 0;
    void logs.waitFor((entry) => entry.msg === 'event stream client too slow; cutting it off', 'the cut-off', 90_000).then(() => {
      cutOffAt = Date.now();
      slow.resume();
    });
    // About 2.3 KB per event: the kernel's loopback buffers fill after a couple of thousand.
    const note = '€'.repeat(500);
    for (let batch = 0; batch < 120 && !cutOffAt; batch++) {
      await Promise.all(Array.from({ length: 25 }, (_, i) => alex.api.shopping.items.add.mutate({ listId: list!.id, name: `${batch * 25 + i} ${'€'.repeat(100)}`, note })));
      if (batch >= 40) await sleep(500);
    }
    await expect.poll(() => cutOffAt, { timeout: SSE_STALLED_CUTOFF_MS + 5000 }).toBeGreaterThan(0);
    expect(await closed).toBeLessThan(cutOffAt + 7000);
    await expect.poll(async () => ((await (await fetch(`${server.url}/healthz`)).json()) as { connections: number }).connections).toBe(0);
    slow.destroy();
    await alex.close();
  }, 120_000);

  it('at shutdown an open stream ends with SERVICE_UNAVAILABLE (retried by the client), and the server stops without waiting for it', async () => {
    await using server = await startServer();
    const alex = await signIn(server.url, 'Alex');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    const reading = readStream(server.url, { token: alex.token, query: inputQuery({ householdId: home.id }) }, () => false, 10_000);
    await sleep(300);
    const stopping = Date.now();
    await server.close();
    expect(Date.now() - stopping).toBeLessThan(3000);
    const { text } = await reading;
    expect(text).toContain('"code":"SERVICE_UNAVAILABLE"');
    expect(text).toContain('The server is restarting');
    await alex.close();
  });
});
