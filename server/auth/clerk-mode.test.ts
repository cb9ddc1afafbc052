import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits';
import { codeOf, connectClient, connectionLog, errorCode, refusalOf } from '../../tests/support/clients';
import { countOf, recordEvents } from '../../tests/support/event-recorder';
import { newHousehold } from '../../tests/support/household-of-one';
import { startServer, type TestServer } from '../../tests/support/test-server';
import {
  clerkIds,
  clerkToken,
  hs256WithPublicKey,
  rsaKeyPair,
  sessionClaims,
  signClaims,
  unsignedToken,
  type KeyPair,
} from '../../tests/support/tokens';

const APP = 'https://app.example';

/** One key pair plays the Clerk instance for the whole file: RSA key generation is slow. */
const clerk = rsaKeyPair();
const impostor = rsaKeyPair();

function startClerkServer(): Promise<TestServer> {
  return startServer({ auth: { kind: 'clerk', jwtKey: clerk.publicKeyPem, authorizedParties: [APP] } });
}

/** A server in Clerk mode and one signed-in Clerk user with a household and its list. */
async function clerkHousehold() {
  const server = await startClerkServer();
  const member = connectClient(server.url, await clerkToken(clerk, { authorizedParty: APP }));
  const { home, list } = await newHousehold(member);
  return {
    server,
    member,
    home,
    list,
    /** Proof that the server still serves a signed-in user normally. */
    async stillServes() {
      expect((await member.api.me.get.query()).households).toEqual([{ id: home.id, name: 'Home', role: 'owner' }]);
    },
    async [Symbol.asyncDispose]() {
      await member.close();
      await server[Symbol.asyncDispose]();
    },
  };
}

const badTokens: { name: string; make: (key: KeyPair) => string | Promise<string> }[] = [
  { name: 'an expired token', make: (key) => clerkToken(key, { authorizedParty: APP, ttlSeconds: -60 }) },
  // verifyToken would still take it (5 s clock-skew tolerance); a WebSocket
  // opened on it would be due for renewal at once.
  { name: 'a token that expired a second ago', make: (key) => clerkToken(key, { authorizedParty: APP, ttlSeconds: -1 }) },
  { name: 'a token signed with another key', make: () => clerkToken(impostor, { authorizedParty: APP }) },
  { name: 'a token for another authorized party (azp)', make: (key) => clerkToken(key, { authorizedParty: 'https://evil.example' }) },
  { name: 'an unsigned token (alg: none)', make: () => unsignedToken(sessionClaims(clerkIds().userId, APP)) },
  { name: 'a token signed HS256 with the public key as secret', make: (key) => hs256WithPublicKey(key, sessionClaims(clerkIds().userId, APP)) },
  { name: 'a garbage token', make: () => 'not.a.jwt' },
];

describe('Clerk mode', () => {
  it('a valid Clerk token works over HTTP and over WebSocket', async () => {
    await using h = await clerkHousehold();
    using events = recordEvents(h.member.api, h.home.id);
    await events.waitUntil(...countOf('household:presence', 1));
    const item = await h.member.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk' });
    await events.waitUntil(...countOf('shopping:item:added', 1));
    expect(events.ofType('shopping:item:added')[0]).toMatchObject({ item: { id: item.id }, actorId: (await h.member.api.me.get.query()).user.id });

    const overWebSocket = connectClient(h.server.url, h.member.token, { transport: 'websocket' });
    const whoami = await overWebSocket.api.system.whoami.query();
    expect(whoami).toMatchObject({ transport: 'websocket', userId: (await h.member.api.me.get.query()).user.id });
    expect(whoami.connectionId).toEqual(expect.any(String));
    expect((await h.member.api.system.whoami.query()).transport).toBe('http');
    await overWebSocket.close();
  });

  it.each(badTokens)('$name is refused over HTTP and WebSocket, and the server keeps serving', async ({ make }) => {
    await using h = await clerkHousehold();
    const token = await make(clerk);
    const connections = connectionLog();
    const intruder = connectClient(h.server.url, token, connections.options);

    expect(await codeOf(intruder.api.me.get.query())).toBe('UNAUTHORIZED');
    expect(await codeOf(intruder.api.household.create.mutate({ name: 'Mine now' }))).toBe('UNAUTHORIZED');
    await h.stillServes();

    using events = recordEvents(intruder.api, h.home.id);
    expect(errorCode(await events.waitForError())).toBe('UNAUTHORIZED');
    expect(events.received).toEqual([]);
    const overWebSocket = connectClient(h.server.url, token, { transport: 'websocket' });
    expect(await codeOf(overWebSocket.api.system.whoami.query())).toBe('UNAUTHORIZED');
    // Refused inside the connection, not by failing it: no reconnect storm.
    expect(connections.opens).toBe(1);
    await h.stillServes();
    expect((await h.member.api.household.get.query({ householdId: h.home.id })).members).toHaveLength(1);
    await Promise.all([intruder.close(), overWebSocket.close()]);
  });

  it('local sign-in and local renewal are refused in Clerk mode, with a reason', async () => {
    await using h = await clerkHousehold();
    const anonymous = connectClient(h.server.url, null);
    const refusal = await refusalOf(anonymous.api.auth.signInLocal.mutate({ displayName: 'Local Larry' }));
    expect(refusal).toEqual({ code: 'FORBIDDEN', message: expect.stringMatching(/Local sign-in is turned off.*Clerk/) });
    expect(await refusalOf(h.member.api.auth.renewLocal.mutate())).toEqual(refusal);
    await h.stillServes();
    await anonymous.close();
  });

  it('a first-seen Clerk user gets a user row named after the token’s name claim', async () => {
    await using server = await startClerkServer();
    const { userId } = clerkIds();
    const robin = connectClient(server.url, await signClaims(clerk, sessionClaims(userId, APP, { name: '  Robin Clerk ' })));
    expect(await robin.api.me.get.query()).toEqual({ user: { id: userId, displayName: 'Robin Clerk' }, households: [] });

    // A later token for the same user finds the row the first one made.
    await robin.api.me.update.mutate({ displayName: 'Robin' });
    robin.setToken(await signClaims(clerk, sessionClaims(userId, APP, { name: 'Robin Clerk' })));
    expect((await robin.api.me.get.query()).user).toEqual({ id: userId, displayName: 'Robin' });
    await robin.close();
  });

  it('a first-seen Clerk user without a name claim gets a placeholder name, and an over-long name is cut to the limit', async () => {
    await using server = await startClerkServer();
    const anonymous = connectClient(server.url, await clerkToken(clerk, { authorizedParty: APP }));
    expect((await anonymous.api.me.get.query()).user.displayName).toBe('New member');

    const verbose = connectClient(server.url, await signClaims(clerk, sessionClaims(clerkIds().userId, APP, { name: 'N'.repeat(500) })));
    expect((await verbose.api.me.get.query()).user.displayName).toBe('N'.repeat(LIMITS.displayName));
    await Promise.all([anonymous.close(), verbose.close()]);
  });
});
