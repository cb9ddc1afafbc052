import { QueryClient } from '@tanstack/react-query';
import { httpLink } from '@trpc/client';
import { getQueryKey } from '@trpc/react-query';
import { describe, expect, it } from 'vitest';
import type { ShoppingItem } from '../../../shared/types';
import { localStateKey } from '../../lib/persisted-cache';
import { createQueryUtils, trpc } from '../../lib/trpc';
import type { UnsavedChange } from '../../lib/unsaved-changes';
import { shoppingItem } from '../../test/fixtures';
import { pendingItemId } from './list-rows';
import { registerItemMutationDefaults } from './item-mutation-defaults';
import { ITEM_MUTATION_KEYS, type ItemInputs, type ItemMutation } from './item-mutation-keys';

const LIST = 'list-1';

/** A server that answers each call with what the test hands it, when the test says so. */
function outbox() {
  const calls: { path: string; input: unknown; answer: (data: unknown) => void; refuse: (code: string) => void }[] = [];
  const client = trpc.createClient({
    links: [
      httpLink({
        url: 'http://server.test/trpc',
        fetch: (url, init) =>
          new Promise<Response>((resolve) => {
            const json = (body: unknown, status: number) => resolve(new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }));
            calls.push({
              path: new URL(String(url)).pathname.replace('/trpc/', ''),
              input: JSON.parse(String(init?.body)),
              answer: (data) => json({ result: { data } }, 200),
              refuse: (code) => json({ error: { message: code, code: -32600, data: { code } } }, 400),
            });
          }),
      }),
    ],
  });
  const queryClient = new QueryClient();
  registerItemMutationDefaults(queryClient, client, 'alex');
  const utils = createQueryUtils(queryClient, client);
  utils.shopping.items.getByList.setData({ listId: LIST }, []);
  const settled: Promise<unknown>[] = [];
  return {
    /** Queues a change as the UI does; its `onMutate` has run when this returns. */
    async queue<K extends ItemMutation>(mutation: K, input: ItemInputs[K]) {
      const run = queryClient.getMutationCache().build(queryClient, { mutationKey: ITEM_MUTATION_KEYS[mutation] }).execute(input);
      settled.push(run.catch(() => undefined));
      await tick();
    },
    /** The next call the server has not answered yet. */
    async next(path: string) {
      await tick();
      const call = calls.shift();
      expect(call?.path).toBe(path);
      return call!;
    },
    done: async () => void (await Promise.all(settled)),
    rows: () => utils.shopping.items.getByList.getData({ listId: LIST })?.map((item) => item.id),
    checkedRows: () => utils.shopping.items.getByList.getData({ listId: LIST })?.flatMap((item) => (item.checked ? [item.id] : [])),
    /** Whether the list is to be fetched again from the server. */
    listStale: () => queryClient.getQueryState(getQueryKey(trpc.shopping.items.getByList, { listId: LIST }, 'query'))?.isInvalidated ?? false,
    setRows: (items: ShoppingItem[]) => utils.shopping.items.getByList.setData({ listId: LIST }, items),
    unsaved: () => (queryClient.getQueryData<UnsavedChange[]>(localStateKey('unsaved-changes')) ?? []).map((change) => change.what),
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const milk = (overrides: Partial<ShoppingItem> = {}) => shoppingItem({ id: 'milk-id', listId: LIST, ...overrides });

describe('a row added and removed before its add went through', () => {
  it('stays gone when the add is confirmed', async () => {
    const server = outbox();
    await server.queue('add', { listId: LIST, name: 'milk', clientId: 'add-1' });
    await server.queue('remove', { itemId: pendingItemId('add-1'), clientId: 'remove-1' });
    expect(server.rows()).toEqual([]);

    (await server.next('shopping.items.add')).answer(milk());
    const removal = await server.next('shopping.items.remove');
    expect(removal.input).toMatchObject({ itemId: 'milk-id' });
    expect(server.rows()).toEqual([]);
    removal.answer({ ok: true });
    await server.done();
  });

  it('comes back once, under its confirmed id, when the removal is undone after the add was confirmed', async () => {
    const server = outbox();
    await server.queue('add', { listId: LIST, name: 'milk', clientId: 'add-1' });
    await server.queue('remove', { itemId: pendingItemId('add-1'), clientId: 'remove-1' });
    (await server.next('shopping.items.add')).answer(milk());
    (await server.next('shopping.items.remove')).answer({ ok: true });

    await server.queue('restore', { listId: LIST, itemIds: [pendingItemId('add-1')], clientId: 'restore-1' });
    expect(server.rows()).toEqual(['milk-id']);
    const restore = await server.next('shopping.items.restore');
    expect(restore.input).toMatchObject({ itemIds: ['milk-id'] });
    restore.answer({ items: [milk({ version: 3 })] });
    await server.done();
    expect(server.rows()).toEqual(['milk-id']);
  });
});

describe('a change on a row added offline, made as its add is confirmed', () => {
  it('is shown on the confirmed row, and a refusal names the item', async () => {
    const server = outbox();
    await server.queue('add', { listId: LIST, name: 'milk', clientId: 'add-1' });
    (await server.next('shopping.items.add')).answer(milk({ name: 'milk' }));
    await server.done();
    // The row was read while pending; the tick reaches the cache once it has its server id.
    await server.queue('update', { itemId: pendingItemId('add-1'), checked: true, clientId: 'tick-1' });
    expect(server.checkedRows()).toEqual(['milk-id']);
    (await server.next('shopping.items.update')).refuse('FORBIDDEN');
    await server.done();
    expect(server.unsaved()).toEqual(['Tick “milk”']);
  });
});

describe('a clear of the ticked rows', () => {
  const bread = () => shoppingItem({ id: 'bread-id', listId: LIST, name: 'bread', checked: true });

  it('fetches the list again when a row it took off was not cleared (unticked before the clear arrived)', async () => {
    const server = outbox();
    server.setRows([milk({ checked: true }), bread()]);
    await server.queue('clearChecked', { listId: LIST, clientId: 'clear-1' });
    expect(server.rows()).toEqual([]);
    (await server.next('shopping.items.clearChecked')).answer({ removedItemIds: ['bread-id'] });
    await server.done();
    expect(server.listStale()).toBe(true);
  });

  it('asks nothing more of the server when it cleared every row taken off', async () => {
    const server = outbox();
    server.setRows([milk({ checked: true }), bread()]);
    await server.queue('clearChecked', { listId: LIST, clientId: 'clear-1' });
    (await server.next('shopping.items.clearChecked')).answer({ removedItemIds: ['milk-id', 'bread-id'] });
    await server.done();
    expect(server.listStale()).toBe(false);
    expect(server.rows()).toEqual([]);
  });
});

describe('what is recorded as not saved', () => {
  it('a refused add is one notice, not one more for each change queued on its row', async () => {
    const server = outbox();
    await server.queue('add', { listId: LIST, name: 'milk', clientId: 'add-1' });
    await server.queue('update', { itemId: pendingItemId('add-1'), checked: true, clientId: 'tick-1' });
    await server.queue('update', { itemId: pendingItemId('add-1'), note: 'oat', clientId: 'edit-1' });
    (await server.next('shopping.items.add')).refuse('BAD_REQUEST');
    await server.done();
    expect(server.unsaved()).toEqual(['Add “milk”']);
    expect(server.rows()).toEqual([]);
  });

  it('an undo of rows this session no longer remembers names how many there were', async () => {
    const server = outbox();
    await server.queue('restore', { listId: LIST, itemIds: ['milk-id', 'bread-id'], clientId: 'restore-1' });
    (await server.next('shopping.items.restore')).refuse('CONFLICT');
    await server.done();
    expect(server.unsaved()).toEqual(['Bring back 2 items']);
  });
});
