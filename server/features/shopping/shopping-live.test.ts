import { describe, expect, it } from 'vitest';
import { countOf } from '../../../tests/support/event-recorder';
import { householdOfTwo } from '../../../tests/support/household-of-two';

describe('live shopping list', () => {
  it('a member sees the item another member adds, with who added it and their clientId', async () => {
    await using h = await householdOfTwo();
    const item = await h.sam.api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk', quantity: 2, clientId: 'sam-add-0001' });

    await h.alexEvents.waitUntil(...countOf('shopping:item:added', 1));
    const [added] = h.alexEvents.ofType('shopping:item:added');
    expect(added).toMatchObject({
      householdId: h.home.id,
      listId: h.list.id,
      actorId: h.sam.user.id,
      clientId: 'sam-add-0001',
      item: { id: item.id, name: 'milk', quantity: 2, checked: false, addedBy: h.sam.user.id, version: 1 },
    });
    expect(Date.parse(added!.at)).not.toBeNaN();
  });

  it('updates, check and uncheck, removes and clear-checked all reach the other member in order, with who made them and their clientId', async () => {
    await using h = await householdOfTwo();
    const { api } = h.sam;
    const milk = await api.shopping.items.add.mutate({ listId: h.list.id, name: 'milk' });
    const bread = await api.shopping.items.add.mutate({ listId: h.list.id, name: 'bread' });
    await api.shopping.items.update.mutate({ itemId: milk.id, note: 'oat', clientId: 'sam-upd-0001' });
    await api.shopping.items.update.mutate({ itemId: milk.id, checked: true });
    await api.shopping.items.update.mutate({ itemId: milk.id, checked: false });
    await api.shopping.items.update.mutate({ itemId: bread.id, checked: true });
    await api.shopping.items.remove.mutate({ itemId: milk.id, clientId: 'sam-rm-0001' });
    const cleared = await api.shopping.items.clearChecked.mutate({ listId: h.list.id, clientId: 'sam-clear-0001' });
    expect(cleared.removedItemIds).toEqual([bread.id]);

    await h.alexEvents.waitUntil(...countOf('shopping:item:removed', 2));
    const changes = h.alexEvents.ofType('shopping:item:added', 'shopping:item:updated', 'shopping:item:removed');
    expect(changes.map((e) => e.type)).toEqual([
      'shopping:item:added',
      'shopping:item:added',
      'shopping:item:updated',
      'shopping:item:updated',
      'shopping:item:updated',
      'shopping:item:updated',
      'shopping:item:removed',
      'shopping:item:removed',
    ]);
    const updates = h.alexEvents.ofType('shopping:item:updated');
    expect(updates[0]).toMatchObject({ clientId: 'sam-upd-0001', item: { note: 'oat', version: 2 } });
    expect(updates[1]!.item).toMatchObject({ checked: true, checkedBy: h.sam.user.id, version: 3 });
    expect(updates[2]!.item).toMatchObject({ checked: false, checkedBy: null, checkedAt: null, version: 4 });
    expect(h.alexEvents.ofType('shopping:item:removed')).toMatchObject([
      { itemId: milk.id, clientId: 'sam-rm-0001' },
      { itemId: bread.id, clientId: 'sam-clear-0001' },
    ]);
    expect(changes.every((e) => e.actorId === h.sam.user.id)).toBe(true);
    // A change made without a clientId carries none: nobody mistakes it for their own echo.
    expect(updates[1]!.clientId).toBeUndefined();
    expect(h.alexEvents.ofType('shopping:item:added').map((e) => e.clientId)).toEqual([undefined, undefined]);
    expect(await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).toEqual([]);
  });

  it('list events reach the other member, with who made them', async () => {
    await using h = await householdOfTwo();
    const groceries = await h.sam.api.shopping.lists.create.mutate({ householdId: h.home.id, name: 'Hardware' });
    await h.sam.api.shopping.lists.rename.mutate({ listId: groceries.id, name: 'DIY' });
    await h.sam.api.shopping.lists.remove.mutate({ listId: groceries.id });

    await h.alexEvents.waitUntil(...countOf('shopping:list:removed', 1));
    expect(h.alexEvents.ofType('shopping:list:created', 'shopping:list:updated', 'shopping:list:removed')).toMatchObject([
      { type: 'shopping:list:created', actorId: h.sam.user.id, householdId: h.home.id, list: { id: groceries.id, name: 'Hardware' } },
      { type: 'shopping:list:updated', actorId: h.sam.user.id, householdId: h.home.id, list: { id: groceries.id, name: 'DIY' } },
      { type: 'shopping:list:removed', actorId: h.sam.user.id, householdId: h.home.id, listId: groceries.id },
    ]);
  });

  it('an add retried with the same clientId creates one item and one event', async () => {
    await using h = await householdOfTwo();
    const input = { listId: h.list.id, name: 'eggs', clientId: 'retry-eggs-01' };
    const [first, second] = await Promise.all([h.sam.api.shopping.items.add.mutate(input), h.sam.api.shopping.items.add.mutate(input)]);
    const third = await h.sam.api.shopping.items.add.mutate(input);
    expect(second.id).toBe(first.id);
    expect(third.id).toBe(first.id);

    // A later change proves the stream has caught up past any duplicate.
    await h.sam.api.shopping.items.update.mutate({ itemId: first.id, checked: true });
    await h.alexEvents.waitUntil(...countOf('shopping:item:updated', 1));
    expect(h.alexEvents.ofType('shopping:item:added')).toHaveLength(1);
    expect(await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).toHaveLength(1);
  });

  it('an add retried after someone removed the item gets the first answer and does not bring it back', async () => {
    await using h = await householdOfTwo();
    const input = { listId: h.list.id, name: 'eggs', clientId: 'retry-after-remove' };
    const first = await h.sam.api.shopping.items.add.mutate(input);
    await h.alex.api.shopping.items.remove.mutate({ itemId: first.id });
    const retried = await h.sam.api.shopping.items.add.mutate(input);

    expect(retried).toEqual(first);
    await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'marker' });
    await h.alexEvents.waitUntil((r) => r.some((e) => e.event.type === 'shopping:item:added' && e.event.item.name === 'marker'), 'the marker');
    expect(h.alexEvents.ofType('shopping:item:added').map((e) => e.item.name)).toEqual(['eggs', 'marker']);
    expect((await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).map((item) => item.name)).toEqual(['marker']);
  });

  it('unsubscribing leaves no listener on the bus', async () => {
    await using h = await householdOfTwo();
    expect(h.server.app.deps.bus.listenerCount(h.home.id)).toBe(2);
    h.alexEvents.stop();
    h.samEvents.stop();
    await expect.poll(() => h.server.app.deps.bus.listenerCount(h.home.id)).toBe(0);
  });
});
