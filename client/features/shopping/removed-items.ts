import type { QueryClient } from '@tanstack/react-query';
import type { ShoppingItem } from '../../../shared/types';
import { tabStateKey } from '../../lib/persisted-cache';

/** Undo reaches back half a minute: a few hundred rows is more than enough. */
const KEPT = 500;
const KEY = tabStateKey('removed-items');

/**
 * The rows this tab removed (one by one or by "clear checked"), as they
 * looked, so an undo can put them back on screen at once while the restore
 * is on its way (also offline, also after a reload: they are this tab's
 * state in the query cache, stored with its waiting changes).
 */
export function removedItemsOf(queryClient: QueryClient) {
  const read = () => queryClient.getQueryData<ShoppingItem[]>(KEY) ?? [];
  const write = (items: ShoppingItem[]) => queryClient.setQueryData(KEY, items);
  return {
    keep(items: readonly ShoppingItem[]): void {
      const ids = new Set(items.map((item) => item.id));
      write([...read().filter((item) => !ids.has(item.id)), ...items].slice(-KEPT));
    },

    /** Removed, and not brought back since. */
    has: (itemId: string): boolean => read().some((item) => item.id === itemId),

    /** The rows with these ids, as they were when removed; each is given back once. */
    take(itemIds: readonly string[]): ShoppingItem[] {
      const ids = new Set(itemIds);
      const current = read();
      write(current.filter((item) => !ids.has(item.id)));
      return itemIds.flatMap((id) => current.find((item) => item.id === id) ?? []);
    },
  };
}
