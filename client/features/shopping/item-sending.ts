import type { QueryClient } from '@tanstack/react-query';
import { errorCode, isAuthError, isRetryable } from '../../lib/api-errors';
import type { WriterRules } from '../../lib/change-writer';
import type { ApiClient } from '../../lib/trpc';
import { confirmedItemId, rememberConfirmedAdd, requireConfirmedItemId, UnconfirmedItemError } from './confirmed-adds';
import type { ItemInputs, ItemMutation } from './item-mutation-keys';
import { addOfPendingItem, isPendingItem } from './list-rows';

/** An item change as the person's writer sends it, for whichever of their tabs made it. */
export type ItemChange = { [K in ItemMutation]: { path: K; input: ItemInputs[K] } }[ItemMutation];

/**
 * How the writer (change-writer.ts) sends item changes: a row added offline
 * is known by its pending id until its add is answered, which may be in
 * another tab; a change about it waits for that add, and goes out with the
 * id the server gave it. Every tab learns that id from the writer's answer.
 */
export function itemSendRules(queryClient: QueryClient, client: ApiClient): WriterRules {
  return {
    send: (change) => sendItemChange(queryClient, client, change as ItemChange),
    waitsFor: (change) => itemIdsOf(change as ItemChange).flatMap((itemId) => (confirmedItemId(queryClient, itemId) === null ? [addOfPendingItem(itemId)] : [])),
    isRefusal: (error) => errorCode(error) !== null && !isRetryable(error) && !isAuthError(error),
    heard: (change, data) => {
      const clientId = change.input.clientId;
      if (change.path === 'add' && clientId && isItem(data)) rememberConfirmedAdd(queryClient, clientId, data.id);
    },
    errors: { [UnconfirmedItemError.NAME]: UnconfirmedItemError },
  };
}

async function sendItemChange(queryClient: QueryClient, client: ApiClient, change: ItemChange): Promise<unknown> {
  const items = client.shopping.items;
  switch (change.path) {
    case 'add':
      return items.add.mutate(change.input);
    case 'update':
      return items.update.mutate({ ...change.input, itemId: requireConfirmedItemId(queryClient, change.input.itemId) });
    case 'remove':
      return items.remove.mutate({ ...change.input, itemId: requireConfirmedItemId(queryClient, change.input.itemId) });
    case 'clearChecked':
      return items.clearChecked.mutate(change.input);
    case 'restore': {
      // A row whose add never went through has nothing to bring back.
      const itemIds = change.input.itemIds.flatMap((itemId) => confirmedItemId(queryClient, itemId) ?? []);
      if (itemIds.length === 0) throw new UnconfirmedItemError();
      return items.restore.mutate({ ...change.input, itemIds });
    }
  }
}

/** The rows a change is about that are still known by a pending id. */
function itemIdsOf(change: ItemChange): string[] {
  const ids = change.path === 'update' || change.path === 'remove' ? [change.input.itemId] : change.path === 'restore' ? change.input.itemIds : [];
  return ids.filter((id) => isPendingItem({ id }));
}

const isItem = (data: unknown): data is { id: string } => typeof data === 'object' && data !== null && 'id' in data && typeof data.id === 'string';
