import { describe, expect, it } from 'vitest';
import { refusalOf, signIn, type Member } from '../../../tests/support/clients';
import { expectNothingWritten } from '../../../tests/support/database-contents';
import { countOf, recordEvents } from '../../../tests/support/event-recorder';
import { startServer } from '../../../tests/support/test-server';

const householdNames = async (member: Member) => (await member.api.me.get.query()).households.map((household) => household.name);

describe('household limits', () => {
  it('creating or joining a household past MAX_HOUSEHOLDS_PER_USER is CONFLICT naming the limit and writes nothing; leaving one makes room', async () => {
    await using server = await startServer({ limits: { householdsPerUser: 2 } });
    const alex = await signIn(server.url, 'Alex');
    const bea = await signIn(server.url, 'Bea');
    await alex.api.household.create.mutate({ name: 'Home' });
    const cabin = await alex.api.household.create.mutate({ name: 'Cabin' });
    const beas = await bea.api.household.create.mutate({ name: "Bea's" });
    using beasEvents = recordEvents(bea.api, beas.id);
    await beasEvents.waitUntil(...countOf('household:presence', 1));

    const full = 'You already belong to 2 households, the most one person can: leave one first.';
    await expectNothingWritten(server, async () => {
      expect(await refusalOf(alex.api.household.create.mutate({ name: 'Office' }))).toEqual({ code: 'CONFLICT', message: full });
      expect(await refusalOf(alex.api.household.join.mutate({ inviteCode: beas.inviteCode }))).toEqual({ code: 'CONFLICT', message: full });
    });
    expect(await householdNames(alex)).toEqual(['Home', 'Cabin']);
    // Joining one you already belong to is not growing: it is answered as before.
    expect((await alex.api.household.join.mutate({ inviteCode: cabin.inviteCode })).id).toBe(cabin.id);

    await alex.api.household.leave.mutate({ householdId: cabin.id });
    await alex.api.household.join.mutate({ inviteCode: beas.inviteCode });
    expect(await householdNames(alex)).toEqual(['Home', "Bea's"]);
    // Bea's household heard of exactly one arrival: the join that was allowed.
    await beasEvents.waitUntil(...countOf('household:member:joined', 1));
    expect(beasEvents.ofType('household:member:joined').map((event) => event.member.id)).toEqual([alex.user.id]);
    await Promise.all([alex.close(), bea.close()]);
  });

  it('joining a household past MAX_MEMBERS_PER_HOUSEHOLD is CONFLICT naming the household and limit, writes nothing, and a departure makes room', async () => {
    await using server = await startServer({ limits: { membersPerHousehold: 2 } });
    const alex = await signIn(server.url, 'Alex');
    const bea = await signIn(server.url, 'Bea');
    const casey = await signIn(server.url, 'Casey');
    const home = await alex.api.household.create.mutate({ name: 'Home' });
    await bea.api.household.join.mutate({ inviteCode: home.inviteCode });
    using events = recordEvents(alex.api, home.id);
    await events.waitUntil(...countOf('household:presence', 1));

    await expectNothingWritten(server, async () => {
      const refusal = await refusalOf(casey.api.household.join.mutate({ inviteCode: home.inviteCode }));
      expect(refusal).toEqual({ code: 'CONFLICT', message: 'Home already has 2 members, the most a household can have.' });
    });
    expect(await householdNames(casey)).toEqual([]);
    expect((await alex.api.household.get.query({ householdId: home.id })).members.map((member) => member.displayName)).toEqual(['Alex', 'Bea']);

    await bea.api.household.leave.mutate({ householdId: home.id });
    await casey.api.household.join.mutate({ inviteCode: home.inviteCode });
    expect((await alex.api.household.get.query({ householdId: home.id })).members.map((member) => member.displayName)).toEqual(['Alex', 'Casey']);
    // The refused join was never announced: Bea left, then Casey joined.
    await events.waitUntil(...countOf('household:member:joined', 1));
    expect(events.ofType('household:member:joined', 'household:member:left').map((event) => event.type)).toEqual([
      'household:member:left',
      'household:member:joined',
    ]);
    await Promise.all([alex.close(), bea.close(), casey.close()]);
  });
});
