import { useState } from 'react';
import type { ShoppingItem } from '../../../shared/types';

/**
 * The items with an editor open, each as it last was. One removed meanwhile
 * (by someone else, or a refetch) stays on screen, `gone`, with its editor and
 * what was typed in it, until the person adds it back or discards the draft.
 */
export function useKeptEditors(items: readonly ShoppingItem[] | undefined, rowKeyOf: (item: ShoppingItem) => string) {
  // By row key: a row added here keeps its key when the server's id replaces its pending one.
  const [open, setOpen] = useState<ReadonlyMap<string, ShoppingItem>>(new Map());
  // Storing what the previous render saw (React's pattern for it): the newest copy of each open item.
  const newest = items ? withNewestCopies(open, items, rowKeyOf) : open;
  if (newest !== open) setOpen(newest);
  const held = new Set(items?.map(rowKeyOf));
  const gone = [...newest].flatMap(([key, item]) => (held.has(key) ? [] : [item]));

  return {
    /** The list as shown: the items, and the removed ones still being edited. */
    shown: items && (gone.length ? [...items, ...gone] : items),
    isGone: (itemId: string) => gone.some((item) => item.id === itemId),
    opened: (item: ShoppingItem) => setOpen((current) => new Map(current).set(rowKeyOf(item), item)),
    closed: (item: ShoppingItem) =>
      setOpen((current) => {
        const next = new Map(current);
        next.delete(rowKeyOf(item));
        return next;
      }),
  };
}

/** `open` with each item's copy from `items`, or `open` itself when none changed. */
function withNewestCopies(
  open: ReadonlyMap<string, ShoppingItem>,
  items: readonly ShoppingItem[],
  rowKeyOf: (item: ShoppingItem) => string,
): ReadonlyMap<string, ShoppingItem> {
  const changed = items.filter((item) => open.has(rowKeyOf(item)) && open.get(rowKeyOf(item)) !== item);
  if (changed.length === 0) return open;
  const next = new Map(open);
  for (const item of changed) next.set(rowKeyOf(item), item);
  return next;
}
