import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { connectClient, refusalOf } from '../../../tests/support/clients';
import { startServer } from '../../../tests/support/test-server';
import { localDeviceKeys } from '../../db/schema';

const SAM_REFUSED = { code: 'FORBIDDEN', message: 'This device can no longer sign in as that person. Sign in with your name instead.' };
const someKey = () => randomBytes(32).toString('base64url');

describe('coming back as the same person in local mode', () => {
  it('the key a device got at sign-in signs the same member in again, household and all', async () => {
    await using server = await startServer();
    await using anonymous = connectClient(server.url, null);
    const first = await anonymous.api.auth.signInLocal.mutate({ displayName: 'Sam' });
    await using sam = connectClient(server.url, first.token);
    const home = await sam.api.household.create.mutate({ name: 'Home' });

    const again = await anonymous.api.auth.resumeLocal.mutate({ userId: first.user.id, deviceKey: first.deviceKey });
    expect(again.user).toEqual(first.user);
    await using samAgain = connectClient(server.url, again.token);
    expect((await samAgain.api.me.get.query()).households.map((household) => household.id)).toEqual([home.id]);
    // The database holds the key's hash, never the key.
    const stored = server.app.deps.db.select().from(localDeviceKeys).all();
    expect(stored.map((row) => row.userId)).toEqual([first.user.id]);
    expect(stored[0]!.keyHash).not.toContain(first.deviceKey);
  });

  it('a wrong key is refused, and one person’s key never signs in someone else', async () => {
    await using server = await startServer();
    await using anonymous = connectClient(server.url, null);
    const sam = await anonymous.api.auth.signInLocal.mutate({ displayName: 'Sam' });
    const alex = await anonymous.api.auth.signInLocal.mutate({ displayName: 'Alex' });

    expect(await refusalOf(anonymous.api.auth.resumeLocal.mutate({ userId: sam.user.id, deviceKey: someKey() }))).toEqual(SAM_REFUSED);
    expect(await refusalOf(anonymous.api.auth.resumeLocal.mutate({ userId: alex.user.id, deviceKey: sam.deviceKey }))).toEqual(SAM_REFUSED);
    expect(await refusalOf(anonymous.api.auth.resumeLocal.mutate({ userId: 'user_nobody', deviceKey: sam.deviceKey }))).toEqual(SAM_REFUSED);
    expect((await refusalOf(anonymous.api.auth.resumeLocal.mutate({ userId: sam.user.id, deviceKey: 'sam' }))).code).toBe('BAD_REQUEST');
  });

  it('a server with a household password asks for it when someone comes back too', async () => {
    await using server = await startServer({ auth: { kind: 'local', password: 'open sesame', tokenTtlSeconds: 3600 } });
    await using anonymous = connectClient(server.url, null);
    const sam = await anonymous.api.auth.signInLocal.mutate({ displayName: 'Sam', password: 'open sesame' });

    expect(await refusalOf(anonymous.api.auth.resumeLocal.mutate({ userId: sam.user.id, deviceKey: sam.deviceKey }))).toEqual({
      code: 'UNAUTHORIZED',
      message: 'Wrong household password.',
    });
    const again = await anonymous.api.auth.resumeLocal.mutate({ userId: sam.user.id, deviceKey: sam.deviceKey, password: 'open sesame' });
    expect(again.user.id).toBe(sam.user.id);
  });
});
