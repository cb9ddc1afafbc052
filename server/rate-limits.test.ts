import { TRPCClientError } from '@trpc/client';
import { request } from 'node:http';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { codeOf, connectClient, refusalOf, signIn } from '../tests/support/clients';
import { databaseContents, expectNothingWritten } from '../tests/support/database-contents';
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

/** A mutation over plain HTTP from `localAddress` (any of 127/8 reaches a loopback server). */
function mutateFrom(baseUrl: string, localAddress: string, path: string, input: unknown, token?: string): Promise<{ status: number; body: string }> {
  const url = new URL(`${baseUrl}/trpc/${path}`);
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST', localAddress, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.once('error', reject);
    req.end(JSON.stringify(input));
  });
}

const signInFrom = (baseUrl: string, localAddress: string, displayName: string) => mutateFrom(baseUrl, localAddress, 'auth.signInLocal', { displayName });

describe('rate limits', () => {
  it('mutations past the per-user rate are TOO_MANY_REQUESTS with retryAfterMs, other users and queries are unaffected, and the user is served after waiting', async () => {
    // 3 a second, and 1 more a minute as burst: the fourth quick change passes, the fifth does not.
    await using server = await startServer({ limits: { mutationsPerSecond: 3, mutationBurst: 1 } });
    const alex = await signIn(server.url, 'Alex');
    const bea = await signIn(server.url, 'Bea');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    const [list] = await alex.api.shopping.lists.getByHousehold.query({ householdId: home.id });

    // Eight at once (one HTTP batch): the allowance left after the create, then refusals.
    const before = databaseContents(server);
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
    // Refused changes wrote nothing: the accepted adds, their events and the names they taught are all that is new.
    const after = databaseContents(server);
    const writtenByAnAdd = ['shopping_items', 'item_memory', 'event_log', 'sqlite_sequence', 'households'];
    expect(Object.keys(after).filter((table) => !writtenByAnAdd.includes(table) && !isDeepStrictEqual(after[table], before[table]))).toEqual([]);
    expect(after.shopping_items).toHaveLength(accepted);
    expect(after.event_log).toHaveLength(before.event_log!.length + accepted);
    // Of the household, only its event sequence moved: one number per accepted add.
    expect(after.households).toEqual(before.households!.map((row) => ({ ...row, event_seq: Number(row.event_seq) + accepted })));
    // The limit is the user's, whichever transport carries the change.
    const overWebSocket = connectClient(server.url, alex.token, { transport: 'websocket' });
    expect(await codeOf(overWebSocket.api.me.update.mutate({ displayName: 'Alexander' }))).toBe('TOO_MANY_REQUESTS');
    await overWebSocket.close();

    // Another user is not held back by Alex's limit.
    const bHome = await bea.api.household.create.mutate({ name: 'Elsewhere' });
    expect(bHome.name).toBe('Elsewhere');
    // Queries have a limit of their own, far above this: twenty of them right away, all answered.
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

    await expectNothingWritten(server, async () => {
      const refusal = await rateLimited(anonymous.api.auth.signInLocal.mutate({ displayName: 'Mallory' }));
      expect(refusal.code).toBe('TOO_MANY_REQUESTS');
      expect(refusal.message).toMatch(/^Too many sign-in attempts from this address: try again in \d+ s\.$/);
      const retryAfterMs = refusal.retryAfterMs as number;
      expect(retryAfterMs).toBeGreaterThan(0);
      expect(retryAfterMs).toBeLessThanOrEqual(60_000);
      expect((await refusalOf(anonymous.api.auth.signInLocal.mutate({ displayName: 'Mallory' }))).code).toBe('TOO_MANY_REQUESTS');
    });

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

  it('queries past the per-user rate are TOO_MANY_REQUESTS, while the same user\'s changes and other users are served', async () => {
    await using server = await startServer({ limits: { queriesPerSecond: 4, queryBurst: 2 } });
    const alex = await signIn(server.url, 'Alex');
    const bea = await signIn(server.url, 'Bea');
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, () => alex.api.me.get.query()));
    const answered = outcomes.filter((outcome) => outcome.status === 'fulfilled').length;
    // The second's 4 and the burst's 2; a few more if the calls straddled a second.
    expect(answered).toBeGreaterThanOrEqual(6);
    expect(answered).toBeLessThan(10);
    const refusal = await rateLimited(alex.api.me.get.query());
    expect(refusal).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/^Too many requests at once: try again in \d+ s\.$/) });
    expect(await alex.api.me.update.mutate({ displayName: 'Alexander' })).toMatchObject({ displayName: 'Alexander' });
    expect((await bea.api.me.get.query()).user.displayName).toBe('Bea');
    await Promise.all([alex.close(), bea.close()]);
  });

  it('invite codes tried past the per-address limit are TOO_MANY_REQUESTS, however many accounts the address makes', async () => {
    await using server = await startServer({ limits: { joinsPerMinute: 3 } });
    const alex = await signIn(server.url, 'Alex');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    // Four fresh accounts from one address, each trying a code: a new account is no new allowance.
    const guessers = await Promise.all(['G1', 'G2', 'G3', 'G4'].map((name) => signIn(server.url, name)));
    for (const guesser of guessers.slice(0, 3)) expect(await codeOf(guesser.api.household.join.mutate({ inviteCode: 'WRONGCODE' }))).toBe('NOT_FOUND');
    const refusal = await rateLimited(guessers[3]!.api.household.join.mutate({ inviteCode: home.inviteCode }));
    expect(refusal).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: expect.stringMatching(/^Too many invite codes tried from this address: try again in \d+ s\.$/) });
    expect((await alex.api.household.get.query({ householdId: home.id })).members).toHaveLength(1);
    // Another address joins with the right code.
    const casey = await signIn(server.url, 'Casey');
    const joined = await mutateFrom(server.url, '127.0.0.2', 'household.join', { inviteCode: home.inviteCode }, casey.token);
    expect(joined.status).toBe(200);
    await Promise.all([alex, casey, ...guessers].map((member) => member.close()));
  });

  it('a bulk clear or undo is charged for the items it touches, and the largest list can still be cleared', async () => {
    const ITEMS = 100;
    await using setUp = await startServer({ limits: { mutationsPerSecond: 1000, mutationBurst: 1000 } });
    const alex = await signIn(setUp.url, 'Alex');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    const [list] = await alex.api.shopping.lists.getByHousehold.query({ householdId: home.id });
    // In rounds of 20, each within one HTTP batch.
    for (let round = 0; round < ITEMS / 20; round++) {
      const added = await Promise.all(Array.from({ length: 20 }, (_, i) => alex.api.shopping.items.add.mutate({ listId: list!.id, name: `item ${round}-${i}` })));
      await Promise.all(added.map((item) => alex.api.shopping.items.update.mutate({ itemId: item.id, checked: true })));
    }

    // 2 a second and 3 as burst: 5 points. Clearing 100 items costs 4 (one per 25), its undo 4 more.
    await using server = await setUp.restart({ limits: { mutationsPerSecond: 2, mutationBurst: 3 } });
    const { removedItemIds } = await alex.api.shopping.items.clearChecked.mutate({ listId: list!.id });
    expect(removedItemIds).toHaveLength(ITEMS);
    await expectNothingWritten(server, async () => {
      expect((await rateLimited(alex.api.shopping.items.restore.mutate({ listId: list!.id, itemIds: removedItemIds }))).code).toBe('TOO_MANY_REQUESTS');
    });
    expect(await alex.api.shopping.items.getByList.query({ listId: list!.id })).toEqual([]);

    // With less allowance than a clear of the list would cost, it is charged the whole allowance and served.
    await using tight = await server.restart({ limits: { mutationsPerSecond: 1, mutationBurst: 1 } });
    const eventsBefore = databaseContents(tight).event_log!.length;
    await alex.api.shopping.items.restore.mutate({ listId: list!.id, itemIds: removedItemIds });
    expect(await alex.api.shopping.items.getByList.query({ listId: list!.id })).toHaveLength(ITEMS);
    expect(databaseContents(tight).event_log!.length).toBeGreaterThan(eventsBefore);
    await alex.close();
  });
});
