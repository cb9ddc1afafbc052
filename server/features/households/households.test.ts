import { describe, expect, it } from 'vitest';
import { codeOf, errorCode, refusalOf, signIn } from '../../../tests/support/clients';
import { countOf, recordEvents } from '../../../tests/support/event-recorder';
import { expectNothingWritten } from '../../../tests/support/database-contents';
import { signInHouseholdOfTwo } from '../../../tests/support/household-of-two';
import { startServer } from '../../../tests/support/test-server';

/** A household as stored: who is online is not part of it. */
const withoutPresence = ({ online: _online, ...household }: { online: string[] } & Record<string, unknown>) => household;

describe('households', () => {
  it('a new household has its creator as owner, an invite code and one list', async () => {
    await using server = await startServer();
    const alex = await signIn(server.url, 'Alex');
    const home = await alex.api.household.create.mutate({ name: '  Home  ' });
    expect(home).toMatchObject({ name: 'Home', members: [{ id: alex.user.id, displayName: 'Alex', role: 'owner' }] });
    expect(home.inviteCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(await alex.api.shopping.lists.getByHousehold.query({ householdId: home.id })).toMatchObject([{ name: 'Shopping' }]);
    expect((await alex.api.me.get.query()).households).toEqual([{ id: home.id, name: 'Home', role: 'owner' }]);
    await alex.close();
  });

  it('joining announces the new member; joining again changes nothing', async () => {
    await using server = await startServer();
    const alex = await signIn(server.url, 'Alex');
    const sam = await signIn(server.url, 'Sam');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    using events = recordEvents(alex.api, home.id);
    await events.waitUntil(...countOf('household:presence', 1));
    // Codes are forgiving about case, spaces and dashes.
    const code = `${home.inviteCode.slice(0, 4).toLowerCase()}-${home.inviteCode.slice(4)}`;
    await sam.api.household.join.mutate({ inviteCode: code });
    await sam.api.household.join.mutate({ inviteCode: home.inviteCode });
    await events.waitUntil(...countOf('household:member:joined', 1));
    await alex.api.household.rename.mutate({ householdId: home.id, name: 'Flat' });
    await events.waitUntil(...countOf('household:updated', 1));

    expect(events.ofType('household:member:joined')).toHaveLength(1);
    expect(events.ofType('household:member:joined')[0]).toMatchObject({ actorId: sam.user.id, member: { id: sam.user.id, role: 'member' } });
    expect(events.ofType('household:updated')).toMatchObject([{ actorId: alex.user.id, household: { name: 'Flat' } }]);
    expect((await sam.api.household.get.query({ householdId: home.id })).members.map((m) => m.displayName)).toEqual(['Alex', 'Sam']);
    await Promise.all([alex.close(), sam.close()]);
  });

  it('a member of another household never receives the events, and cannot read, subscribe, write or manage the household', async () => {
    await using server = await startServer();
    const { alex, sam, home, list } = await signInHouseholdOfTwo(server);
    const jo = await signIn(server.url, 'Jo');
    const joHome = await jo.api.household.create.mutate({ name: 'Elsewhere' });
    using joEvents = recordEvents(jo.api, joHome.id);
    using intruder = recordEvents(jo.api, home.id);
    const item = await sam.api.shopping.items.add.mutate({ listId: list.id, name: 'milk' });
    // A checked item, so a clear-checked that got through would remove something.
    const bread = await sam.api.shopping.items.add.mutate({ listId: list.id, name: 'bread' });
    await sam.api.shopping.items.update.mutate({ itemId: bread.id, checked: true });
    await sam.api.household.notify.mutate({ householdId: home.id, message: 'bread please' });
    const homeBefore = withoutPresence(await alex.api.household.get.query({ householdId: home.id }));
    await expectNothingWritten(server, async () => {
      expect(await errorCode(await intruder.waitForError())).toBe('FORBIDDEN');
      expect(await codeOf(jo.api.household.get.query({ householdId: home.id }))).toBe('FORBIDDEN');
      expect(await codeOf(jo.api.shopping.lists.getByHousehold.query({ householdId: home.id }))).toBe('FORBIDDEN');
      expect(await codeOf(jo.api.shopping.items.getByList.query({ listId: list.id }))).toBe('FORBIDDEN');
      expect(await codeOf(jo.api.shopping.items.add.mutate({ listId: list.id, name: 'sneaky' }))).toBe('FORBIDDEN');
      expect(await codeOf(jo.api.shopping.items.update.mutate({ itemId: item.id, checked: true }))).toBe('FORBIDDEN');
      expect(await codeOf(jo.api.shopping.items.remove.mutate({ itemId: item.id }))).toBe('FORBIDDEN');
      expect(await codeOf(jo.api.household.notify.mutate({ householdId: home.id, message: 'hi' }))).toBe('FORBIDDEN');
      expect(await codeOf(jo.api.household.join.mutate({ inviteCode: 'WRONG234' }))).toBe('NOT_FOUND');
      expect(await codeOf(jo.api.shopping.items.clearChecked.mutate({ listId: list.id }))).toBe('FORBIDDEN');
      expect(await codeOf(jo.api.shopping.lists.create.mutate({ householdId: home.id, name: 'Sneaky' }))).toBe('FORBIDDEN');
      expect(await codeOf(jo.api.shopping.lists.rename.mutate({ listId: list.id, name: 'Sneaky' }))).toBe('FORBIDDEN');
      expect(await codeOf(jo.api.shopping.lists.remove.mutate({ listId: list.id }))).toBe('FORBIDDEN');
      expect(await codeOf(jo.api.household.rename.mutate({ householdId: home.id, name: 'Taken' }))).toBe('FORBIDDEN');
      expect(await codeOf(jo.api.household.rotateInvite.mutate({ householdId: home.id }))).toBe('FORBIDDEN');
      expect(await codeOf(jo.api.household.removeMember.mutate({ householdId: home.id, userId: sam.user.id }))).toBe('FORBIDDEN');
      expect(await codeOf(jo.api.household.leave.mutate({ householdId: home.id }))).toBe('FORBIDDEN');
    });
    // The household, its lists and items as they were.
    expect(withoutPresence(await alex.api.household.get.query({ householdId: home.id }))).toEqual(homeBefore);
    expect((await alex.api.shopping.lists.getByHousehold.query({ householdId: home.id })).map((l) => ({ id: l.id, name: l.name }))).toEqual([
      { id: list.id, name: list.name },
    ]);

    // Jo's own household still streams: a marker proves Jo's stream is live and saw nothing of Home.
    await jo.api.shopping.lists.create.mutate({ householdId: joHome.id, name: 'Marker' });
    await joEvents.waitUntil(...countOf('shopping:list:created', 1));
    expect(joEvents.received.every(({ event }) => event.householdId === joHome.id)).toBe(true);
    expect(intruder.received).toEqual([]);
    expect(await alex.api.shopping.items.getByList.query({ listId: list.id })).toMatchObject([
      { name: 'milk', checked: false },
      { name: 'bread', checked: true },
    ]);
    await Promise.all([alex.close(), sam.close(), jo.close()]);
  });

  it('a rotated invite code stops working; only the owner can rotate it', async () => {
    await using server = await startServer();
    const { alex, sam, home } = await signInHouseholdOfTwo(server);
    const jo = await signIn(server.url, 'Jo');
    expect(await codeOf(sam.api.household.rotateInvite.mutate({ householdId: home.id }))).toBe('FORBIDDEN');
    const rotated = await alex.api.household.rotateInvite.mutate({ householdId: home.id });
    expect(rotated.inviteCode).not.toBe(home.inviteCode);
    expect(await codeOf(jo.api.household.join.mutate({ inviteCode: home.inviteCode }))).toBe('NOT_FOUND');
    await jo.api.household.join.mutate({ inviteCode: rotated.inviteCode });
    expect((await jo.api.me.get.query()).households.map((h) => h.id)).toEqual([home.id]);
    await Promise.all([alex.close(), sam.close(), jo.close()]);
  });

  it("a removed member's subscription ends at once and receives none of the household's later events", async () => {
    await using server = await startServer();
    const { alex, sam, home, list } = await signInHouseholdOfTwo(server);
    using samEvents = recordEvents(sam.api, home.id);
    using alexEvents = recordEvents(alex.api, home.id);
    await samEvents.waitUntil(...countOf('household:presence', 1));
    expect(await codeOf(sam.api.household.removeMember.mutate({ householdId: home.id, userId: alex.user.id }))).toBe('FORBIDDEN');

    await alex.api.household.removeMember.mutate({ householdId: home.id, userId: sam.user.id });
    const ended = await samEvents.waitForError();
    expect(errorCode(ended)).toBe('FORBIDDEN');
    expect((ended as Error).message).toBe('You were removed from this household.');
    await alex.api.shopping.items.add.mutate({ listId: list.id, name: 'after removal' });
    await alexEvents.waitUntil(...countOf('shopping:item:added', 1));

    expect(samEvents.ofType('household:member:left')).toMatchObject([{ userId: sam.user.id, reason: 'removed', actorId: alex.user.id }]);
    expect(samEvents.ofType('shopping:item:added')).toEqual([]);
    expect(await codeOf(sam.api.shopping.items.getByList.query({ listId: list.id }))).toBe('FORBIDDEN');
    expect(server.app.deps.bus.listenerCount(home.id)).toBe(1);
    await Promise.all([alex.close(), sam.close()]);
  });

  it('leaving a household ends your own open subscription with FORBIDDEN, and it receives nothing of the household afterwards', async () => {
    await using server = await startServer();
    const { alex, sam, home, list } = await signInHouseholdOfTwo(server);
    using samEvents = recordEvents(sam.api, home.id);
    using alexEvents = recordEvents(alex.api, home.id);
    await Promise.all([samEvents.waitUntil(...countOf('household:presence', 1)), alexEvents.waitUntil(...countOf('household:presence', 1))]);

    await sam.api.household.leave.mutate({ householdId: home.id });
    const ended = await samEvents.waitForError();
    expect(errorCode(ended)).toBe('FORBIDDEN');
    expect((ended as Error).message).toBe('You left this household.');
    await alex.api.shopping.items.add.mutate({ listId: list.id, name: 'after leaving' });
    await alexEvents.waitUntil(...countOf('shopping:item:added', 1));

    // The last thing Sam's stream yielded is his own departure.
    expect(samEvents.received.at(-1)?.event).toMatchObject({ type: 'household:member:left', userId: sam.user.id, reason: 'left', actorId: sam.user.id });
    expect(samEvents.ofType('shopping:item:added')).toEqual([]);
    expect(alexEvents.ofType('household:member:left')).toMatchObject([{ userId: sam.user.id, reason: 'left', actorId: sam.user.id }]);
    expect(await refusalOf(sam.api.shopping.items.getByList.query({ listId: list.id }))).toMatchObject({ code: 'FORBIDDEN' });
    await expect.poll(() => server.app.deps.bus.listenerCount(home.id)).toBe(1);
    await Promise.all([alex.close(), sam.close()]);
  });

  it('the owner leaving hands ownership on; the last member leaving deletes the household', async () => {
    await using server = await startServer();
    const { alex, sam, home } = await signInHouseholdOfTwo(server);
    using samEvents = recordEvents(sam.api, home.id);
    await samEvents.waitUntil(...countOf('household:presence', 1));
    await alex.api.household.leave.mutate({ householdId: home.id });
    await samEvents.waitUntil(...countOf('household:updated', 1));
    expect(samEvents.ofType('household:member:left')).toMatchObject([{ userId: alex.user.id, reason: 'left', actorId: alex.user.id }]);
    expect(samEvents.ofType('household:updated')).toMatchObject([{ actorId: alex.user.id }]);
    expect((await sam.api.household.get.query({ householdId: home.id })).members).toMatchObject([{ id: sam.user.id, role: 'owner' }]);

    samEvents.stop();
    await sam.api.household.leave.mutate({ householdId: home.id });
    expect(await codeOf(sam.api.household.get.query({ householdId: home.id }))).toBe('NOT_FOUND');
    await Promise.all([alex.close(), sam.close()]);
  });

  it('a nudge to one member reaches only that member, also when replayed', async () => {
    await using server = await startServer();
    const { alex, sam, home } = await signInHouseholdOfTwo(server);
    const jo = await signIn(server.url, 'Jo');
    await jo.api.household.join.mutate({ inviteCode: home.inviteCode });
    using samEvents = recordEvents(sam.api, home.id);
    using joEvents = recordEvents(jo.api, home.id);
    await Promise.all([samEvents.waitUntil(...countOf('household:presence', 1)), joEvents.waitUntil(...countOf('household:presence', 1))]);

    await alex.api.household.notify.mutate({ householdId: home.id, message: 'can you grab bread?', toUserId: sam.user.id });
    await alex.api.household.notify.mutate({ householdId: home.id, message: 'dinner at 7' });
    await Promise.all([samEvents.waitUntil(...countOf('system:notification', 2)), joEvents.waitUntil(...countOf('system:notification', 1))]);
    expect(samEvents.ofType('system:notification').map((e) => e.message)).toEqual(['can you grab bread?', 'dinner at 7']);
    expect(joEvents.ofType('system:notification').map((e) => e.message)).toEqual(['dinner at 7']);
    expect([...samEvents.ofType('system:notification'), ...joEvents.ofType('system:notification')].every((e) => e.actorId === alex.user.id)).toBe(true);

    using joReplay = recordEvents(jo.api, home.id, '0');
    await joReplay.waitUntil(...countOf('system:notification', 1));
    await joReplay.waitUntil(...countOf('household:presence', 1));
    expect(joReplay.ofType('system:notification').map((e) => e.message)).toEqual(['dinner at 7']);
    expect(await codeOf(alex.api.household.notify.mutate({ householdId: home.id, message: 'x', toUserId: 'user_nobody' }))).toBe('NOT_FOUND');
    await Promise.all([alex.close(), sam.close(), jo.close()]);
  });

  it('a rename of a member is announced to their households', async () => {
    await using server = await startServer();
    const { alex, sam, home } = await signInHouseholdOfTwo(server);
    using events = recordEvents(alex.api, home.id);
    await events.waitUntil(...countOf('household:presence', 1));
    await sam.api.me.update.mutate({ displayName: 'Samantha' });
    await events.waitUntil(...countOf('household:updated', 1));
    expect(events.ofType('household:updated')[0]!.household.members.map((m) => m.displayName)).toEqual(['Alex', 'Samantha']);
    expect(events.ofType('household:updated')[0]!.actorId).toBe(sam.user.id);
    await Promise.all([alex.close(), sam.close()]);
  });
});
