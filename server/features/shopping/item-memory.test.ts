import { describe, expect, it } from 'vitest';
import type { ShoppingItem } from '../../../shared/types';
import { refusalOf, signIn } from '../../../tests/support/clients';
import { countOf } from '../../../tests/support/event-recorder';
import { householdOfTwo } from '../../../tests/support/household-of-two';

/** Apart in time, so "most recent first" has one answer. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('remembered names', () => {
  it('suggestions are the names that start with what was typed, ignoring case and width, most used first, in the spelling used last', async () => {
    await using h = await householdOfTwo();
    const { add } = h.sam.api.shopping.items;
    for (const name of ['milk', 'milk', 'milk', 'Milk']) await add.mutate({ listId: h.list.id, name, quantity: 1, unit: 'l' });
    for (const name of ['Mild cheddar', 'mild cheddar']) await add.mutate({ listId: h.list.id, name, quantity: 1 });
    await add.mutate({ listId: h.list.id, name: 'mint', category: 'Fruit & vegetables' });
    await add.mutate({ listId: h.list.id, name: 'Oat milk' });
    const suggest = async (query: string, limit?: number) => (await h.alex.api.shopping.items.suggest.query({ listId: h.list.id, query, limit })).map(({ name }) => name);

    expect(await suggest('mi')).toEqual(['Milk', 'mild cheddar', 'mint']);
    expect(await suggest('MIL')).toEqual(['Milk', 'mild cheddar']);
    expect(await suggest('  ｍｉｌ ')).toEqual(['Milk', 'mild cheddar']);
    // A prefix, not a part of the name.
    expect(await suggest('milk')).toEqual(['Milk']);
    expect(await suggest('oat')).toEqual(['Oat milk']);
    expect(await suggest('mi', 1)).toEqual(['Milk']);
    expect(await suggest('bread')).toEqual([]);
    expect(await h.sam.api.shopping.items.suggest.query({ listId: h.list.id, query: 'mi' })).toEqual([
      { name: 'Milk', category: 'Dairy & eggs', unit: 'l', lastCheckedAt: null },
      { name: 'mild cheddar', category: 'Dairy & eggs', unit: null, lastCheckedAt: null },
      { name: 'mint', category: 'Fruit & vegetables', unit: null, lastCheckedAt: null },
    ]);
  });

  it('a % or _ typed into a suggestion query matches only itself', async () => {
    await using h = await householdOfTwo();
    for (const name of ['100% juice', '1000 island dressing', 'soap_bar', 'soapy sponge', 'back\\slash', 'backpack']) {
      await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name });
    }
    const suggest = async (query: string) => (await h.alex.api.shopping.items.suggest.query({ listId: h.list.id, query })).map(({ name }) => name);

    expect(await suggest('100%')).toEqual(['100% juice']);
    expect(await suggest('soap_')).toEqual(['soap_bar']);
    expect(await suggest('back\\')).toEqual(['back\\slash']);
    expect(await suggest('%')).toEqual([]);
    expect(await suggest('_')).toEqual([]);
    expect(await suggest('1000')).toEqual(['1000 island dressing']);
  });

  it('recently checked lists what was ticked off lately, newest first, leaving out names waiting unticked on that list or just ticked there', async () => {
    await using h = await householdOfTwo();
    const { add, update } = h.sam.api.shopping.items;
    const hardware = await h.sam.api.shopping.lists.create.mutate({ householdId: h.home.id, name: 'Hardware' });
    const ticked: ShoppingItem[] = [];
    for (const name of ['milk', 'bread', 'eggs']) {
      const item = await add.mutate({ listId: h.list.id, name });
      ticked.push(await update.mutate({ itemId: item.id, checked: true }));
      await tick();
    }
    await add.mutate({ listId: h.list.id, name: 'jam' });
    await h.sam.api.shopping.items.clearChecked.mutate({ listId: h.list.id });
    const recent = async (listId = h.list.id, limit?: number) => (await h.alex.api.shopping.items.recentlyChecked.query({ listId, limit })).map(({ name }) => name);

    expect(await recent()).toEqual(['eggs', 'bread', 'milk']);
    expect((await h.alex.api.shopping.items.recentlyChecked.query({ listId: h.list.id, limit: 1 }))[0]).toEqual({
      name: 'eggs',
      category: 'Dairy & eggs',
      unit: null,
      lastCheckedAt: ticked[2]!.checkedAt,
    });

    // Bread is back on the list, waiting to be bought: no need to suggest re-adding it there, but still on another list
    // (in the spelling used last).
    const breadAgain = await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'Bread' });
    expect(await recent()).toEqual(['eggs', 'milk']);
    expect(await recent(hardware.id)).toEqual(['eggs', 'Bread', 'milk']);

    // Ticked off again, it is in the basket: not offered while the trip goes on; once cleared, it is the newest.
    await tick();
    await h.alex.api.shopping.items.update.mutate({ itemId: breadAgain.id, checked: true });
    expect(await recent()).toEqual(['eggs', 'milk']);
    await h.alex.api.shopping.items.clearChecked.mutate({ listId: h.list.id });
    expect(await recent()).toEqual(['Bread', 'eggs', 'milk']);
    expect(await recent(h.list.id, 2)).toEqual(['Bread', 'eggs']);
  });

  it('recently checked leaves out what was ticked seconds ago and is still in the basket', async () => {
    await using h = await householdOfTwo();
    const { add, update } = h.sam.api.shopping.items;
    const milk = await add.mutate({ listId: h.list.id, name: 'milk' });
    await update.mutate({ itemId: milk.id, checked: true });

    expect(await h.alex.api.shopping.items.recentlyChecked.query({ listId: h.list.id })).toEqual([]);
  });

  it('the category a name had is used on its next add, unless the add gives one; a changed category is remembered too', async () => {
    await using h = await householdOfTwo();
    const { add, update } = h.sam.api.shopping.items;
    const first = await add.mutate({ listId: h.list.id, name: 'milk', category: 'Dairy & eggs' });
    await update.mutate({ itemId: first.id, checked: true });

    const again = await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'Milk' });
    expect(again).toMatchObject({ name: 'Milk', category: 'Dairy & eggs' });
    await h.samEvents.waitUntil(...countOf('shopping:item:added', 2));
    expect(h.samEvents.ofType('shopping:item:added')[1]).toMatchObject({ actorId: h.alex.user.id, item: { id: again.id, category: 'Dairy & eggs' } });

    await h.alex.api.shopping.items.update.mutate({ itemId: again.id, category: 'Drinks' });
    expect(await add.mutate({ listId: h.list.id, name: 'milk', merge: false })).toMatchObject({ category: 'Drinks' });
    expect(await add.mutate({ listId: h.list.id, name: 'milk', category: 'Frozen', merge: false })).toMatchObject({ category: 'Frozen' });
    expect(await add.mutate({ listId: h.list.id, name: 'milk', merge: false })).toMatchObject({ category: 'Frozen' });
    // An empty category given on purpose stays empty.
    expect(await add.mutate({ listId: h.list.id, name: 'milk', category: '', merge: false })).toMatchObject({ category: null });
    // Each name has its own; a name never used and not a common item has none.
    expect(await add.mutate({ listId: h.list.id, name: 'birthday card' })).toMatchObject({ category: null });
  });

  it('a common item added without a category gets the usual one; the household\'s own choice for the name wins', async () => {
    await using h = await householdOfTwo();
    const { add, update } = h.sam.api.shopping.items;
    expect(await add.mutate({ listId: h.list.id, name: 'Oat milk' })).toMatchObject({ category: 'Dairy & eggs' });
    expect(await add.mutate({ listId: h.list.id, name: '2 bananas' })).toMatchObject({ category: 'Fruit & vegetables' });

    const bread = await add.mutate({ listId: h.list.id, name: 'bread', category: 'Frozen' });
    await update.mutate({ itemId: bread.id, checked: true });
    expect(await add.mutate({ listId: h.list.id, name: 'bread' })).toMatchObject({ category: 'Frozen' });
    // A category given on purpose, or left empty on purpose, is kept.
    expect(await add.mutate({ listId: h.list.id, name: 'eggs', category: '' })).toMatchObject({ category: null });
  });

  it('no guess for a category the household renamed away', async () => {
    await using h = await householdOfTwo();
    await h.alex.api.household.setCategories.mutate({ householdId: h.home.id, categories: ['Fridge', 'Bakery'] });
    expect(await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk' })).toMatchObject({ category: null });
    expect(await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'bread' })).toMatchObject({ category: 'Bakery' });
  });

  it('a renamed item is remembered by its new name: suggested, and recently checked once ticked', async () => {
    await using h = await householdOfTwo();
    const { add, update, suggest, recentlyChecked, clearChecked } = h.alex.api.shopping.items;
    const item = await add.mutate({ listId: h.list.id, name: 'mlik' });
    await update.mutate({ itemId: item.id, name: 'Oat milk', category: 'Dairy & eggs' });
    await update.mutate({ itemId: item.id, checked: true });
    await clearChecked.mutate({ listId: h.list.id });

    expect(await suggest.query({ listId: h.list.id, query: 'oat' })).toEqual([expect.objectContaining({ name: 'Oat milk', category: 'Dairy & eggs' })]);
    expect((await recentlyChecked.query({ listId: h.list.id })).map((suggestion) => suggestion.name)).toEqual(['Oat milk']);
    expect((await add.mutate({ listId: h.list.id, name: 'oat milk' })).category).toBe('Dairy & eggs');
  });

  it("a member of another household is refused this household's suggestions and recently checked, and never sees its names in their own", async () => {
    await using h = await householdOfTwo();
    const milk = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk' });
    await h.sam.api.shopping.items.update.mutate({ itemId: milk.id, checked: true });
    await using jo = await signIn(h.server.url, 'Jo');
    const elsewhere = await jo.api.household.create.mutate({ name: 'Elsewhere' });
    const [joList] = await jo.api.shopping.lists.getByHousehold.query({ householdId: elsewhere.id });
    const notMember = { code: 'FORBIDDEN', message: 'You are not a member of this household.' };

    expect(await refusalOf(jo.api.shopping.items.suggest.query({ listId: h.list.id, query: 'mi' }))).toEqual(notMember);
    expect(await refusalOf(jo.api.shopping.items.recentlyChecked.query({ listId: h.list.id }))).toEqual(notMember);
    expect(await jo.api.shopping.items.suggest.query({ listId: joList!.id, query: 'mi' })).toEqual([]);
    expect(await jo.api.shopping.items.recentlyChecked.query({ listId: joList!.id })).toEqual([]);
    expect(await refusalOf(h.alex.api.shopping.items.suggest.query({ listId: 'no-such-list', query: 'mi' }))).toEqual({
      code: 'NOT_FOUND',
      message: 'That list does not exist (it may have been removed).',
    });
  });

  it('a page size outside 1 to 20 is BAD_REQUEST with a readable message', async () => {
    await using h = await householdOfTwo();
    expect(await refusalOf(h.alex.api.shopping.items.suggest.query({ listId: h.list.id, query: 'mi', limit: 0 }))).toEqual({
      code: 'BAD_REQUEST',
      message: 'limit: limit must be at least 1.',
    });
    expect(await refusalOf(h.alex.api.shopping.items.recentlyChecked.query({ listId: h.list.id, limit: 21 }))).toEqual({
      code: 'BAD_REQUEST',
      message: 'limit: limit can be at most 20.',
    });
  });
});
