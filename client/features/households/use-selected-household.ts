import type { HouseholdSummary } from '../../../shared/types';
import { useRememberedChoice } from '../../lib/use-remembered-choice';

/** The household on screen, remembered per person so a reload opens the same one. */
export function useSelectedHousehold(userId: string, households: HouseholdSummary[]): [string | null, (householdId: string) => void] {
  return useRememberedChoice(`honeydo.household.${userId}`, households);
}
