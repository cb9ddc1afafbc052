import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../../tests/support/clients';
import { expectNothingWritten } from '../../../tests/support/database-contents';
import { countOf } from '../../../tests/support/event-recorder';
import { householdOfTwo, itemEvents } from '../../../tests/support/household-of-two';

describe('per-field item updates', () => {
  it('an update sets only the fields given, and the event names the fields that changed and who changed the item', async () => {
    await using h = await householdOfTwo();
    const { update } = h.alex.api.shopping.items;
    const milk = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk', note: 'semi-skimmed', category: null });
    const sized = await update.mutate({ itemId: milk.id, quantity: 2, unit: 'l', clientId: 'alex-upd-0001' });
    // A field sent with the value it already has is no change: only the others are.
    const noted = await update.mutate({ itemId: milk.id, quantity: 2, note: 'oat', category: 'Dairy & eggs' });
    const ticked = await h.sam.api.shopping.items.update.mutate({ itemId: milk.id, checked: true });

    expect(sized).toMatchObject({ name: 'milk', quantity: 2, unit: 'l', note: 'semi-skimmed', version: 2, addedBy: h.sam.user.id, updatedBy: h.alex.user.id });
    expect(noted).toMatchObject({ quantity: 2, unit: 'l', note: 'oat', category: 'Dairy & eggs', version: 3, updatedBy: h.alex.user.id });
    expect(ticked).toMatchObject({ note: 'oat', checked: true, checkedBy: h.sam.user.id, updatedBy: h.sam.user.id, version: 4 });
    await h.samEvents.waitUntil(...countOf('shopping:item:updated', 3));
    const updates = h.samEvents.ofType('shopping:item:updated');
    expect(updates).toEqual([
      expect.objectContaining({ fields: ['quantity', 'unit'], actorId: h.alex.user.id, clientId: 'alex-upd-0001', item: sized }),
      expect.objectContaining({ fields: ['note', 'category'], actorId: h.alex.user.id, item: noted }),
      expect.objectContaining({ fields: ['checked'], actorId: h.sam.user.id, item: ticked }),
    ]);
    expect(updates.map((event) => event.merged)).toEqual([undefined, undefined, undefined]);
    expect(await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([ticked]);
  });

  it('an update that changes nothing answers with the item as it is, bumps no version and announces nothing', async () => {
    await using h = await householdOfTwo();
    const milk = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk', quantity: 1, category: null });
    for (const same of [{ checked: false }, { name: 'milk' }, { quantity: 1 }, { note: '' }, { note: null }, { unit: '' }, { category: null }]) {
      expect(await h.alex.api.shopping.items.update.mutate({ itemId: milk.id, ...same })).toEqual(milk);
    }

    await h.caughtUp();
    expect(itemEvents(h.samEvents).map((event) => event.type)).toEqual(['shopping:item:added']);
    expect(await h.sam.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([milk]);
  });

  it('taking the quantity away takes its unit with it, unless the update gives a unit', async () => {
    await using h = await householdOfTwo();
    const { add, update } = h.alex.api.shopping.items;
    const milk = await add.mutate({ listId: h.list.id, name: 'milk', quantity: 2, unit: 'l' });
    const flour = await add.mutate({ listId: h.list.id, name: 'flour', quantity: 500, unit: 'g' });

    expect(await update.mutate({ itemId: milk.id, quantity: null })).toMatchObject({ quantity: null, unit: null, version: 2 });
    expect(await update.mutate({ itemId: flour.id, quantity: null, unit: 'kg' })).toMatchObject({ quantity: null, unit: 'kg', version: 2 });
    await h.samEvents.waitUntil(...countOf('shopping:item:updated', 2));
    expect(h.samEvents.ofType('shopping:item:updated').map((event) => event.fields)).toEqual([
      ['quantity', 'unit'],
      ['quantity', 'unit'],
    ]);
  });

  it('two members edit different fields of one item at the same moment: both changes are kept', async () => {
    await using h = await householdOfTwo();
    const milk = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk', quantity: 1 });
    const answers = await Promise.all([
      h.alex.api.shopping.items.update.mutate({ itemId: milk.id, note: 'oat' }),
      h.sam.api.shopping.items.update.mutate({ itemId: milk.id, quantity: 3 }),
    ]);

    await Promise.all([h.alexEvents.waitUntil(...countOf('shopping:item:updated', 2)), h.samEvents.waitUntil(...countOf('shopping:item:updated', 2))]);
    const [stored] = await h.alex.api.shopping.items.getByList.query({ listId: h.list.id });
    expect(stored).toMatchObject({ id: milk.id, note: 'oat', quantity: 3, version: 3 });
    expect(await h.sam.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([stored]);
    // Whichever change went second answered with both.
    expect(answers.find((answer) => answer.version === 3)).toEqual(stored);
    for (const events of [h.alexEvents, h.samEvents]) {
      const updates = events.ofType('shopping:item:updated');
      expect(updates.at(-1)!.item).toEqual(stored);
      expect(updates.map(({ actorId, fields }) => ({ actorId, fields }))).toEqual(
        expect.arrayContaining([
          { actorId: h.alex.user.id, fields: ['note'] },
          { actorId: h.sam.user.id, fields: ['quantity'] },
        ]),
      );
    }
  });

  it('two members set the same field at the same moment: the later one wins, and the event says who', async () => {
    await using h = await householdOfTwo();
    const milk = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk', quantity: 1 });
    const [byAlex, bySam] = await Promise.all([
      h.alex.api.shopping.items.update.mutate({ itemId: milk.id, quantity: 2 }),
      h.sam.api.shopping.items.update.mutate({ itemId: milk.id, quantity: 5 }),
    ]);

    const [earlier, later] = byAlex.version < bySam.version ? [h.alex, h.sam] : [h.sam, h.alex];
    const winner = byAlex.version < bySam.version ? bySam : byAlex;
    expect(winner).toMatchObject({ version: 3, quantity: later === h.alex ? 2 : 5, updatedBy: later.user.id });
    await Promise.all([h.alexEvents.waitUntil(...countOf('shopping:item:updated', 2)), h.samEvents.waitUntil(...countOf('shopping:item:updated', 2))]);
    for (const events of [h.alexEvents, h.samEvents]) {
      expect(events.ofType('shopping:item:updated')).toEqual([
        expect.objectContaining({ actorId: earlier.user.id, fields: ['quantity'], item: expect.objectContaining({ version: 2, updatedBy: earlier.user.id }) }),
        expect.objectContaining({ actorId: later.user.id, fields: ['quantity'], item: winner }),
      ]);
    }
    expect(await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([winner]);
    expect(await h.sam.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([winner]);
  });
});

describe('item mutations with a clientId are applied once', () => {
  it('a retried update answers as the first time, even sent twice at once, and does not undo a later change or announce anything again', async () => {
    await using h = await householdOfTwo();
    const { update } = h.sam.api.shopping.items;
    const milk = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk' });
    const input = { itemId: milk.id, note: 'oat', clientId: 'sam-note-0001' };
    const [first, twin] = await Promise.all([update.mutate(input), update.mutate(input)]);
    const later = await h.alex.api.shopping.items.update.mutate({ itemId: milk.id, note: 'soy' });
    const retried = await update.mutate(input);

    expect(first).toMatchObject({ note: 'oat', version: 2 });
    expect(twin).toEqual(first);
    expect(retried).toEqual(first);
    await h.caughtUp();
    expect(h.alexEvents.ofType('shopping:item:updated')).toEqual([
      expect.objectContaining({ clientId: 'sam-note-0001', actorId: h.sam.user.id, item: first }),
      expect.objectContaining({ actorId: h.alex.user.id, item: later }),
    ]);
    expect(await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([later]);
  });

  it('a retried remove answers ok again and does not remove the item a second time after an undo', async () => {
    await using h = await householdOfTwo();
    const milk = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk' });
    const input = { itemId: milk.id, clientId: 'sam-rm-000001' };
    expect(await h.sam.api.shopping.items.remove.mutate(input)).toEqual({ ok: true });
    const { items } = await h.alex.api.shopping.items.restore.mutate({ listId: h.list.id, itemIds: [milk.id] });
    expect(await h.sam.api.shopping.items.remove.mutate(input)).toEqual({ ok: true });

    await h.caughtUp();
    expect(itemEvents(h.alexEvents)).toMatchObject([
      { type: 'shopping:item:added', reason: 'added' },
      { type: 'shopping:item:removed', itemId: milk.id, clientId: 'sam-rm-000001', actorId: h.sam.user.id },
      { type: 'shopping:item:added', reason: 'restored', actorId: h.alex.user.id },
    ]);
    expect(await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual(items);
  });

  it('a retried clearChecked answers with what the first one removed and leaves items ticked since on the list', async () => {
    await using h = await householdOfTwo();
    const { add, update } = h.sam.api.shopping.items;
    const [milk, bread, eggs] = [
      await add.mutate({ listId: h.list.id, name: 'milk' }),
      await add.mutate({ listId: h.list.id, name: 'bread' }),
      await add.mutate({ listId: h.list.id, name: 'eggs' }),
    ];
    await update.mutate({ itemId: milk.id, checked: true });
    await update.mutate({ itemId: bread.id, checked: true });
    const input = { listId: h.list.id, clientId: 'sam-clear-0001' };
    const first = await h.sam.api.shopping.items.clearChecked.mutate(input);
    const eggsTicked = await h.alex.api.shopping.items.update.mutate({ itemId: eggs.id, checked: true });
    const retried = await h.sam.api.shopping.items.clearChecked.mutate(input);

    expect(first).toEqual({ removedItemIds: [milk.id, bread.id] });
    expect(retried).toEqual(first);
    await h.caughtUp();
    expect(h.alexEvents.ofType('shopping:item:removed')).toEqual([
      expect.objectContaining({ itemId: milk.id, name: 'milk', reason: 'cleared', clientId: 'sam-clear-0001', actorId: h.sam.user.id }),
      expect.objectContaining({ itemId: bread.id, name: 'bread', reason: 'cleared', clientId: 'sam-clear-0001', actorId: h.sam.user.id }),
    ]);
    expect(await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([eggsTicked]);
  });

  it('a retried restore answers as the first time and does not bring back an item removed again since', async () => {
    await using h = await householdOfTwo();
    const milk = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk' });
    await h.alex.api.shopping.items.remove.mutate({ itemId: milk.id });
    const input = { listId: h.list.id, itemIds: [milk.id], clientId: 'sam-undo-0001' };
    const first = await h.sam.api.shopping.items.restore.mutate(input);
    await h.alex.api.shopping.items.remove.mutate({ itemId: milk.id });
    const retried = await h.sam.api.shopping.items.restore.mutate(input);

    expect(first.items).toMatchObject([{ id: milk.id, name: 'milk' }]);
    expect(retried).toEqual(first);
    await h.caughtUp();
    expect(h.alexEvents.ofType('shopping:item:added').map((event) => event.reason)).toEqual(['added', 'restored']);
    expect(h.alexEvents.ofType('shopping:item:removed')).toHaveLength(2);
    expect(await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([]);
  });

  it("a clientId reused for another kind of change is CONFLICT and changes nothing; another member's clientIds are their own", async () => {
    await using h = await householdOfTwo();
    const { items } = h.sam.api.shopping;
    const milk = await items.add.mutate({ listId: h.list.id, name: 'milk', clientId: 'sam-shared-0001' });
    const bread = await items.add.mutate({ listId: h.list.id, name: 'bread' });
    await items.update.mutate({ itemId: bread.id, checked: true, clientId: 'sam-tick-bread1' });
    await items.remove.mutate({ itemId: bread.id, clientId: 'sam-rm-bread01' });
    const seen = itemEvents(h.alexEvents).length;
    const reused = (path: string) => ({ code: 'CONFLICT', message: `This clientId was already used for ${path}: every change needs a clientId of its own.` });
    const clientId = 'sam-shared-0001';
    await expectNothingWritten(h.server, async () => {
      expect(await refusalOf(items.update.mutate({ itemId: milk.id, checked: true, clientId }))).toEqual(reused('shopping.items.add'));
      expect(await refusalOf(items.remove.mutate({ itemId: milk.id, clientId }))).toEqual(reused('shopping.items.add'));
      expect(await refusalOf(items.clearChecked.mutate({ listId: h.list.id, clientId }))).toEqual(reused('shopping.items.add'));
      expect(await refusalOf(items.restore.mutate({ listId: h.list.id, itemIds: [bread.id], clientId }))).toEqual(reused('shopping.items.add'));
      expect(await refusalOf(items.add.mutate({ listId: h.list.id, name: 'eggs', clientId: 'sam-tick-bread1' }))).toEqual(reused('shopping.items.update'));
      expect(await refusalOf(items.add.mutate({ listId: h.list.id, name: 'eggs', clientId: 'sam-rm-bread01' }))).toEqual(reused('shopping.items.remove'));
    });
    expect(await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([milk]);
    const alexTicks = await h.alex.api.shopping.items.update.mutate({ itemId: milk.id, checked: true, clientId });
    expect(alexTicks).toMatchObject({ checked: true, checkedBy: h.alex.user.id });
    await h.caughtUp();
    expect(itemEvents(h.alexEvents).slice(seen)).toEqual([expect.objectContaining({ type: 'shopping:item:updated', actorId: h.alex.user.id, clientId, item: alexTicks })]);
  });
});
