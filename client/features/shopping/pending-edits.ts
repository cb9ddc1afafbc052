import type { ShoppingItem } from '../../../shared/types';
import { perSession } from '../../lib/per-session';
import { pendingItemId } from './list-rows';
import type { ItemEdit } from './item-changes';

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
    // Edits restored from storage are begun again whenever another tab's are adopted: each is kept once.
    if (!entry.edits.some((edit) => edit.clientId === clientId)) entry.edits.push({ clientId, patch });
    this.#entries.set(current.id, entry);
    return show(entry);
  }

  /**
   * A server copy arrived (a response or an event); `clientId` confirms our
   * edit it carries. When it is the answer to our own add, the edits made to
   * the row while it was waiting for its id (a tick offline) move to the id.
   */
  receive(item: ShoppingItem, clientId?: string): ShoppingItem {
    if (clientId) this.#adopt(pendingItemId(clientId), item);
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

  /** The server's copy our pending edits of the item are shown on top of. */
  baseOf(itemId: string): ShoppingItem | null {
    return this.#entries.get(itemId)?.base ?? null;
  }

  #adopt(pendingId: string, item: ShoppingItem): void {
    const waiting = this.#entries.get(pendingId);
    if (!waiting) return;
    this.#entries.delete(pendingId);
    // An add that merged into a row with edits of its own on their way: both sets stay.
    const existing = this.#entries.get(item.id);
    this.#entries.set(item.id, { base: existing?.base ?? item, edits: [...waiting.edits, ...(existing?.edits ?? [])] });
  }
}

function show(entry: Entry): ShoppingItem {
  return entry.edits.reduce<ShoppingItem>((item, edit) => ({ ...item, ...edit.patch }), entry.base);
}

export const pendingEditsOf = perSession(() => new PendingEdits());

/** What an update changes on screen; ticking also records who ticked it. */
export function patchOf(input: ItemEdit & { checked?: boolean }, meId: string): ItemPatch {
  const patch: ItemPatch = {};
  if (input.name !== undefined) patch.name = input.name.trim();
  if (input.quantity !== undefined) patch.quantity = input.quantity;
  if (input.unit !== undefined) patch.unit = input.unit?.trim() || null;
  if (input.note !== undefined) patch.note = input.note?.trim() || null;
  if (input.category !== undefined) patch.category = input.category?.trim() || null;
  if (input.checked !== undefined) {
    patch.checked = input.checked;
    patch.checkedBy = input.checked ? meId : null;
    patch.checkedAt = input.checked ? new Date().toISOString() : null;
  }
  return patch;
}
