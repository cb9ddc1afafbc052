import { TRPCClientError } from '@trpc/client';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { codeOf, connectClient, refusalOf, signIn } from '../tests/support/clients';
import { rowCounts } from '../tests/support/row-counts';
import { startServer } from '../tests/support/test-server';

/** The rejection of a refused call, with the `data` the error formatter adds. */
async function rateLimited(call: Promise<unknown>): Promise<{ message: string; code: string; retryAfterMs: unknown }> {
  try {
    await call;
  } catch (error) {
    if (!(error instanceof TRPCClientError)) throw error;
    const data = error.data as { code: string; retryAfterMs?: unknown };
    return { message: error.message, code: data.code, retryAfterMs: data.retryAfterMs };
  }
  throw new Error('expected the call to be refused, but it succeeded');
}

/** `auth.signInLocal` over plain HTTP from `localAddress` (any of 127/8 reaches a loopback server). */
function signInFrom(baseUrl: string, localAddress: string, displayName: string): Promise<{ status: number; body: string }> {
  const url = new URL(`${baseUrl}/trpc/auth.signInLocal`);
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.once('error', reject);
    req.end(JSON.stringify({ displayName }));
  });
}

describe('rate limits', () => {
  it('mutations past the per-user rate are TOO_MANY_REQUESTS with retryAfterMs, other users and queries are unaffected, and the user is served after waiting', async () => {
    // 3 a second, and 1 more a minute as burst: the fourth quick change passes, the fifth does not.
    await using server = await startServer({ limits: { mutationsPerSecond: 3, mutationBurst: 1 } });
    const alex = await signIn(server.url, 'Alex');
    const bea = await signIn(server.url, 'Bea');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    const [list] = await alex.api.shopping.lists.getByHousehold.query({ householdId: home.id });

    // Eight at once (one HTTP batch): the allowance left after the create, then refusals.
    const before = rowCounts(server);
    const calls = Array.from({ length: 8 }, (_, i) => alex.api.shopping.items.add.mutate({ listId: list!.id, name: `item ${i}` }));
    const outcomes = await Promise.allSettled(calls);
    const accepted = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
    // 2 of the second's 3 and the burst's 1; 4 if the batch fell into the next second.
    expect(accepted).toBeGreaterThanOrEqual(3);
    expect(accepted).toBeLessThanOrEqual(4);
    const refusal = await rateLimited(calls[7]!);
    expect(refusal.code).toBe('TOO_MANY_REQUESTS');
    expect(refusal.message).toMatch(/^Too many changes at once: try again in 1 s\.$/);
    expect(refusal.retryAfterMs).toEqual(expect.any(Number));
    const retryAfterMs = refusal.retryAfterMs as number;
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(1000);
    // Refused changes wrote nothing.
    expect(rowCounts(server)).toEqual({ ...before, shoppingItems: accepted, eventLog: before.eventLog + accepted, latestEventId: before.latestEventId + accepted });
    // The limit is the user's, whichever transport carries the change.
    const overWebSocket = connectClient(server.url, alex.token, { transport: 'websocket' });
    expect(await codeOf(overWebSocket.api.me.update.mutate({ displayName: 'Alexander' }))).toBe('TOO_MANY_REQUESTS');
    await overWebSocket.close();

    // Another user is not held back by Alex's limit.
    const bHome = await bea.api.household.create.mutate({ name: 'Elsewhere' });
    expect(bHome.name).toBe('Elsewhere');
    // Queries are not limited: twenty of them right away, all answered.
    const reads = await Promise.all(Array.from({ length: 20 }, () => alex.api.shopping.items.getByList.query({ listId: list!.id })));
    expect(reads.every((items) => items.length === accepted)).toBe(true);

    // Waiting as long as the server said is enough.
    await new Promise((resolve) => setTimeout(resolve, retryAfterMs));
    const later = await alex.api.shopping.items.add.mutate({ listId: list!.id, name: 'later' });
    expect(later.name).toBe('later');
    await Promise.all([alex.close(), bea.close()]);
  });

  it('sign-ins past the per-address limit are TOO_MANY_REQUESTS, while another address and signed-in members are served', async () => {
    await using server = await startServer({ limits: { signInsPerMinute: 2 } });
    const alex = await signIn(server.url, 'Alex');
    const anonymous = connectClient(server.url, null);
    await anonymous.api.auth.signInLocal.mutate({ displayName: 'Bea' });

    const before = rowCounts(server);
    const refusal = await rateLimited(anonymous.api.auth.signInLocal.mutate({ displayName: 'Mallory' }));
    expect(refusal.code).toBe('TOO_MANY_REQUESTS');
    expect(refusal.message).toMatch(/^Too many sign-in attempts from this address: try again in \d+ s\.$/);
    const retryAfterMs = refusal.retryAfterMs as number;
    expect(retryAfterMs).toBeGreaterThan(0);
    expect(retryAfterMs).toBeLessThanOrEqual(60_000);
    expect((await refusalOf(anonymous.api.auth.signInLocal.mutate({ displayName: 'Mallory' }))).code).toBe('TOO_MANY_REQUESTS');
    expect(rowCounts(server)).toEqual(before);

    // The limit is per address: another one on this machine signs in.
    const elsewhere = await signInFrom(server.url, '127.0.0.2', 'Casey');
    expect(elsewhere.status).toBe(200);
    expect(JSON.parse(elsewhere.body)).toMatchObject({ result: { data: { user: { displayName: 'Casey' }, token: expect.any(String) } } });
    const refusedAgain = await signInFrom(server.url, '127.0.0.1', 'Mallory');
    expect(refusedAgain.status).toBe(429);
    // Members already signed in carry on.
    expect((await alex.api.me.get.query()).user.displayName).toBe('Alex');
    await Promise.all([alex.close(), anonymous.close()]);
  });
});
