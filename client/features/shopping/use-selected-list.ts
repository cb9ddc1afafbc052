import type { ShoppingList } from '../../../shared/types';
import { useRememberedChoice } from '../../lib/use-remembered-choice';

/** The list on screen in a household, remembered so a reload opens the same one; falls back to the first. */
export function useSelectedList(householdId: string, lists: ShoppingList[] | undefined): [string | null, (listId: string) => void] {
  return useRememberedChoice(`honeydo.list.${householdId}`, lists);
}
