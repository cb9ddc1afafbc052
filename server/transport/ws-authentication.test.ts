import { createTRPCClient, createWSClient, wsLink } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import type { AppRouter } from '../../shared/api';
import { errorCode } from '../../tests/support/clients';
import { recordEvents } from '../../tests/support/event-recorder';
import { householdOfOne } from '../../tests/support/household-of-one';
import { eventually, openRawSocket, request, signedInSocket } from '../../tests/support/raw-socket';
import { expectStillServes } from '../../tests/support/still-serves';
import { CLOSE_SESSION_EXPIRED } from './ws-connections';

describe('WebSocket authentication', () => {
  const AUTH_TIMEOUT_MS = 500;

  it('a socket that never sends connectionParams, or sends an invalid token, is closed with 4401 within WS_AUTH_TIMEOUT; a signed-in one stays', async () => {
    await using h = await householdOfOne({ limits: { wsAuthTimeoutMs: AUTH_TIMEOUT_MS } });
    const started = performance.now();
    const signedIn = await signedInSocket(h.server.wsUrl, h.alex);
    const silent = await openRawSocket(h.server.wsUrl);
    const forged = await openRawSocket(h.server.wsUrl, { connectionParams: { token: `${h.alex.token.slice(0, -4)}AAAA` } });
    forged.send(request(1, 'query', 'system.whoami'));
    expect(await forged.reply(1)).toMatchObject({ error: { data: { code: 'UNAUTHORIZED' } } });

    for (const socket of [silent, forged]) {
      const closed = await socket.closed;
      expect(closed.code).toBe(CLOSE_SESSION_EXPIRED);
      expect(closed.reason).toBe('Not signed in');
      expect(closed.afterMs).toBeGreaterThanOrEqual(AUTH_TIMEOUT_MS - 50);
      expect(closed.afterMs).toBeLessThan(AUTH_TIMEOUT_MS + 1000);
    }
    // Past the deadline, the signed-in socket is still open and answering.
    expect(performance.now() - started).toBeGreaterThan(AUTH_TIMEOUT_MS);
    signedIn.send(request(2, 'query', 'system.whoami'));
    expect(await signedIn.reply(2)).toMatchObject({ result: { data: { userId: h.alex.user.id } } });
    await signedIn.close();
  });

  it('connectionParams of the wrong shape are UNAUTHORIZED, never a crash, and the server keeps serving', async () => {
    await using h = await householdOfOne({ limits: { wsAuthTimeoutMs: AUTH_TIMEOUT_MS } });
    const shapes: { name: string; data: unknown }[] = [
      { name: 'token as a number', data: { token: 12345 } },
      { name: 'token as an object', data: { token: { jwt: h.alex.token } } },
      { name: 'token as null', data: { token: null } },
      { name: 'token missing', data: {} },
      { name: 'params as a string', data: h.alex.token },
      { name: 'params as an array', data: [h.alex.token] },
      { name: 'params null', data: null },
      { name: 'a huge token', data: { token: 'x'.repeat(200_000) } },
    ];
    // All at once: each waits out the auth deadline.
    await Promise.all(
      shapes.map(async ({ name, data }) => {
        await using socket = await openRawSocket(h.server.wsUrl, { connectionParams: data });
        socket.send(request(1, 'query', 'system.whoami'));
        const reply = await socket.reply(1).catch((error: Error) => error);
        expect(reply, name).toMatchObject({ id: 1, error: { data: { code: 'UNAUTHORIZED' } } });
        expect((await socket.closed).code, name).toBe(CLOSE_SESSION_EXPIRED);
      }),
    );
    await expectStillServes(h.server);
  });

  it('a tRPC client whose connectionParams hold a null token is told UNAUTHORIZED once instead of reconnecting in a storm', async () => {
    await using h = await householdOfOne({ limits: { wsAuthTimeoutMs: AUTH_TIMEOUT_MS } });
    let opens = 0;
    const closeCodes: (number | undefined)[] = [];
    const wsClient = createWSClient({
      url: h.server.wsUrl,
      WebSocket: WebSocket as unknown as typeof globalThis.WebSocket,
      // What `({ token: await getToken() })` sends for a signed-out Clerk session.
      connectionParams: () => ({ token: null as unknown as string }),
      onOpen: () => opens++,
      onClose: (cause) => closeCodes.push(cause?.code),
    });
    try {
      const api = createTRPCClient<AppRouter>({ links: [wsLink({ client: wsClient })] });
      using events = recordEvents(api, h.home.id);
      expect(errorCode(await events.waitForError())).toBe('UNAUTHORIZED');
      await eventually(() => closeCodes, (codes) => codes.length > 0, 'the auth deadline to close the socket', AUTH_TIMEOUT_MS + 2000);
      // Refused with PARSE_ERROR and closed at once, this client opened about a thousand sockets in 3 s.
      expect(closeCodes[0]).toBe(CLOSE_SESSION_EXPIRED);
      expect(opens).toBeLessThanOrEqual(2);
    } finally {
      await wsClient.close();
    }
  });
});
