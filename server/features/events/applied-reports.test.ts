import { describe, expect, it } from 'vitest';
import type { HouseholdEventOf } from '../../../shared/events';
import { refusalOf, signIn } from '../../../tests/support/clients';
import { expectNothingWritten } from '../../../tests/support/database-contents';
import { countOf, recordEvents } from '../../../tests/support/event-recorder';
import { newHousehold } from '../../../tests/support/household-of-one';
import { householdOfTwo } from '../../../tests/support/household-of-two';

const SAMS_PHONE = { deviceId: 'sams-phone-0001', device: 'phone' } as const;

type Seen = HouseholdEventOf<'household:seen'>;

describe('a device reports how far it has applied the household stream', () => {
  it("reaches the other members' subscriptions as household:seen, and never a member of another household", async () => {
    await using h = await householdOfTwo();
    const jo = await signIn(h.server.url, 'Jo');
    const { home: josHome } = await newHousehold(jo);
    using joEvents = recordEvents(jo.api, josHome.id);
    await joEvents.waitUntil(...countOf('household:presence', 1));

    await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk' });
    await h.samEvents.waitUntil(...countOf('shopping:item:added', 1));
    const milkId = h.samEvents.received.find((r) => r.event.type === 'shopping:item:added')!.id;
    await h.sam.api.events.applied.mutate({ householdId: h.home.id, ...SAMS_PHONE, lastEventId: milkId });

    await h.alexEvents.waitUntil(...countOf('household:seen', 1));
    expect(h.alexEvents.ofType('household:seen')).toEqual([
      expect.objectContaining<Partial<Seen>>({ householdId: h.home.id, actorId: h.sam.user.id, ...SAMS_PHONE, lastEventId: milkId }),
    ]);
    // Jo's own marker arrives after anything the bus sent Jo before it.
    await jo.api.household.notify.mutate({ householdId: josHome.id, message: 'marker' });
    await joEvents.waitUntil(...countOf('system:notification', 1));
    expect(joEvents.ofType('household:seen')).toEqual([]);
    await jo.close();
  });

  it('names the newest event every member has, when the device last applied one meant only for it', async () => {
    await using h = await householdOfTwo();
    await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk' });
    await h.alex.api.household.notify.mutate({ householdId: h.home.id, message: 'bread too?', toUserId: h.sam.user.id });
    await h.samEvents.waitUntil(...countOf('system:notification', 1));
    const milkId = h.samEvents.received.find((r) => r.event.type === 'shopping:item:added')!.id;
    const nudgeId = h.samEvents.received.find((r) => r.event.type === 'system:notification')!.id;
    expect(Number(nudgeId)).toBeGreaterThan(Number(milkId));

    await h.sam.api.events.applied.mutate({ householdId: h.home.id, ...SAMS_PHONE, lastEventId: nudgeId });

    await h.alexEvents.waitUntil(...countOf('household:seen', 1));
    expect(h.alexEvents.ofType('household:seen')[0]!.lastEventId).toBe(milkId);
  });

  it("a member whose stream starts hears each device's latest report, right after who is online", async () => {
    await using h = await householdOfTwo();
    const samsTablet = { deviceId: 'sams-tablet-0001', device: 'tablet' } as const;
    for (const name of ['milk', 'eggs']) await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name });
    await h.samEvents.waitUntil(...countOf('shopping:item:added', 2));
    const [milkId, eggsId] = h.samEvents.received.filter((r) => r.event.type === 'shopping:item:added').map((r) => r.id);
    await h.sam.api.events.applied.mutate({ householdId: h.home.id, ...SAMS_PHONE, lastEventId: milkId! });
    await h.sam.api.events.applied.mutate({ householdId: h.home.id, ...samsTablet, lastEventId: milkId! });
    await h.sam.api.events.applied.mutate({ householdId: h.home.id, ...SAMS_PHONE, lastEventId: eggsId! });
    await h.alexEvents.waitUntil(...countOf('household:seen', 3));

    using again = recordEvents(h.alex.api, h.home.id);
    await again.waitUntil(...countOf('household:seen', 2));
    expect(again.received.map(({ event }) => event.type)).toEqual(['household:presence', 'household:seen', 'household:seen']);
    expect(again.ofType('household:seen').map(({ deviceId, lastEventId }) => [deviceId, lastEventId])).toEqual([
      [samsTablet.deviceId, milkId],
      [SAMS_PHONE.deviceId, eggsId],
    ]);
  });

  it('writes nothing: no event in the log, no row anywhere', async () => {
    await using h = await householdOfTwo();
    await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk' });
    await h.samEvents.waitUntil(...countOf('shopping:item:added', 1));
    await expectNothingWritten(h.server, async () => {
      await h.sam.api.events.applied.mutate({ householdId: h.home.id, ...SAMS_PHONE, lastEventId: h.samEvents.lastId()! });
      await h.alexEvents.waitUntil(...countOf('household:seen', 1));
    });
  });

  it('refuses an unknown household, a non-member, a malformed or unknown id and an unknown kind of device, each with its code', async () => {
    await using h = await householdOfTwo();
    const jo = await signIn(h.server.url, 'Jo');
    const report = { householdId: h.home.id, ...SAMS_PHONE, lastEventId: h.samEvents.lastId()! };
    const applied = (input: unknown) => h.sam.api.events.applied.mutate(input as never);

    await expectNothingWritten(h.server, async () => {
      expect(await refusalOf(applied({ ...report, householdId: 'no-such-household' }))).toMatchObject({ code: 'NOT_FOUND' });
      expect(await refusalOf(jo.api.events.applied.mutate(report))).toMatchObject({ code: 'FORBIDDEN', message: 'You are not a member of this household.' });
      expect(await refusalOf(applied({ ...report, lastEventId: 'latest' }))).toMatchObject({ code: 'BAD_REQUEST', message: /^lastEventId: / });
      expect(await refusalOf(applied({ ...report, lastEventId: '999999999' }))).toMatchObject({ code: 'BAD_REQUEST', message: /^lastEventId is later than any event/ });
      expect(await refusalOf(applied({ ...report, deviceId: 'a b' }))).toMatchObject({ code: 'BAD_REQUEST', message: /^deviceId: / });
      expect(await refusalOf(applied({ ...report, device: 'fridge' }))).toMatchObject({ code: 'BAD_REQUEST', message: /^device: device must be one of phone, tablet, computer\.$/ });
    });
    await h.caughtUp();
    expect(h.alexEvents.ofType('household:seen')).toEqual([]);
    await jo.close();
  });

  it('counts against the mutation rate of the member like any other call', async () => {
    await using h = await householdOfTwo({ limits: { mutationsPerSecond: 1, mutationBurst: 1 } });
    const report = { householdId: h.home.id, ...SAMS_PHONE, lastEventId: h.samEvents.lastId()! };
    const outcomes = await Promise.allSettled(Array.from({ length: 4 }, () => h.sam.api.events.applied.mutate(report)));
    const refused = outcomes.filter((outcome) => outcome.status === 'rejected');
    expect(refused.length).toBeGreaterThan(0);
    expect(await refusalOf(Promise.reject(refused[0]!.reason))).toMatchObject({ code: 'TOO_MANY_REQUESTS' });
  });
});
