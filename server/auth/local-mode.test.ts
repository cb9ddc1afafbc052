import { verifyToken } from '@clerk/backend';
import { decodeJwt } from 'jose';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeOf, connectClient, errorCode, refusalOf, signIn } from '../../tests/support/clients';
import { countOf, recordEvents } from '../../tests/support/event-recorder';
import { startServer } from '../../tests/support/test-server';
import { LOCAL_ISSUER } from './session-token';

const HOUR = 3600;

describe('local mode', () => {
  it('signInLocal returns a Clerk-shaped token that Clerk’s verifyToken accepts with the server’s public key', async () => {
    await using server = await startServer({ auth: { kind: 'local', tokenTtlSeconds: HOUR } });
    const alex = await signIn(server.url, 'Alex');

    const claims = decodeJwt(alex.token);
    expect(claims).toMatchObject({ sub: alex.user.id, sid: expect.stringMatching(/^sess_/), iss: LOCAL_ISSUER, azp: LOCAL_ISSUER, v: 2 });
    expect(claims.exp! - claims.iat!).toBe(HOUR);
    expect(claims.nbf).toBe(claims.iat);
    const publicKeyPem = readFileSync(path.join(server.dataDir, 'local-auth', 'public.pem'), 'utf8');
    expect(await verifyToken(alex.token, { jwtKey: publicKeyPem })).toMatchObject({ sub: alex.user.id, sid: claims.sid });

    expect(await alex.api.me.get.query()).toEqual({ user: { id: alex.user.id, displayName: 'Alex' }, households: [] });
    expect(await alex.api.system.whoami.query()).toMatchObject({ userId: alex.user.id, sessionId: claims.sid, transport: 'http' });
    await alex.close();
  });

  it('renewLocal returns a fresh token for the same user and session', async () => {
    await using server = await startServer({ auth: { kind: 'local', tokenTtlSeconds: HOUR } });
    const alex = await signIn(server.url, 'Alex');
    const before = decodeJwt(alex.token);

    const renewed = await alex.api.auth.renewLocal.mutate();
    expect(renewed.user).toEqual(alex.user);
    expect(renewed.token).not.toBe(alex.token);
    const after = decodeJwt(renewed.token);
    expect(after).toMatchObject({ sub: before.sub, sid: before.sid });
    expect(after.exp).toBeGreaterThanOrEqual(before.exp!);
    expect(after.jti).not.toBe(before.jti);
    expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.now());

    alex.setToken(renewed.token);
    expect(await alex.api.system.whoami.query()).toMatchObject({ userId: alex.user.id, sessionId: before.sid });
    await alex.close();
  });

  it('a token from another server’s data folder is refused over HTTP and WebSocket', async () => {
    await using home = await startServer();
    await using elsewhere = await startServer();
    const alex = await signIn(home.url, 'Alex');
    const household = await alex.api.household.create.mutate({ name: 'Home' });
    const stranger = await signIn(elsewhere.url, 'Stranger');
    const onHome = connectClient(home.url, stranger.token);

    expect(await codeOf(onHome.api.me.get.query())).toBe('UNAUTHORIZED');
    using events = recordEvents(onHome.api, household.id);
    expect(errorCode(await events.waitForError())).toBe('UNAUTHORIZED');
    expect(await home.app.deps.verifySession(stranger.token)).toBeNull();
    // Each server still honours its own tokens.
    expect((await alex.api.me.get.query()).user.id).toBe(alex.user.id);
    expect((await stranger.api.me.get.query()).user.id).toBe(stranger.user.id);
    await Promise.all([alex.close(), stranger.close(), onHome.close()]);
  });

  it('with a household password, signing in needs it: a wrong or missing one is UNAUTHORIZED', async () => {
    await using server = await startServer({ auth: { kind: 'local', password: 'correct horse', tokenTtlSeconds: HOUR } });
    const anonymous = connectClient(server.url, null);
    const { signInLocal } = anonymous.api.auth;

    expect(await refusalOf(signInLocal.mutate({ displayName: 'Eve' }))).toEqual({ code: 'UNAUTHORIZED', message: 'Wrong household password.' });
    expect(await codeOf(signInLocal.mutate({ displayName: 'Eve', password: 'battery staple' }))).toBe('UNAUTHORIZED');
    expect(await codeOf(signInLocal.mutate({ displayName: 'Eve', password: 'correct horse ' }))).toBe('UNAUTHORIZED');

    const { token, user } = await signInLocal.mutate({ displayName: 'Alex', password: 'correct horse' });
    const alex = connectClient(server.url, token);
    expect((await alex.api.me.get.query()).user).toEqual(user);
    await Promise.all([anonymous.close(), alex.close()]);
  });

  it('the key pair survives a restart, so a token issued before it still works', async () => {
    await using server = await startServer();
    const alex = await signIn(server.url, 'Alex');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    await alex.close();
    const publicKeyBefore = readFileSync(path.join(server.dataDir, 'local-auth', 'public.pem'), 'utf8');

    await using restarted = await server.restart();
    expect(readFileSync(path.join(restarted.dataDir, 'local-auth', 'public.pem'), 'utf8')).toBe(publicKeyBefore);
    const again = connectClient(restarted.url, alex.token);
    expect((await again.api.me.get.query()).households).toEqual([{ id: home.id, name: 'Home', role: 'owner' }]);
    using events = recordEvents(again.api, home.id);
    await events.waitUntil(...countOf('household:presence', 1));
    expect(events.errors).toEqual([]);
    await again.close();
  });
});
