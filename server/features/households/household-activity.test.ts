import { describe, expect, it } from 'vitest';
import { DEFAULT_CATEGORIES } from '../../../shared/categories';
import type { ActivityEntry } from '../../../shared/events';
import { refusalOf, signIn, type Member } from '../../../tests/support/clients';
import { expectNothingWritten } from '../../../tests/support/database-contents';
import { countOf } from '../../../tests/support/event-recorder';
import { householdOfTwo } from '../../../tests/support/household-of-two';

type Household = Awaited<ReturnType<typeof householdOfTwo>>;

/** Adds `names` to the list and ticks each off, as Sam. */
async function addAndTick(h: Household, names: string[]): Promise<void> {
  for (const name of names) {
    const item = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name });
    await h.sam.api.shopping.items.update.mutate({ itemId: item.id, checked: true });
  }
}

/** Every page of `member`'s view of the activity, `limit` entries a page, following `nextBefore` to the end. */
async function allPages(member: Member, householdId: string, limit: number): Promise<ActivityEntry[][]> {
  const pages: ActivityEntry[][] = [];
  let before: string | undefined;
  do {
    const page = await member.api.household.activity.query({ householdId, limit, before });
    pages.push(page.entries);
    before = page.nextBefore ?? undefined;
  } while (before !== undefined && pages.length < 100);
  return pages;
}

const summary = ({ event, count }: ActivityEntry) => ({ type: event.type, actorId: event.actorId, count });

describe('household activity', () => {
  it('lists what happened, newest first, with who did it: the events the members were sent', async () => {
    await using h = await householdOfTwo();
    const milk = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk' });
    await h.alex.api.shopping.items.update.mutate({ itemId: milk.id, checked: true });
    await h.alex.api.shopping.lists.rename.mutate({ listId: h.list.id, name: 'Groceries' });
    await h.sam.api.household.notify.mutate({ householdId: h.home.id, message: 'bread please' });

    const activity = await h.alex.api.household.activity.query({ householdId: h.home.id });
    expect(activity.nextBefore).toBeNull();
    expect(activity.entries.map(summary)).toEqual([
      { type: 'system:notification', actorId: h.sam.user.id, count: 1 },
      { type: 'shopping:list:updated', actorId: h.alex.user.id, count: 1 },
      { type: 'shopping:item:updated', actorId: h.alex.user.id, count: 1 },
      { type: 'shopping:item:added', actorId: h.sam.user.id, count: 1 },
      { type: 'household:member:joined', actorId: h.sam.user.id, count: 1 },
    ]);
    // The events as the stream sent them (it started after Sam joined), with the same ids.
    await h.alexEvents.waitUntil(...countOf('system:notification', 1));
    const streamed = h.alexEvents.received.filter(({ event }) => event.type !== 'household:presence');
    expect(activity.entries.slice(0, 4).map(({ id, event }) => ({ id, event }))).toEqual(streamed.reverse().map(({ id, event }) => ({ id, event })));
    expect(await h.sam.api.household.activity.query({ householdId: h.home.id })).toEqual(activity);
  });

  it('a clear of five checked items is one entry with count 5; another clear and single removals are entries of their own', async () => {
    await using h = await householdOfTwo();
    await addAndTick(h, ['milk', 'bread', 'eggs', 'butter', 'jam']);
    const cleared = await h.sam.api.shopping.items.clearChecked.mutate({ listId: h.list.id });
    await addAndTick(h, ['tea']);
    await h.sam.api.shopping.items.clearChecked.mutate({ listId: h.list.id });
    for (const name of ['sugar', 'salt']) {
      const item = await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name });
      await h.alex.api.shopping.items.remove.mutate({ itemId: item.id });
    }

    const { entries } = await h.alex.api.household.activity.query({ householdId: h.home.id, limit: 8 });
    expect(entries.map(({ event, count }) => ({ type: event.type, name: 'name' in event ? event.name : undefined, reason: 'reason' in event ? event.reason : undefined, count }))).toEqual([
      { type: 'shopping:item:removed', name: 'salt', reason: 'removed', count: 1 },
      { type: 'shopping:item:added', name: undefined, reason: 'added', count: 1 },
      { type: 'shopping:item:removed', name: 'sugar', reason: 'removed', count: 1 },
      { type: 'shopping:item:added', name: undefined, reason: 'added', count: 1 },
      { type: 'shopping:item:removed', name: 'tea', reason: 'cleared', count: 1 },
      { type: 'shopping:item:updated', name: undefined, reason: undefined, count: 1 },
      { type: 'shopping:item:added', name: undefined, reason: 'added', count: 1 },
      { type: 'shopping:item:removed', name: 'jam', reason: 'cleared', count: 5 },
    ]);
    // The entry of a clear is its newest event: the last item it removed.
    expect(entries[7]!.event).toMatchObject({ actorId: h.sam.user.id, itemId: cleared.removedItemIds[4] });
  });

  it('paging with nextBefore covers everything exactly once, and never splits a clear across pages', async () => {
    await using h = await householdOfTwo();
    await addAndTick(h, ['milk', 'bread', 'eggs', 'butter', 'jam']);
    await h.sam.api.shopping.items.clearChecked.mutate({ listId: h.list.id });
    await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'after' });
    await h.alex.api.household.notify.mutate({ householdId: h.home.id, message: 'done' });

    const all = await h.alex.api.household.activity.query({ householdId: h.home.id, limit: 100 });
    expect(all.nextBefore).toBeNull();
    // Joined, 5 added, 5 ticked, the clear, "after", the notification.
    expect(all.entries).toHaveLength(14);
    expect(all.entries.reduce((sum, entry) => sum + entry.count, 0)).toBe(18);
    expect(new Set(all.entries.map((entry) => entry.id)).size).toBe(14);
    // With 3 a page, the clear is the last entry of the first page.
    for (const limit of [1, 2, 3, 5]) {
      const pages = await allPages(h.alex, h.home.id, limit);
      expect(pages.flat()).toEqual(all.entries);
      expect(pages.slice(0, -1).every((page) => page.length === limit)).toBe(true);
      expect(pages.at(-1)!.length).toBeGreaterThan(0);
      expect(pages.at(-1)!.length).toBeLessThanOrEqual(limit);
      expect(pages.flat().filter((entry) => entry.event.type === 'shopping:item:removed')).toEqual([expect.objectContaining({ count: 5 })]);
    }
  });

  it("a notification to one member shows only in that member's activity", async () => {
    await using h = await householdOfTwo();
    await using jo = await signIn(h.server.url, 'Jo');
    await jo.api.household.join.mutate({ inviteCode: h.home.inviteCode });
    await h.alex.api.household.notify.mutate({ householdId: h.home.id, message: 'for Sam only', toUserId: h.sam.user.id });
    await h.alex.api.household.notify.mutate({ householdId: h.home.id, message: 'for everyone' });

    const messages = async (member: Member) =>
      (await member.api.household.activity.query({ householdId: h.home.id })).entries.flatMap(({ event }) => (event.type === 'system:notification' ? [event.message] : []));
    expect(await messages(h.sam)).toEqual(['for everyone', 'for Sam only']);
    expect(await messages(jo)).toEqual(['for everyone']);
    expect(await messages(h.alex)).toEqual(['for everyone']);
    // Paging past where it would be does not reveal it either.
    expect((await allPages(jo, h.home.id, 1)).flat().map(summary)).toEqual((await jo.api.household.activity.query({ householdId: h.home.id })).entries.map(summary));
  });

  it('a member who is not the owner sets the categories; every member is told with household:updated', async () => {
    await using h = await householdOfTwo();
    expect(h.home.categories).toEqual([...DEFAULT_CATEGORIES]);

    const updated = await h.sam.api.household.setCategories.mutate({ householdId: h.home.id, categories: [' Produce ', 'Bakery', 'Dairy'] });
    expect(updated.categories).toEqual(['Produce', 'Bakery', 'Dairy']);
    await Promise.all([h.alexEvents.waitUntil(...countOf('household:updated', 1)), h.samEvents.waitUntil(...countOf('household:updated', 1))]);
    for (const events of [h.alexEvents, h.samEvents]) {
      expect(events.ofType('household:updated')).toEqual([expect.objectContaining({ actorId: h.sam.user.id, householdId: h.home.id, household: updated })]);
    }
    expect((await h.alex.api.household.get.query({ householdId: h.home.id })).categories).toEqual(['Produce', 'Bakery', 'Dairy']);
  });

  it('renaming a category takes its items and remembered names with it, and every member is told of each item', async () => {
    await using h = await householdOfTwo();
    const { add, remove } = h.alex.api.shopping.items;
    const milk = await add.mutate({ listId: h.list.id, name: 'milk', category: 'Dairy & eggs' });
    const cheese = await add.mutate({ listId: h.list.id, name: 'cheese', category: 'dairy & EGGS' });
    const bread = await add.mutate({ listId: h.list.id, name: 'bread', category: 'Bakery' });
    const butter = await add.mutate({ listId: h.list.id, name: 'butter', category: 'Dairy & eggs' });
    await remove.mutate({ itemId: butter.id });
    const categories = DEFAULT_CATEGORIES.map((name) => (name === 'Dairy & eggs' ? 'Fridge' : name));

    const household = await h.sam.api.household.setCategories.mutate({ householdId: h.home.id, categories, renamed: { from: 'Dairy & eggs', to: 'Fridge' } });

    expect(household.categories).toEqual(categories);
    const items = await h.alex.api.shopping.items.getByList.query({ listId: h.list.id });
    expect(items.map((item) => [item.name, item.category])).toEqual([
      ['milk', 'Fridge'],
      ['cheese', 'Fridge'],
      ['bread', 'Bakery'],
    ]);
    await h.alexEvents.waitUntil(...countOf('shopping:item:updated', 2));
    expect(h.alexEvents.ofType('shopping:item:updated').map((event) => [event.item.id, event.fields, event.actorId])).toEqual([
      [milk.id, ['category'], h.sam.user.id],
      [cheese.id, ['category'], h.sam.user.id],
    ]);
    expect(bread.category).toBe('Bakery');
    // What waits for an undo, and the names' memory, moved too.
    const [restored] = (await h.alex.api.shopping.items.restore.mutate({ listId: h.list.id, itemIds: [butter.id] })).items;
    expect(restored?.category).toBe('Fridge');
    await remove.mutate({ itemId: milk.id });
    expect((await add.mutate({ listId: h.list.id, name: 'milk' })).category).toBe('Fridge');
  });

  it('a rename whose new name is not among the categories is BAD_REQUEST and changes nothing', async () => {
    await using h = await householdOfTwo();
    const milk = await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk', category: 'Dairy & eggs' });
    const refusal = await refusalOf(
      h.sam.api.household.setCategories.mutate({ householdId: h.home.id, categories: [...DEFAULT_CATEGORIES], renamed: { from: 'Dairy & eggs', to: 'Fridge' } }),
    );
    expect(refusal).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/renamed\.to must be one of the categories/) });
    expect(await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([milk]);
  });

  it('an invalid category list is BAD_REQUEST with a readable message, and changes nothing', async () => {
    await using h = await householdOfTwo();
    const set = (categories: string[]) => refusalOf(h.sam.api.household.setCategories.mutate({ householdId: h.home.id, categories }));
    await expectNothingWritten(h.server, async () => {
      expect(await set([' Dairy', 'Bakery', 'dairy '])).toEqual({ code: 'BAD_REQUEST', message: 'categories: Each category can appear only once.' });
      expect(await set(['Bakery', '   '])).toEqual({ code: 'BAD_REQUEST', message: 'categories.1: Category cannot be empty.' });
      expect(await set(Array.from({ length: 31 }, (_, index) => `Aisle ${index + 1}`))).toEqual({
        code: 'BAD_REQUEST',
        message: 'categories: A household can have at most 30 categories.',
      });
      expect(await set(['x'.repeat(41)])).toEqual({ code: 'BAD_REQUEST', message: 'categories.0: Category can be at most 40 characters.' });
    });
    expect((await h.alex.api.household.get.query({ householdId: h.home.id })).categories).toEqual([...DEFAULT_CATEGORIES]);
    await h.caughtUp();
    expect(h.alexEvents.ofType('household:updated')).toEqual([]);
  });

  it('a member of another household is refused the activity and setting the categories', async () => {
    await using h = await householdOfTwo();
    await using jo = await signIn(h.server.url, 'Jo');
    await jo.api.household.create.mutate({ name: 'Elsewhere' });
    const notMember = { code: 'FORBIDDEN', message: 'You are not a member of this household.' };
    await expectNothingWritten(h.server, async () => {
      expect(await refusalOf(jo.api.household.activity.query({ householdId: h.home.id }))).toEqual(notMember);
      expect(await refusalOf(jo.api.household.setCategories.mutate({ householdId: h.home.id, categories: ['Taken'] }))).toEqual(notMember);
    });
    expect((await h.alex.api.household.get.query({ householdId: h.home.id })).categories).toEqual([...DEFAULT_CATEGORIES]);
  });
});
