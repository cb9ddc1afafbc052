import { describe, expect, it } from 'vitest';
import { householdOfOne } from '../../tests/support/household-of-one';
import { openRawSocket, refusedUpgrade, request } from '../../tests/support/raw-socket';
import { expectStillServes } from '../../tests/support/still-serves';

describe('Origin policy', () => {
  const ALLOWED = 'https://app.example';
  const FOREIGN = 'https://evil.example';

  it('a WebSocket upgrade from a foreign Origin is refused with 403; same-origin and ALLOWED_ORIGINS ones are accepted', async () => {
    await using h = await householdOfOne({ allowedOrigins: [ALLOWED] });
    expect(await refusedUpgrade(h.server.wsUrl, { origin: FOREIGN })).toBe(403);
    expect(await refusedUpgrade(h.server.wsUrl, { origin: 'null' })).toBe(403);
    for (const origin of [ALLOWED, h.server.url]) {
      await using socket = await openRawSocket(h.server.wsUrl, { connectionParams: { token: h.alex.token }, ws: { origin } });
      socket.send(request(1, 'query', 'system.whoami'));
      expect(await socket.reply(1)).toMatchObject({ result: { data: { userId: h.alex.user.id } } });
    }
  });

  it('an HTTP call from a foreign Origin gets 403, an allowed one gets CORS headers, and a preflight answers 204', async () => {
    await using h = await householdOfOne({ allowedOrigins: [ALLOWED] });
    const whoami = (origin: string, method = 'GET') =>
      fetch(`${h.server.url}/trpc/system.whoami`, { method, headers: { origin, authorization: `Bearer ${h.alex.token}` } });

    const foreign = await whoami(FOREIGN);
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(await foreign.json()).toEqual({ error: `Origin ${FOREIGN} is not allowed. Add it to ALLOWED_ORIGINS to call this API from there.` });

    const allowed = await whoami(ALLOWED);
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    // Cached answers must not cross origins.
    expect(allowed.headers.get('vary')?.split(/\s*,\s*/)).toContain('Origin');
    expect(await allowed.json()).toMatchObject({ result: { data: { userId: h.alex.user.id } } });

    const preflight = await fetch(`${h.server.url}/trpc/shopping.items.add`, {
      method: 'OPTIONS',
      headers: { origin: ALLOWED, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe(ALLOWED);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
    // An EventSource from an allowed origin resumes with Last-Event-ID (the SSE fallback).
    expect(preflight.headers.get('access-control-allow-headers')).toContain('last-event-id');
    expect((await whoami(FOREIGN, 'OPTIONS')).status).toBe(403);
    await expectStillServes(h.server);
  });
});
