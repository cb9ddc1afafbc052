import { keepPreviousData } from '@tanstack/react-query';
import { itemNameKey } from '../../../shared/item-text';
import type { ItemSuggestion } from '../../../shared/types';
import { useDebouncedValue } from '../../components/use-debounced-value';
import { trpc } from '../../lib/trpc';

const TYPING_PAUSE_MS = 150;
const SHOWN = 6;

/**
 * Names the household used before that start with what is typed, most used
 * first. While the answer for the newest letters is on its way, the last
 * answer stays, narrowed to what still fits, so the list does not flicker.
 */
export function useItemSuggestions(listId: string, typedName: string): ItemSuggestion[] {
  const key = itemNameKey(typedName);
  const query = useDebouncedValue(key, TYPING_PAUSE_MS);
  const suggestions = trpc.shopping.items.suggest.useQuery(
    { listId, query, limit: SHOWN },
    // New names join the history as the household adds them; a minute old is fresh enough for a hint.
    { enabled: query !== '', staleTime: 60_000, placeholderData: keepPreviousData },
  );
  if (key === '') return [];
  return (suggestions.data ?? []).filter((suggestion) => itemNameKey(suggestion.name).startsWith(key));
}
