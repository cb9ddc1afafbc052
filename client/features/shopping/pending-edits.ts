import type { QueryClient } from '@tanstack/react-query';
import type { ShoppingItem } from '../../../shared/types';

export type ItemPatch = Partial<Pick<ShoppingItem, 'name' | 'quantity' | 'unit' | 'note' | 'category' | 'checked' | 'checkedBy' | 'checkedAt'>>;

interface Entry {
  /** The newest copy the server has sent. */
  base: ShoppingItem;
  /** Our edits it has not confirmed yet, oldest first, by `clientId`. */
  edits: { clientId: string; patch: ItemPatch }[];
}

/**
 * Our unconfirmed edits, kept apart from the cache so they can be replayed on
 * top of whatever the server sends meanwhile. Without this, the echo of a
 * first tap would briefly undo a second one (tick, untick: the row would
 * flash ticked again), and a rollback would clobber someone else's change.
 */
export class PendingEdits {
  readonly #entries = new Map<string, Entry>();

  /** Records an edit about to be sent; returns the item as it should show now. */
  begin(current: ShoppingItem, clientId: string, patch: ItemPatch): ShoppingItem {
    const entry = this.#entries.get(current.id) ?? { base: current, edits: [] };
    entry.edits.push({ clientId, patch });
    this.#entries.set(current.id, entry);
    return show(entry);
  }

  /** A server copy arrived (a response or an event); `clientId` confirms our edit it carries. */
  receive(item: ShoppingItem, clientId?: string): ShoppingItem {
    const entry = this.#entries.get(item.id);
    if (!entry) return item;
    if (clientId) entry.edits = entry.edits.filter((edit) => edit.clientId !== clientId);
    if (item.version >= entry.base.version) entry.base = item;
    if (entry.edits.length === 0) this.#entries.delete(item.id);
    return show(entry);
  }

  /** The server refused an edit: forget it; returns the item as it should show, if we know it. */
  fail(itemId: string, clientId: string): ShoppingItem | null {
    const entry = this.#entries.get(itemId);
    if (!entry) return null;
    entry.edits = entry.edits.filter((edit) => edit.clientId !== clientId);
    if (entry.edits.length === 0) this.#entries.delete(itemId);
    return show(entry);
  }

  forget(itemId: string): void {
    this.#entries.delete(itemId);
  }
}

function show(entry: Entry): ShoppingItem {
  return entry.edits.reduce<ShoppingItem>((item, edit) => ({ ...item, ...edit.patch }), entry.base);
}

// One registry per cache: a new session starts with a new QueryClient, and so with none.
const registries = new WeakMap<QueryClient, PendingEdits>();

export function pendingEditsOf(queryClient: QueryClient): PendingEdits {
  let registry = registries.get(queryClient);
  if (!registry) {
    registry = new PendingEdits();
    registries.set(queryClient, registry);
  }
  return registry;
}
