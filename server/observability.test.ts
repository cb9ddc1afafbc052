import { describe, expect, it } from 'vitest';
import { codeOf, connectClient, errorCode, signIn } from '../tests/support/clients';
import { countOf, recordEvents } from '../tests/support/event-recorder';
import { captureLogs } from '../tests/support/log-capture';
import { eventually, openRawSocket, request } from '../tests/support/raw-socket';
import { startServer, type TestServer } from '../tests/support/test-server';

/**
 * The sum of the samples of `name` whose labels include `labels`, from
 * Prometheus text; 0 when there is none (a labelled counter never touched).
 */
function sampleOf(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const seen = Object.fromEntries([...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map(([, key, value]) => [key, value]));
    if (Object.entries(labels).every(([key, value]) => seen[key] === value)) sum += Number(match[3]);
  }
  return sum;
}

async function scrape(server: TestServer): Promise<string> {
  const response = await fetch(`${server.url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return response.text();
}

/** A valid token with its signature's last characters changed: well-formed, and refused. */
const forged = (token: string) => `${token.slice(0, -6)}${token.slice(-6) === 'AAAAAA' ? 'BBBBBB' : 'AAAAAA'}`;

describe('observability', () => {
  it('GET /metrics answers Prometheus text with every honeydo_ metric, and the values move with traffic', async () => {
    await using server = await startServer({ limits: { mutationsPerSecond: 5, mutationBurst: 1 } });
    const initial = await scrape(server);
    for (const [name, type] of [
      ['honeydo_ws_connections', 'gauge'],
      ['honeydo_subscriptions', 'gauge'],
      ['honeydo_events_published_total', 'counter'],
      ['honeydo_events_delivered_total', 'counter'],
      ['honeydo_event_delivery_seconds', 'histogram'],
      ['honeydo_mutation_duration_seconds', 'histogram'],
      ['honeydo_auth_rejected_total', 'counter'],
      ['honeydo_rate_limited_total', 'counter'],
      ['honeydo_process_resident_memory_bytes', 'gauge'],
    ]) {
      expect(initial).toContain(`# TYPE ${name} ${type}\n`);
    }
    expect(sampleOf(initial, 'honeydo_ws_connections')).toBe(0);
    expect(sampleOf(initial, 'honeydo_subscriptions')).toBe(0);

    const alex = await signIn(server.url, 'Alex');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    const [list] = await alex.api.shopping.lists.getByHousehold.query({ householdId: home.id });
    using live = recordEvents(alex.api, home.id);
    await live.waitUntil(...countOf('household:presence', 1));
    await alex.api.shopping.items.add.mutate({ listId: list!.id, name: 'milk' });
    await alex.api.shopping.items.add.mutate({ listId: list!.id, name: 'eggs' });
    await live.waitUntil(...countOf('shopping:item:added', 2));
    using replay = recordEvents(alex.api, home.id, '0');
    await replay.waitUntil(...countOf('shopping:item:added', 2));

    let text = await scrape(server);
    expect(sampleOf(text, 'honeydo_ws_connections')).toBe(1);
    expect(sampleOf(text, 'honeydo_subscriptions')).toBe(2);
    expect(sampleOf(text, 'honeydo_events_published_total', { type: 'shopping:item:added' })).toBe(2);
    expect(sampleOf(text, 'honeydo_events_delivered_total', { source: 'replay' })).toBe(2);
    expect(sampleOf(text, 'honeydo_events_delivered_total', { source: 'live' })).toBeGreaterThanOrEqual(2);
    // Only stored events have a commit time to measure from; both were live.
    expect(sampleOf(text, 'honeydo_event_delivery_seconds_count')).toBe(2);
    expect(sampleOf(text, 'honeydo_mutation_duration_seconds_count', { path: 'shopping.items.add', outcome: 'ok' })).toBe(2);
    expect(sampleOf(text, 'honeydo_mutation_duration_seconds_count', { path: 'household.create', outcome: 'ok' })).toBe(1);
    expect(sampleOf(text, 'honeydo_mutation_duration_seconds_count', { path: 'auth.signInLocal', outcome: 'ok' })).toBe(1);
    expect(sampleOf(text, 'honeydo_auth_rejected_total')).toBe(0);

    // A refused token over each transport.
    const impostor = connectClient(server.url, forged(alex.token));
    expect(await codeOf(impostor.api.me.get.query())).toBe('UNAUTHORIZED');
    await using socket = await openRawSocket(server.wsUrl, { connectionParams: { token: forged(alex.token) } });
    socket.send(request(1, 'query', 'system.whoami'));
    expect(await socket.reply(1)).toMatchObject({ error: { data: { code: 'UNAUTHORIZED' } } });
    // More changes at once than the rate allows.
    const burst = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => alex.api.shopping.items.add.mutate({ listId: list!.id, name: `item ${i}` })));
    const refused = burst.filter((outcome) => outcome.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((outcome) => errorCode(outcome.reason) === 'TOO_MANY_REQUESTS')).toBe(true);

    text = await scrape(server);
    expect(sampleOf(text, 'honeydo_auth_rejected_total', { transport: 'http' })).toBe(1);
    expect(sampleOf(text, 'honeydo_auth_rejected_total', { transport: 'websocket' })).toBe(1);
    expect(sampleOf(text, 'honeydo_rate_limited_total', { path: 'shopping.items.add' })).toBe(refused.length);
    expect(sampleOf(text, 'honeydo_mutation_duration_seconds_count', { path: 'shopping.items.add', outcome: 'TOO_MANY_REQUESTS' })).toBe(refused.length);
    expect(sampleOf(text, 'honeydo_events_published_total', { type: 'shopping:item:added' })).toBe(2 + burst.length - refused.length);

    // Everything closed: the gauges come back down.
    live.stop();
    replay.stop();
    await socket.close();
    await Promise.all([alex.close(), impostor.close()]);
    await eventually(
      async () => {
        const after = await scrape(server);
        return [sampleOf(after, 'honeydo_ws_connections'), sampleOf(after, 'honeydo_subscriptions')];
      },
      ([connections, subscriptions]) => connections === 0 && subscriptions === 0,
      'connections and subscriptions to return to 0',
    );
  });

  it('no token or password ever reaches the logs, while mutation lines carry the userId and path', async () => {
    const PASSWORD = 'correct horse battery staple';
    const WRONG_PASSWORD = 'incorrect donkey guess';
    const logs = captureLogs('trace');
    await using server = await startServer({ log: logs.log, auth: { kind: 'local', password: PASSWORD, tokenTtlSeconds: 3600 } });
    const anonymous = connectClient(server.url, null);
    expect(await codeOf(anonymous.api.auth.signInLocal.mutate({ displayName: 'Mallory', password: WRONG_PASSWORD }))).toBe('UNAUTHORIZED');
    const { token, user } = await anonymous.api.auth.signInLocal.mutate({ displayName: 'Alex', password: PASSWORD });
    const tokens = [token];

    // Over HTTP, with the bearer header.
    const alex = connectClient(server.url, token);
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    const [list] = await alex.api.shopping.lists.getByHousehold.query({ householdId: home.id });
    await alex.api.shopping.items.add.mutate({ listId: list!.id, name: 'milk' });
    const renewed = (await alex.api.auth.renewLocal.mutate()).token;
    tokens.push(renewed);
    alex.setToken(renewed);
    // Over a WebSocket, with connectionParams, and a token renewed over that connection.
    using events = recordEvents(alex.api, home.id);
    await events.waitUntil(...countOf('household:presence', 1));
    const overWebSocket = connectClient(server.url, renewed, { transport: 'websocket' });
    const third = (await alex.api.auth.renewLocal.mutate()).token;
    tokens.push(third);
    await overWebSocket.api.auth.renewConnection.mutate({ token: third });
    await overWebSocket.api.shopping.items.add.mutate({ listId: list!.id, name: 'eggs' });
    await events.waitUntil(...countOf('shopping:item:added', 1));
    // Refused tokens, over both transports.
    const refusedToken = forged(third);
    tokens.push(refusedToken);
    const impostor = connectClient(server.url, refusedToken);
    expect(await codeOf(impostor.api.me.get.query())).toBe('UNAUTHORIZED');
    await using socket = await openRawSocket(server.wsUrl, { connectionParams: { token: refusedToken } });
    socket.send(request(1, 'query', 'system.whoami'));
    expect(await socket.reply(1)).toMatchObject({ error: { data: { code: 'UNAUTHORIZED' } } });
    events.stop();
    await Promise.all([anonymous.close(), alex.close(), overWebSocket.close(), impostor.close(), socket.close()]);

    const text = logs.text();
    for (const secret of [...tokens, ...tokens.map((t) => t.split('.')[2]!), PASSWORD, WRONG_PASSWORD]) {
      expect(secret.length).toBeGreaterThan(20);
      expect(text.includes(secret), `a secret in the logs: ${secret.slice(0, 12)}…`).toBe(false);
    }
    // The logs are there, and useful: who did what, over which connection.
    const mutations = logs.entries().filter((entry) => entry.msg === 'mutation');
    expect(mutations).toContainEqual(expect.objectContaining({ userId: user.id, path: 'shopping.items.add', outcome: 'ok', ms: expect.any(Number) }));
    expect(mutations).toContainEqual(expect.objectContaining({ userId: user.id, path: 'auth.renewConnection', outcome: 'ok', connectionId: expect.any(String) }));
    expect(mutations).toContainEqual(expect.objectContaining({ path: 'auth.signInLocal', outcome: 'UNAUTHORIZED' }));
    expect(logs.entries()).toContainEqual(expect.objectContaining({ msg: 'websocket connected', authenticated: false }));
  });

  it('a token or password passed to a log call by mistake is redacted', () => {
    const logs = captureLogs('info');
    logs.log.info({ token: 'top-level-secret', input: { token: 'nested-secret', password: 'nested-password' }, password: 'top-password' }, 'careless');
    expect(logs.text()).not.toMatch(/top-level-secret|nested-secret|nested-password|top-password/);
    expect(logs.entries()[0]).toMatchObject({ token: '[Redacted]', password: '[Redacted]', input: { token: '[Redacted]', password: '[Redacted]' } });
  });
});
