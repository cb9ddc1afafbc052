import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { codeOf, connectionLog, errorCode, signIn } from '../../tests/support/clients';
import { expectNothingWritten } from '../../tests/support/database-contents';
import { countOf, recordEvents } from '../../tests/support/event-recorder';
import { keepAddingWhileRenewing, signInHouseholdOfTwo } from '../../tests/support/household-of-two';
import { openRawSocket, request } from '../../tests/support/raw-socket';
import { startServer } from '../../tests/support/test-server';
import { CLOSE_RENEW_SESSION, CLOSE_SESSION_EXPIRED } from './ws-connections';

/**
 * Tokens live 4 s; the server asks for a fresh one 1.5 s before expiry and
 * closes a connection that brought none 1 s after it. Real time, so the
 * numbers stay small; the assertions count connections and events, not time.
 */
const TTL_SECONDS = 4;
const RENEW_LEAD_MS = 1500;
const GRACE_MS = 1000;
const SHORT_SESSIONS = {
  auth: { kind: 'local' as const, tokenTtlSeconds: TTL_SECONDS },
  ws: { renewLeadMs: RENEW_LEAD_MS, authGraceMs: GRACE_MS },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('WebSocket session expiry', () => {
  it('a client that keeps sending the same token is asked to renew once, closed with 4401 after expiry and grace, then refused', async () => {
    await using server = await startServer(SHORT_SESSIONS);
    const log = connectionLog();
    const alex = await signIn(server.url, 'Alex', log.options);
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    using events = recordEvents(alex.api, home.id);
    await events.waitUntil(...countOf('household:presence', 1));

    expect(errorCode(await events.waitForError(TTL_SECONDS * 1000 + GRACE_MS + 3000))).toBe('UNAUTHORIZED');
    // The renewal request, one reconnect with the same token kept for the
    // grace, one more that the expired token no longer authenticates: no storm.
    expect(log.closeCodes).toEqual([CLOSE_RENEW_SESSION, CLOSE_SESSION_EXPIRED]);
    expect(log.opens).toBe(3);
    expect(await codeOf(alex.api.me.get.query())).toBe('UNAUTHORIZED');
    await alex.close();
  });

  it('a client that renews its token on reconnect stays subscribed across several token lifetimes and gets every event once, in order', async () => {
    await using server = await startServer(SHORT_SESSIONS);
    const log = connectionLog();
    const { alex, sam, home, list } = await signInHouseholdOfTwo(server, { ...log.options, renewOnConnect: true });
    const sessionId = decodeJwt(alex.token).sid;
    using events = recordEvents(alex.api, home.id);
    await events.waitUntil(...countOf('household:presence', 1));

    // Sam adds items for about 10 s (two and a half token lifetimes),
    // renewing his own token over HTTP as he goes.
    const added = await keepAddingWhileRenewing(sam, list.id, 10_000);
    await events.waitUntil(...countOf('shopping:item:added', added.length));

    expect(events.errors).toEqual([]);
    expect(events.ofType('shopping:item:added').map((e) => e.item.name)).toEqual(added);
    const ids = events.received.filter((r) => r.event.type === 'shopping:item:added').map((r) => Number(r.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    // Every close was a renewal request, never an expiry, and there were no
    // more than the token lifetimes allow: a token lives at least TTL - 1 s
    // (whole-second claims), so renewals are at least that minus the lead apart.
    const mostRenewals = Math.ceil(11_000 / ((TTL_SECONDS - 1) * 1000 - RENEW_LEAD_MS));
    expect(log.closeCodes.length).toBeGreaterThanOrEqual(3);
    expect(log.closeCodes.length).toBeLessThanOrEqual(mostRenewals);
    expect(log.closeCodes.every((code) => code === CLOSE_RENEW_SESSION)).toBe(true);
    // One reconnect per close (the last may still be under way).
    expect(log.opens - log.closeCodes.length).toBeGreaterThanOrEqual(0);
    expect(log.opens - log.closeCodes.length).toBeLessThanOrEqual(1);
    // Renewal keeps the session; only the token is new.
    expect(decodeJwt(alex.token).sid).toBe(sessionId);
    expect(await alex.api.system.whoami.query()).toMatchObject({ userId: alex.user.id, sessionId });
    await Promise.all([alex.close(), sam.close()]);
  });

  it('a client that renews its token over the connection keeps that one connection across several token lifetimes', async () => {
    await using server = await startServer(SHORT_SESSIONS);
    const log = connectionLog();
    const { alex, sam, home, list } = await signInHouseholdOfTwo(server, log.options);
    using events = recordEvents(alex.api, home.id);
    await events.waitUntil(...countOf('household:presence', 1));

    // About 10 s, two and a half token lifetimes: Alex renews in band every
    // second, Sam keeps adding (renewing his own token over HTTP).
    const added: string[] = [];
    const until = Date.now() + 10_000;
    while (Date.now() < until) {
      const fresh = (await alex.api.auth.renewLocal.mutate()).token;
      alex.setToken(fresh);
      const { expiresAt } = await alex.api.auth.renewConnection.mutate({ token: fresh });
      expect(Date.parse(expiresAt)).toBeGreaterThan(Date.now());
      const name = `item ${added.length}`;
      await sam.api.shopping.items.add.mutate({ listId: list.id, name });
      added.push(name);
      sam.setToken((await sam.api.auth.renewLocal.mutate()).token);
      await sleep(1000);
    }
    await events.waitUntil(...countOf('shopping:item:added', added.length));

    expect(events.errors).toEqual([]);
    expect(events.ofType('shopping:item:added').map((e) => e.item.name)).toEqual(added);
    expect(log.opens).toBe(1);
    expect(log.closeCodes).toEqual([]);
    await Promise.all([alex.close(), sam.close()]);
  });

  it('a connection cannot be renewed over HTTP, with an invalid token, or as another user', async () => {
    await using server = await startServer(SHORT_SESSIONS);
    const alex = await signIn(server.url, 'Alex');
    const sam = await signIn(server.url, 'Sam');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    using events = recordEvents(alex.api, home.id);
    await events.waitUntil(...countOf('household:presence', 1));

    const overHttp = await fetch(`${server.url}/trpc/auth.renewConnection`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${alex.token}` },
      body: JSON.stringify({ token: alex.token }),
    });
    expect(overHttp.status).toBe(400);
    expect(((await overHttp.json()) as { error: { message: string } }).error.message).toMatch(/WebSocket only/);
    expect(await codeOf(alex.api.auth.renewConnection.mutate({ token: 'not-a-token' }))).toBe('UNAUTHORIZED');
    expect(await codeOf(alex.api.auth.renewConnection.mutate({ token: sam.token }))).toBe('FORBIDDEN');
    expect((await alex.api.auth.renewConnection.mutate({ token: alex.token })).expiresAt).toEqual(expect.any(String));
    await Promise.all([alex.close(), sam.close()]);
  });

  it('a connection whose token expired is refused on every call, though the socket is still open for the grace', async () => {
    // Renewal is never asked for (the lead is longer than a token lives), so
    // the socket stays open until expiry plus a long grace.
    await using server = await startServer({ auth: SHORT_SESSIONS.auth, ws: { renewLeadMs: 60_000, authGraceMs: 20_000 } });
    const alex = await signIn(server.url, 'Alex');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    const expiresAt = (decodeJwt(alex.token).exp ?? 0) * 1000;
    await using socket = await openRawSocket(server.wsUrl, { connectionParams: { token: alex.token } });
    socket.send(request(1, 'query', 'system.whoami'));
    expect(await socket.reply(1)).toMatchObject({ result: { data: { userId: alex.user.id } } });

    await sleep(expiresAt - Date.now() + 200);
    socket.send(request(2, 'query', 'system.whoami'));
    socket.send(request(3, 'mutation', 'household.notify', { householdId: home.id, message: 'still here?' }));
    socket.send(request(4, 'subscription', 'events.household', { householdId: home.id }));
    for (const id of [2, 3, 4]) expect((await socket.reply(id)).error?.data.code).toBe('UNAUTHORIZED');
    await alex.close();
  });

  it('frames a client sends after the server closed its socket run nothing, though its session is still valid', async () => {
    // The renewal close comes a second after sign-in, three before the token expires.
    await using server = await startServer({ auth: SHORT_SESSIONS.auth, ws: { renewLeadMs: 3000, authGraceMs: GRACE_MS } });
    const alex = await signIn(server.url, 'Alex');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    const [list] = await alex.api.shopping.lists.getByHousehold.query({ householdId: home.id });
    // Two sockets on one token are closed in the same sweep. One reads as
    // usual and tells when that happened; the other stops reading, so it never
    // sees the close frame, and keeps sending like a client that ignores it.
    await using witness = await openRawSocket(server.wsUrl, { connectionParams: { token: alex.token } });
    await using deaf = await openRawSocket(server.wsUrl, { connectionParams: { token: alex.token } });
    deaf.send(request(0, 'query', 'system.whoami'));
    expect(await deaf.reply(0)).toMatchObject({ result: { data: { userId: alex.user.id } } });
    await expectNothingWritten(server, async () => {
      deaf.ws.pause();
      expect((await witness.closed).code).toBe(CLOSE_RENEW_SESSION);
      deaf.send(request(1, 'mutation', 'shopping.items.add', { listId: list!.id, name: 'after the close' }));
      deaf.send(request(2, 'mutation', 'household.notify', { householdId: home.id, message: 'after the close' }));
      deaf.ws.resume();
      expect((await deaf.closed).code).toBe(CLOSE_RENEW_SESSION);
      expect(deaf.received.filter((message) => message.id === 1 || message.id === 2)).toEqual([]);
    });
    await alex.close();
  });
});
