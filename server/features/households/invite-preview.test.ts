import { describe, expect, it } from 'vitest';
import { codeOf, connectClient, refusalOf, signIn } from '../../../tests/support/clients';
import { startServer } from '../../../tests/support/test-server';

describe('household.previewInvite', () => {
  it('names the household and its owner to a signed-in person who has not joined, and joins nothing', async () => {
    await using server = await startServer();
    await using alex = await signIn(server.url, 'Alex');
    await using jo = await signIn(server.url, 'Jo');
    const home = await alex.api.household.create.mutate({ name: 'Home' });

    expect(await jo.api.household.previewInvite.query({ inviteCode: home.inviteCode.toLowerCase() })).toEqual({ householdName: 'Home', invitedBy: 'Alex' });
    expect((await jo.api.me.get.query()).households).toEqual([]);
  });

  it('names whoever owns the household now', async () => {
    await using server = await startServer();
    await using alex = await signIn(server.url, 'Alex');
    await using sam = await signIn(server.url, 'Sam');
    await using jo = await signIn(server.url, 'Jo');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    await sam.api.household.join.mutate({ inviteCode: home.inviteCode });
    await alex.api.household.leave.mutate({ householdId: home.id });

    expect(await jo.api.household.previewInvite.query({ inviteCode: home.inviteCode })).toEqual({ householdName: 'Home', invitedBy: 'Sam' });
  });

  it('an unknown or rotated code is NOT_FOUND, saying what to do', async () => {
    await using server = await startServer();
    await using alex = await signIn(server.url, 'Alex');
    await using jo = await signIn(server.url, 'Jo');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    await alex.api.household.rotateInvite.mutate({ householdId: home.id });

    expect(await refusalOf(jo.api.household.previewInvite.query({ inviteCode: home.inviteCode }))).toEqual({
      code: 'NOT_FOUND',
      message: 'No household has that invite code. Ask a member for the current code: it changes when the owner rotates it.',
    });
  });

  it('needs a signed-in caller', async () => {
    await using server = await startServer();
    await using alex = await signIn(server.url, 'Alex');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    await using anonymous = connectClient(server.url, null);

    expect(await codeOf(anonymous.api.household.previewInvite.query({ inviteCode: home.inviteCode }))).toBe('UNAUTHORIZED');
  });

  it('takes from the allowance joins take from, so codes cannot be guessed in bulk', async () => {
    await using server = await startServer({ limits: { joinsPerMinute: 3 } });
    await using jo = await signIn(server.url, 'Jo');
    const codes = await Promise.all(Array.from({ length: 6 }, (_, i) => codeOf(jo.api.household.previewInvite.query({ inviteCode: `GUESS${i}` }))));

    expect(codes).toContain('NOT_FOUND');
    expect(codes).toContain('TOO_MANY_REQUESTS');
    expect(await codeOf(jo.api.household.join.mutate({ inviteCode: 'GUESS9' }))).toBe('TOO_MANY_REQUESTS');
  });
});
