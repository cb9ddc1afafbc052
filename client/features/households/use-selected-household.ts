import { useCallback, useState } from 'react';
import type { HouseholdSummary } from '../../../shared/types';
import { isString, readStored, writeStored } from '../../lib/storage';

/** The household on screen, remembered per person so a reload opens the same one. */
export function useSelectedHousehold(userId: string, households: HouseholdSummary[]): [string | null, (householdId: string) => void] {
  const key = `honeydo.household.${userId}`;
  const [chosen, setChosen] = useState(() => readStored(key, isString));
  const select = useCallback(
    (householdId: string) => {
      setChosen(householdId);
      writeStored(key, householdId);
    },
    [key],
  );
  const current = households.some((household) => household.id === chosen) ? chosen : (households[0]?.id ?? null);
  return [current, select];
}
