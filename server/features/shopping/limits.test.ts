import { describe, expect, it } from 'vitest';
import type { ShoppingItem } from '../../../shared/types';
import { refusalOf } from '../../../tests/support/clients';
import { expectNothingWritten } from '../../../tests/support/database-contents';
import { householdOfOne } from '../../../tests/support/household-of-one';

describe('shopping limits', () => {
  it('a list past MAX_LISTS_PER_HOUSEHOLD is CONFLICT naming the limit, writes nothing, and removing one makes room', async () => {
    await using h = await householdOfOne({ limits: { listsPerHousehold: 2 } });
    const second = await h.alex.api.shopping.lists.create.mutate({ householdId: h.home.id, name: 'Hardware' });

    await expectNothingWritten(h.server, async () => {
      const refusal = await refusalOf(h.alex.api.shopping.lists.create.mutate({ householdId: h.home.id, name: 'Pharmacy' }));
      expect(refusal).toEqual({ code: 'CONFLICT', message: 'This household already has 2 lists, the most it can have: remove one first.' });
    });
    expect((await h.alex.api.shopping.lists.getByHousehold.query({ householdId: h.home.id })).map((list) => list.name)).toEqual(['Shopping', 'Hardware']);

    await h.alex.api.shopping.lists.remove.mutate({ listId: second.id });
    const pharmacy = await h.alex.api.shopping.lists.create.mutate({ householdId: h.home.id, name: 'Pharmacy' });
    expect(pharmacy.name).toBe('Pharmacy');
  });

  it('an item past MAX_ITEMS_PER_LIST is CONFLICT naming the limit and writes nothing; a retry of the last one still returns it', async () => {
    await using h = await householdOfOne({ limits: { itemsPerList: 3 } });
    const items: ShoppingItem[] = [];
    for (const name of ['milk', 'eggs', 'bread']) {
      items.push(await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name, clientId: `add-${name}-0001` }));
    }

    await expectNothingWritten(h.server, async () => {
      const refusal = await refusalOf(h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'butter', clientId: 'add-butter-0001' }));
      expect(refusal).toEqual({
        code: 'CONFLICT',
        message: '"Shopping" already has 3 items, the most a list can hold: clear checked items or start another list.',
      });
      // The list is full, yet a retry of a call that did land is answered with what it made, and announced again nowhere.
      const retried = await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'bread', clientId: 'add-bread-0001' });
      expect(retried).toEqual(items[2]);
    });
    expect((await h.alex.api.shopping.items.getByList.query({ listId: h.list.id })).map((item) => item.name)).toEqual(['milk', 'eggs', 'bread']);

    // Checking one off and clearing checked items makes room.
    await h.alex.api.shopping.items.update.mutate({ itemId: items[0]!.id, checked: true });
    await h.alex.api.shopping.items.clearChecked.mutate({ listId: h.list.id });
    const butter = await h.alex.api.shopping.items.add.mutate({ listId: h.list.id, name: 'butter', clientId: 'add-butter-0001' });
    expect(butter.name).toBe('butter');
  });
});
