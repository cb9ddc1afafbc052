import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { connectClient, refusalOf, signIn, type Member } from '../../../tests/support/clients';
import { countOf, recordEvents } from '../../../tests/support/event-recorder';
import { startServer, type TestServer } from '../../../tests/support/test-server';
import { localDeviceKeys } from '../../db/schema';

const NOT_EARLIER = {
  code: 'FORBIDDEN',
  message: 'That member is not an earlier sign-in of yours: only a member with your name, no device of their own and not online now can be merged into you.',
};

/**
 * What the sign-out bug of earlier versions left behind: Sam made Home and
 * added milk, signed out (which threw the only way back as that member away:
 * no device key existed then), and signed in again as a new "Sam" who joined
 * Home with the invite; Alex was there all along.
 */
async function homeWithTwoSams(server: TestServer) {
  const earlierSam = await signIn(server.url, 'Sam');
  const home = await earlierSam.api.household.create.mutate({ name: 'Home' });
  const [list] = await earlierSam.api.shopping.lists.getByHousehold.query({ householdId: home.id });
  const milk = await earlierSam.api.shopping.items.add.mutate({ listId: list!.id, name: 'milk' });
  await earlierSam.close();
  server.app.deps.db.delete(localDeviceKeys).where(eq(localDeviceKeys.userId, earlierSam.user.id)).run();

  const alex = await signIn(server.url, 'Alex');
  await alex.api.household.join.mutate({ inviteCode: home.inviteCode });
  const sam = await signIn(server.url, ' sam ');
  await sam.api.household.join.mutate({ inviteCode: home.inviteCode });
  return { home, list: list!, milk, earlierSam, alex, sam };
}

const closeAll = (...members: Pick<Member, 'close'>[]) => Promise.all(members.map((member) => member.close()));

describe('an earlier sign-in of the same person, left by the old sign-out', () => {
  it('is offered to the Sam of today, and merging it leaves one Sam who owns Home and added the milk', async () => {
    await using server = await startServer();
    const { home, list, milk, earlierSam, alex, sam } = await homeWithTwoSams(server);
    using alexEvents = recordEvents(alex.api, home.id);

    expect((await sam.api.household.earlierSignIns.query({ householdId: home.id })).map((member) => member.id)).toEqual([earlierSam.user.id]);
    // Alex has no earlier sign-in: the offer is for the person with the name only.
    expect(await alex.api.household.earlierSignIns.query({ householdId: home.id })).toEqual([]);

    await sam.api.household.mergeEarlierSignIn.mutate({ householdId: home.id, userId: earlierSam.user.id });

    const after = await alex.api.household.get.query({ householdId: home.id });
    expect(after.members.map(({ id, role }) => ({ id, role }))).toEqual([
      { id: alex.user.id, role: 'member' },
      { id: sam.user.id, role: 'owner' },
    ]);
    const items = await sam.api.shopping.items.getByList.query({ listId: list.id });
    expect(items.map(({ id, addedBy }) => ({ id, addedBy }))).toEqual([{ id: milk.id, addedBy: sam.user.id }]);
    await alexEvents.waitUntil(...countOf('household:updated', 1));
    expect(alexEvents.ofType('household:member:left')).toMatchObject([{ userId: earlierSam.user.id, reason: 'left', actorId: sam.user.id }]);
    expect(await sam.api.household.earlierSignIns.query({ householdId: home.id })).toEqual([]);
    await closeAll(alex, sam);
  });

  it('is never someone who can still sign in, someone online, or someone of another name, and a refused merge changes nothing', async () => {
    await using server = await startServer();
    const { home, earlierSam, alex, sam } = await homeWithTwoSams(server);
    // Another Sam with a device of their own is a person, not a leftover.
    const otherSam = await signIn(server.url, 'Sam');
    await otherSam.api.household.join.mutate({ inviteCode: home.inviteCode });
    const before = await alex.api.household.get.query({ householdId: home.id });

    for (const userId of [otherSam.user.id, alex.user.id, sam.user.id, 'user_nobody']) {
      expect(await refusalOf(sam.api.household.mergeEarlierSignIn.mutate({ householdId: home.id, userId }))).toEqual(NOT_EARLIER);
    }
    // The earlier sign-in is Sam's to claim, not Alex's.
    expect(await refusalOf(alex.api.household.mergeEarlierSignIn.mutate({ householdId: home.id, userId: earlierSam.user.id }))).toEqual(NOT_EARLIER);
    expect(await alex.api.household.get.query({ householdId: home.id })).toEqual(before);
    await closeAll(otherSam, alex, sam);
  });

  it('is not offered while it is online: someone is still using it', async () => {
    await using server = await startServer();
    const { home, earlierSam, alex, sam } = await homeWithTwoSams(server);
    // The token of an earlier sign-in may still be alive on a device that never signed out.
    const stillSignedIn = connectClient(server.url, earlierSam.token);
    using presence = recordEvents(alex.api, home.id);
    using earlierStream = recordEvents(stillSignedIn.api, home.id);
    await presence.waitUntil((received) => received.some(({ event }) => event.type === 'household:presence' && event.online.includes(earlierSam.user.id)), 'the earlier Sam online');

    expect(await sam.api.household.earlierSignIns.query({ householdId: home.id })).toEqual([]);
    expect(await refusalOf(sam.api.household.mergeEarlierSignIn.mutate({ householdId: home.id, userId: earlierSam.user.id }))).toEqual(NOT_EARLIER);
    earlierStream.stop();
    await closeAll(stillSignedIn, alex, sam);
  });
});
