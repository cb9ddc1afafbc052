import { useId } from 'react';
import { itemNameKey } from '../../../shared/item-text';
import type { ItemSuggestion, ShoppingItem } from '../../../shared/types';
import { PlusIcon } from '../../components/icons';
import { trpc } from '../../lib/trpc';

const SHOWN = 6;

/**
 * "Bought lately: eggs · bread": what was ticked off lately and is not on
 * the list again, each back on it with one tap. A name leaves the row the
 * moment it is on the list, before the server's next answer.
 */
export function RecentItems({ listId, items, onAdd }: { listId: string; items: readonly ShoppingItem[]; onAdd: (suggestion: ItemSuggestion) => void }) {
  const recent = trpc.shopping.items.recentlyChecked.useQuery({ listId, limit: SHOWN });
  const titleId = useId();
  const waiting = new Set(items.filter((item) => !item.checked).map((item) => itemNameKey(item.name)));
  const chips = (recent.data ?? []).filter((suggestion) => !waiting.has(itemNameKey(suggestion.name)));
  if (chips.length === 0) return null;

  return (
    <section className="recent" aria-labelledby={titleId}>
      <h2 id={titleId} className="recent__title">
        Bought lately
      </h2>
      <ul className="recent__chips">
        {chips.map((suggestion) => (
          <li key={suggestion.name}>
            <button type="button" className="chip" aria-label={`Add ${suggestion.name} again`} onClick={() => onAdd(suggestion)}>
              <PlusIcon />
              {suggestion.name}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
