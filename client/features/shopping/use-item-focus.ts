import { useEffect, useRef, type RefObject } from 'react';
import { focusIsLost, useFocusHandover } from '../../components/use-focus-handover';

/**
 * Where the focus goes on the open list. A ticked item moves between "to buy"
 * and the basket, so its tick box is a new element: the focus follows it. A
 * removed item hands the focus to the next row (the one before it at the
 * end), or to the add field when it was the last. And a list that opens with
 * the focus nowhere (after signing in, creating or joining a household, or
 * switching to another) puts it in the add field, ready to type.
 */
export function useItemFocus(addArea: RefObject<HTMLElement | null>) {
  const checkboxes = useRef(new Map<string, HTMLInputElement>());
  const handOver = useFocusHandover();
  const addField = () => addArea.current?.querySelector('input');

  useEffect(() => {
    if (focusIsLost()) addField()?.focus();
    // Once, as the list opens; later the focus is the person's.
  }, []);

  const neighbourOf = (itemId: string): HTMLInputElement | undefined => {
    const removed = checkboxes.current.get(itemId);
    const inPageOrder = [...checkboxes.current.values()].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    const at = removed ? inPageOrder.indexOf(removed) : -1;
    return at < 0 ? undefined : (inPageOrder[at + 1] ?? inPageOrder[at - 1]);
  };

  return {
    /** The ref callback for an item's tick box. */
    checkboxRef: (itemId: string) => (element: HTMLInputElement | null) => {
      if (element) checkboxes.current.set(itemId, element);
      else checkboxes.current.delete(itemId);
    },
    ticked: (itemId: string) => handOver(() => checkboxes.current.get(itemId)),
    removed: (itemId: string) => {
      const next = neighbourOf(itemId);
      handOver(() => (next?.isConnected ? next : addField()));
    },
  };
}
