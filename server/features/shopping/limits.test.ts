import { describe, expect, it } from 'vitest';
import type { ShoppingItem } from '../../../shared/types';
import { refusalOf, signIn } from '../../../tests/support/clients';
import { countOf, recordEvents } from '../../../tests/support/event-recorder';
import { rowCounts } from '../../../tests/support/row-counts';
import { startServer, type ConfigOverrides } from '../../../tests/support/test-server';

/** A server with `limits`, a member with a household and its first list, watching the household's events. */
async function household(limits: ConfigOverrides['limits']) {
  const server = await startServer({ limits });
  const alex = await signIn(server.url, 'Alex');
  const home = await alex.api.household.create.mutate({ name: 'Home' });
  const [list] = await alex.api.shopping.lists.getByHousehold.query({ householdId: home.id });
  if (!list) throw new Error('a new household should have a list');
  const events = recordEvents(alex.api, home.id);
  await events.waitUntil(...countOf('household:presence', 1));
  return {
    server,
    alex,
    api: alex.api,
    home,
    list,
    events,
    /** The calls are refused and leave every table, and the event stream, as they were. */
    async expectNothingWritten(refused: () => Promise<void>) {
      const before = rowCounts(server);
      const seen = events.received.length;
      await refused();
      expect(rowCounts(server)).toEqual(before);
      // A marker change arrives next: nothing was announced in between.
      const marker = await alex.api.shopping.lists.rename.mutate({ listId: list.id, name: 'Groceries' });
      await events.waitUntil((received) => received.some(({ event }) => event.type === 'shopping:list:updated'), 'the marker');
      expect(events.received.slice(seen).map(({ event }) => event)).toMatchObject([{ type: 'shopping:list:updated', list: { id: marker.id } }]);
    },
    async [Symbol.asyncDispose]() {
      events.stop();
      await alex.close();
      await server[Symbol.asyncDispose]();
    },
  };
}

describe('shopping limits', () => {
  it('a list past MAX_LISTS_PER_HOUSEHOLD is CONFLICT naming the limit, writes nothing, and removing one makes room', async () => {
    await using h = await household({ listsPerHousehold: 2 });
    const second = await h.api.shopping.lists.create.mutate({ householdId: h.home.id, name: 'Hardware' });

    await h.expectNothingWritten(async () => {
      const refusal = await refusalOf(h.api.shopping.lists.create.mutate({ householdId: h.home.id, name: 'Pharmacy' }));
      expect(refusal).toEqual({ code: 'CONFLICT', message: 'This household already has 2 lists, the most it can have: remove one first.' });
    });
    expect((await h.api.shopping.lists.getByHousehold.query({ householdId: h.home.id })).map((list) => list.name)).toEqual(['Groceries', 'Hardware']);

    await h.api.shopping.lists.remove.mutate({ listId: second.id });
    const pharmacy = await h.api.shopping.lists.create.mutate({ householdId: h.home.id, name: 'Pharmacy' });
    expect(pharmacy.name).toBe('Pharmacy');
  });

  it('an item past MAX_ITEMS_PER_LIST is CONFLICT naming the limit and writes nothing; a retry of the last one still returns it', async () => {
    await using h = await household({ itemsPerList: 3 });
    const items: ShoppingItem[] = [];
    for (const name of ['milk', 'eggs', 'bread']) {
      items.push(await h.api.shopping.items.add.mutate({ listId: h.list.id, name, clientId: `add-${name}-0001` }));
    }

    await h.expectNothingWritten(async () => {
      const refusal = await refusalOf(h.api.shopping.items.add.mutate({ listId: h.list.id, name: 'butter', clientId: 'add-butter-0001' }));
      expect(refusal).toEqual({
        code: 'CONFLICT',
        message: '"Shopping" already has 3 items, the most a list can hold: clear checked items or start another list.',
      });
      // The list is full, yet a retry of a call that did land is answered with what it made, and announced again nowhere.
      const retried = await h.api.shopping.items.add.mutate({ listId: h.list.id, name: 'bread', clientId: 'add-bread-0001' });
      expect(retried).toEqual(items[2]);
    });
    expect((await h.api.shopping.items.getByList.query({ listId: h.list.id })).map((item) => item.name)).toEqual(['milk', 'eggs', 'bread']);

    // Checking one off and clearing checked items makes room.
    await h.api.shopping.items.update.mutate({ itemId: items[0]!.id, checked: true });
    await h.api.shopping.items.clearChecked.mutate({ listId: h.list.id });
    const butter = await h.api.shopping.items.add.mutate({ listId: h.list.id, name: 'butter', clientId: 'add-butter-0001' });
    expect(butter.name).toBe('butter');
  });
});
