import { describe, expect, it } from 'vitest';
import type { ShoppingItem } from '../../../shared/types';
import { connectClient, refusalOf, signIn } from '../../../tests/support/clients';
import { expectNothingWritten } from '../../../tests/support/database-contents';
import { countOf } from '../../../tests/support/event-recorder';
import { householdOfTwo, itemEvents } from '../../../tests/support/household-of-two';
import { pruneBefore } from '../../retention';

const TOO_LATE = { code: 'NOT_FOUND', message: 'Too late to undo: those items are gone for good (or were never on this list).' };

describe('undo by restore', () => {
  it('a removed item is hidden from both members, and a restore brings it back as it was, announced as added with reason restored', async () => {
    await using h = await householdOfTwo();
    const milk = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk', quantity: 2, unit: 'l', note: 'oat', category: 'Dairy & eggs' });
    expect(await h.sam.api.shopping.items.remove.mutate({ itemId: milk.id, clientId: 'sam-rm-milk-01' })).toEqual({ ok: true });
    expect(await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([]);
    expect(await h.sam.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([]);

    const { items } = await h.alex.api.shopping.items.restore.mutate({ listId: h.list.id, itemIds: [milk.id], clientId: 'alex-undo-0001' });
    expect(items).toEqual([{ ...milk, version: 3, updatedAt: expect.any(String), updatedBy: h.alex.user.id }]);

    await h.samEvents.waitUntil(...countOf('shopping:item:added', 2));
    expect(itemEvents(h.samEvents)).toEqual([
      expect.objectContaining({ type: 'shopping:item:added', reason: 'added', item: milk }),
      expect.objectContaining({ type: 'shopping:item:removed', itemId: milk.id, name: 'milk', reason: 'removed', actorId: h.sam.user.id, clientId: 'sam-rm-milk-01' }),
      expect.objectContaining({ type: 'shopping:item:added', reason: 'restored', actorId: h.alex.user.id, clientId: 'alex-undo-0001', listId: h.list.id, item: items[0] }),
    ]);
    expect(await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual(items);
    expect(await h.sam.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual(items);
  });

  it('a restore after clearChecked brings every cleared item back, ticked as it was, for both members', async () => {
    await using h = await householdOfTwo();
    const { add, update } = h.sam.api.shopping.items;
    const names = ['milk', 'bread', 'eggs', 'butter'];
    const added: ShoppingItem[] = [];
    for (const name of names) added.push(await add.mutate({ listId: h.list.id, name }));
    for (const item of [added[0]!, added[1]!, added[3]!]) await update.mutate({ itemId: item.id, checked: true });
    const before = await h.alex.api.shopping.items.getByList.query({ listId: h.list.id });

    const { removedItemIds } = await h.sam.api.shopping.items.clearChecked.mutate({ listId: h.list.id });
    expect(removedItemIds).toEqual([added[0]!.id, added[1]!.id, added[3]!.id]);
    expect((await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).map((item) => item.name)).toEqual(['eggs']);
    const { items } = await h.alex.api.shopping.items.restore.mutate({ listId: h.list.id, itemIds: removedItemIds });

    expect(items.map(({ name, checked, checkedBy }) => ({ name, checked, checkedBy }))).toEqual(
      ['milk', 'bread', 'butter'].map((name) => ({ name, checked: true, checkedBy: h.sam.user.id })),
    );
    const after = await h.alex.api.shopping.items.getByList.query({ listId: h.list.id });
    expect(after.map(({ id, name, checked, checkedAt }) => ({ id, name, checked, checkedAt }))).toEqual(
      before.map(({ id, name, checked, checkedAt }) => ({ id, name, checked, checkedAt })),
    );
    expect(await h.sam.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual(after);
    for (const events of [h.alexEvents, h.samEvents]) {
      await events.waitUntil(...countOf('shopping:item:added', names.length + 3));
      expect(events.ofType('shopping:item:removed')).toEqual(
        ['milk', 'bread', 'butter'].map((name, index) => expect.objectContaining({ itemId: removedItemIds[index], name, reason: 'cleared', actorId: h.sam.user.id })),
      );
      expect(events.ofType('shopping:item:added').slice(names.length)).toEqual(
        items.map((item) => expect.objectContaining({ reason: 'restored', actorId: h.alex.user.id, item })),
      );
    }
  });

  it('items already back are left alone: only those still removed are restored, and none at all announces nothing', async () => {
    await using h = await householdOfTwo();
    const { add, remove, restore } = h.sam.api.shopping.items;
    const milk = await add.mutate({ listId: h.list.id, name: 'milk' });
    const bread = await add.mutate({ listId: h.list.id, name: 'bread' });
    await remove.mutate({ itemId: milk.id });
    await remove.mutate({ itemId: bread.id });
    const [milkBack] = (await restore.mutate({ listId: h.list.id, itemIds: [milk.id] })).items;

    const { items } = await h.alex.api.shopping.items.restore.mutate({ listId: h.list.id, itemIds: [milk.id, bread.id] });
    expect(items.map((item) => item.id)).toEqual([bread.id]);
    expect(await h.alex.api.shopping.items.restore.mutate({ listId: h.list.id, itemIds: [milk.id, bread.id] })).toEqual({ items: [] });

    await h.caughtUp();
    expect(h.samEvents.ofType('shopping:item:added').filter((event) => event.reason === 'restored').map((event) => event.item.id)).toEqual([milk.id, bread.id]);
    expect(await h.sam.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([milkBack, items[0]]);
  });

  it('items purged past the retention window cannot be restored: NOT_FOUND saying it is too late, and nothing is written', async () => {
    await using h = await householdOfTwo();
    const milk = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk' });
    await h.sam.api.shopping.items.remove.mutate({ itemId: milk.id });
    const { db } = h.server.app.deps;

    // Removed a moment ago: a cutoff a minute back leaves it waiting for an undo.
    expect(pruneBefore(db, Date.now() - 60_000).removedItems).toBe(0);
    expect(pruneBefore(db, Date.now() + 1000).removedItems).toBe(1);
    await expectNothingWritten(h.server, async () => {
      expect(await refusalOf(h.sam.api.shopping.items.restore.mutate({ listId: h.list.id, itemIds: [milk.id], clientId: 'sam-undo-late1' }))).toEqual(TOO_LATE);
    });
    expect(await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([]);
  });

  it('a server that starts past the retention window purges removed items, and a restore of them is NOT_FOUND', async () => {
    await using h = await householdOfTwo();
    const { alex, list } = h;
    const milk = await alex.api.shopping.items.add.mutate({ listId: list.id, name: 'milk' });
    const bread = await alex.api.shopping.items.add.mutate({ listId: list.id, name: 'bread' });
    await alex.api.shopping.items.remove.mutate({ itemId: milk.id });
    h.alexEvents.stop();
    h.samEvents.stop();
    await Promise.all([alex.close(), h.sam.close()]);

    // A restart with a retention window of 1 ms prunes on start-up.
    await using restarted = await h.server.restart({ eventRetentionMs: 1 });
    await using alexAgain = connectClient(restarted.url, alex.token);
    expect(await refusalOf(alexAgain.api.shopping.items.restore.mutate({ listId: list.id, itemIds: [milk.id] }))).toEqual(TOO_LATE);
    expect(await alexAgain.api.shopping.items.getByList.query({ listId: list.id })).toEqual([bread]);
  });

  it('a restore that would take the list past MAX_ITEMS_PER_LIST is CONFLICT saying so, restores nothing, and one that fits goes through', async () => {
    await using h = await householdOfTwo({ limits: { itemsPerList: 3 } });
    const { add, update, clearChecked, restore, remove } = h.sam.api.shopping.items;
    const milk = await add.mutate({ listId: h.list.id, name: 'milk' });
    const bread = await add.mutate({ listId: h.list.id, name: 'bread' });
    await add.mutate({ listId: h.list.id, name: 'eggs' });
    await update.mutate({ itemId: milk.id, checked: true });
    await update.mutate({ itemId: bread.id, checked: true });
    await clearChecked.mutate({ listId: h.list.id });
    await add.mutate({ listId: h.list.id, name: 'butter' });
    const jam = await add.mutate({ listId: h.list.id, name: 'jam' });

    await expectNothingWritten(h.server, async () => {
      expect(await refusalOf(restore.mutate({ listId: h.list.id, itemIds: [milk.id] }))).toEqual({
        code: 'CONFLICT',
        message: '"Shopping" already has 3 items, the most a list can hold: clear checked items or start another list.',
      });
    });

    // Room for one, not two.
    await remove.mutate({ itemId: jam.id });
    await expectNothingWritten(h.server, async () => {
      const refusal = await refusalOf(restore.mutate({ listId: h.list.id, itemIds: [milk.id, bread.id] }));
      expect(refusal).toEqual({ code: 'CONFLICT', message: '"Shopping" has room for 1 more item, not 2: a list holds at most 3. Clear checked items or start another list.' });
    });
    expect((await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).map((item) => item.name)).toEqual(['eggs', 'butter']);

    const { items } = await restore.mutate({ listId: h.list.id, itemIds: [bread.id] });
    expect(items.map((item) => item.name)).toEqual(['bread']);
    expect((await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).map((item) => item.name)).toEqual(['bread', 'eggs', 'butter']);
  });

  it('items are restored only through their own list, and an outsider cannot restore anything', async () => {
    await using h = await householdOfTwo();
    const milk = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk' });
    await h.sam.api.shopping.items.remove.mutate({ itemId: milk.id });
    const hardware = await h.sam.api.shopping.lists.create.mutate({ householdId: h.home.id, name: 'Hardware' });
    await using jo = await signIn(h.server.url, 'Jo');
    await jo.api.household.create.mutate({ name: 'Elsewhere' });
    await expectNothingWritten(h.server, async () => {
      expect(await refusalOf(h.sam.api.shopping.items.restore.mutate({ listId: hardware.id, itemIds: [milk.id] }))).toEqual(TOO_LATE);
      expect(await refusalOf(jo.api.shopping.items.restore.mutate({ listId: h.list.id, itemIds: [milk.id] }))).toEqual({
        code: 'FORBIDDEN',
        message: 'You are not a member of this household.',
      });
    });
    expect(await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([]);
    expect(await h.alex.api.shopping.items.getByList.query({ listId: hardware.id })).toEqual([]);
  });
});
