import { describe, expect, it } from 'vitest';
import { countOf } from '../../../tests/support/event-recorder';
import { householdOfTwo, itemEvents } from '../../../tests/support/household-of-two';

describe('merge on add', () => {
  it('adding a name already on the list unticked adds to that row: one row, an update event with merged and the fields it set', async () => {
    await using h = await householdOfTwo();
    const milk = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk', quantity: 2, unit: 'l', clientId: 'sam-add-milk-01' });
    const merged = await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'Milk', quantity: 1, unit: 'L', clientId: 'alex-add-milk-01' });

    expect(merged).toMatchObject({ id: milk.id, name: 'milk', quantity: 3, unit: 'l', version: 2, addedBy: h.sam.user.id, updatedBy: h.alex.user.id });
    await h.samEvents.waitUntil(...countOf('shopping:item:updated', 1));
    expect(itemEvents(h.samEvents)).toEqual([
      expect.objectContaining({ type: 'shopping:item:added', reason: 'added', actorId: h.sam.user.id, clientId: 'sam-add-milk-01', item: milk }),
      expect.objectContaining({
        type: 'shopping:item:updated',
        merged: true,
        fields: ['quantity'],
        actorId: h.alex.user.id,
        clientId: 'alex-add-milk-01',
        listId: h.list.id,
        item: merged,
      }),
    ]);
    expect(await h.sam.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([merged]);
  });

  it('names merge ignoring case, width and spacing, and only the same name merges', async () => {
    await using h = await householdOfTwo();
    const { add } = h.sam.api.shopping.items;
    const oatMilk = await add.mutate({ listId: h.list.id, name: 'Oat Milk', quantity: 1 });
    await add.mutate({ listId: h.list.id, name: 'oat  milk', quantity: 1 });
    await add.mutate({ listId: h.list.id, name: 'ＯＡＴ ＭＩＬＫ', quantity: 1 });
    const milk = await add.mutate({ listId: h.list.id, name: 'milk', quantity: 1 });

    expect(milk.id).not.toBe(oatMilk.id);
    expect((await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).map(({ name, quantity }) => ({ name, quantity }))).toEqual([
      { name: 'Oat Milk', quantity: 3 },
      { name: 'milk', quantity: 1 },
    ]);
  });

  it('a quantity joins an item that had none, with its unit', async () => {
    await using h = await householdOfTwo();
    const eggs = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'eggs' });
    const merged = await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'eggs', quantity: 12, unit: 'pcs' });

    expect(merged).toMatchObject({ id: eggs.id, quantity: 12, unit: 'pcs', version: 2 });
    await h.samEvents.waitUntil(...countOf('shopping:item:updated', 1));
    expect(h.samEvents.ofType('shopping:item:updated')).toMatchObject([{ merged: true, fields: ['quantity', 'unit'], actorId: h.alex.user.id }]);
  });

  it('a name added again without a quantity onto a plain count is one more: "2 cucumbers", then "cucumbers" is 3', async () => {
    await using h = await householdOfTwo();
    const cucumbers = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'cucumbers', quantity: 2 });
    const again = await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'cucumbers' });

    expect(again).toMatchObject({ id: cucumbers.id, quantity: 3, unit: null, version: 2 });
    await h.samEvents.waitUntil(...countOf('shopping:item:updated', 1));
    expect(h.samEvents.ofType('shopping:item:updated')).toMatchObject([{ merged: true, fields: ['quantity'], actorId: h.alex.user.id }]);
  });

  it('a name added again without a quantity onto a row in a unit leaves its amount as it is', async () => {
    await using h = await householdOfTwo();
    const milk = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk', quantity: 2, unit: 'l' });

    expect(await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk' })).toEqual(milk);
  });

  it('an add in another unit gets a row of its own, and a later add joins the row in its own unit', async () => {
    await using h = await householdOfTwo();
    const { add } = h.sam.api.shopping.items;
    const litre = await add.mutate({ listId: h.list.id, name: 'milk', quantity: 1, unit: 'l' });
    const millilitres = await add.mutate({ listId: h.list.id, name: 'milk', quantity: 500, unit: 'ml' });
    const moreMillilitres = await add.mutate({ listId: h.list.id, name: 'milk', quantity: 250, unit: 'ml' });
    const moreLitres = await add.mutate({ listId: h.list.id, name: 'milk', quantity: 1, unit: 'l' });
    // A count with no unit is a unit of its own.
    const cartons = await add.mutate({ listId: h.list.id, name: 'milk', quantity: 2 });

    expect(millilitres.id).not.toBe(litre.id);
    expect(moreMillilitres).toMatchObject({ id: millilitres.id, quantity: 750, unit: 'ml' });
    expect(moreLitres).toMatchObject({ id: litre.id, quantity: 2, unit: 'l' });
    expect(new Set([litre.id, millilitres.id, cartons.id]).size).toBe(3);
    expect((await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).map(({ quantity, unit }) => `${quantity} ${unit}`)).toEqual([
      '2 l',
      '750 ml',
      '2 null',
    ]);
    await h.alexEvents.waitUntil(...countOf('shopping:item:added', 3));
    expect(itemEvents(h.alexEvents).map((event) => event.type)).toEqual([
      'shopping:item:added',
      'shopping:item:added',
      'shopping:item:updated',
      'shopping:item:updated',
      'shopping:item:added',
    ]);
  });

  it('a ticked item of the same name is not added to: the add is a new row', async () => {
    await using h = await householdOfTwo();
    const bought = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'bread', quantity: 1 });
    await h.sam.api.shopping.items.update.mutate({ itemId: bought.id, checked: true });
    const again = await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'bread', quantity: 1 });

    expect(again.id).not.toBe(bought.id);
    expect((await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).map(({ id, checked }) => ({ id, checked }))).toEqual([
      { id: bought.id, checked: true },
      { id: again.id, checked: false },
    ]);
  });

  it('merge: false adds a row of its own, announced as added', async () => {
    await using h = await householdOfTwo();
    const first = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'apples', quantity: 3 });
    const second = await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'apples', quantity: 2, merge: false });

    expect(second.id).not.toBe(first.id);
    expect(second).toMatchObject({ quantity: 2, version: 1 });
    await h.samEvents.waitUntil(...countOf('shopping:item:added', 2));
    expect(itemEvents(h.samEvents)).toMatchObject([
      { type: 'shopping:item:added', item: { id: first.id } },
      { type: 'shopping:item:added', item: { id: second.id }, actorId: h.alex.user.id },
    ]);
    expect((await h.sam.api.shopping.items.getByList.query({ listId: h.list.id })).map(({ quantity }) => quantity)).toEqual([3, 2]);
  });

  it('an add that changes nothing answers with the item as it is, bumps no version and announces nothing; a note fills a blank but never overwrites', async () => {
    await using h = await householdOfTwo();
    const { add } = h.sam.api.shopping.items;
    const bread = await add.mutate({ listId: h.list.id, name: 'bread' });

    expect(await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'Bread' })).toEqual(bread);
    const noted = await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'bread', note: 'wholemeal' });
    expect(noted).toMatchObject({ id: bread.id, note: 'wholemeal', version: 2 });
    expect(await add.mutate({ listId: h.list.id, name: 'bread', note: 'white' })).toEqual(noted);

    await h.caughtUp();
    expect(itemEvents(h.samEvents)).toEqual([
      expect.objectContaining({ type: 'shopping:item:added', item: bread }),
      expect.objectContaining({ type: 'shopping:item:updated', merged: true, fields: ['note'], item: noted, actorId: h.alex.user.id }),
    ]);
    expect(await h.sam.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([noted]);
  });

  it('an add that would take a merged quantity past the maximum is refused and leaves the item as it was', async () => {
    await using h = await householdOfTwo();
    const rice = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'rice', quantity: 9000, unit: 'g' });
    const refused = h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'rice', quantity: 1000, unit: 'g' });

    await expect(refused).rejects.toMatchObject({ data: { code: 'BAD_REQUEST' }, message: 'The list already has 9000 of that; together it would be more than 9999.' });
    expect(await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([rice]);
  });
});
