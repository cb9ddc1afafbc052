import type { ShoppingItem } from '../../../shared/types';
import { perSession } from '../../lib/per-session';

/**
 * The rows this session removed (one by one or by "clear checked"), as they
 * looked, so an undo can put them back on screen at once while the restore
 * is on its way (also offline).
 */
class RemovedItems {
  readonly #items = new Map<string, ShoppingItem>();

  keep(items: readonly ShoppingItem[]): void {
    for (const item of items) this.#items.set(item.id, item);
    // Undo reaches back half a minute: a few hundred rows is more than enough.
    for (const id of [...this.#items.keys()].slice(0, Math.max(0, this.#items.size - 500))) this.#items.delete(id);
  }

  /** Removed, and not brought back since. */
  has(itemId: string): boolean {
    return this.#items.has(itemId);
  }

  /** The rows with these ids, as they were when removed; each is given back once. */
  take(itemIds: readonly string[]): ShoppingItem[] {
    return itemIds.flatMap((id) => {
      const item = this.#items.get(id);
      this.#items.delete(id);
      return item ? [item] : [];
    });
  }
}

export const removedItemsOf = perSession(() => new RemovedItems());
