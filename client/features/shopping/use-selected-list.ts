import { useCallback, useState } from 'react';
import type { ShoppingList } from '../../../shared/types';
import { isString, readStored, writeStored } from '../../lib/storage';

/** The list on screen in a household, remembered so a reload opens the same one; falls back to the first. */
export function useSelectedList(householdId: string, lists: ShoppingList[] | undefined): [string | null, (listId: string) => void] {
  const key = `honeydo.list.${householdId}`;
  const [chosen, setChosen] = useState(() => readStored(key, isString));
  const select = useCallback(
    (listId: string) => {
      setChosen(listId);
      writeStored(key, listId);
    },
    [key],
  );
  const current = lists?.some((list) => list.id === chosen) ? chosen : (lists?.[0]?.id ?? null);
  return [current, select];
}
