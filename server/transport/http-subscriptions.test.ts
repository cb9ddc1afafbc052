import { describe, expect, it } from 'vitest';
import { signIn } from '../../tests/support/clients';
import { countOf, recordEvents } from '../../tests/support/event-recorder';
import { startServer } from '../../tests/support/test-server';

describe('subscriptions over HTTP (Server-Sent Events)', () => {
  it('events.household over HTTP is refused with METHOD_NOT_SUPPORTED at once, streams nothing and holds no subscription', async () => {
    await using server = await startServer();
    const alex = await signIn(server.url, 'Alex');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    const input = encodeURIComponent(JSON.stringify({ householdId: home.id }));
    const subscriptions = () => server.app.deps.metrics.subscriptions.get().then(({ values }) => values[0]?.value ?? 0);

    const requests: [path: string, accept: string][] = [
      ['events.household', 'text/event-stream'],
      ['events.household', 'application/json'],
      ['events%2Ehousehold', 'text/event-stream'],
      ['me.get,events.household', 'text/event-stream'],
    ];
    for (const [path, accept] of requests) {
      const response = await fetch(`${server.url}/trpc/${path}?input=${input}`, {
        headers: { authorization: `Bearer ${alex.token}`, accept },
        signal: AbortSignal.timeout(5000),
      });
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(response.status).toBe(405);
      const body = (await response.json()) as { error: { message: string; data: { code: string } } };
      expect(body.error.data.code).toBe('METHOD_NOT_SUPPORTED');
      expect(body.error.message).toBe('events.household is a subscription: open it over the WebSocket at /trpc (wsLink); it is not served over HTTP.');
    }
    expect(await subscriptions()).toBe(0);

    // The same subscription over the WebSocket is served.
    using events = recordEvents(alex.api, home.id);
    await events.waitUntil(...countOf('household:presence', 1));
    expect(await subscriptions()).toBe(1);
    await alex.close();
  });
});
