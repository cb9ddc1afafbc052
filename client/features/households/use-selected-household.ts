import type { HouseholdSummary } from '../../../shared/types';
import { useState } from 'react';
import { adoptNoticeHousehold } from '../../lib/notice-target';
import { useRememberedChoice } from '../../lib/use-remembered-choice';

/** The household on screen, remembered per person so a reload opens the same one; a notice's click opens its own. */
export function useSelectedHousehold(userId: string, households: HouseholdSummary[]): [string | null, (householdId: string) => void] {
  const key = `honeydo.household.${userId}`;
  useState(() => adoptNoticeHousehold(key));
  return useRememberedChoice(key, households);
}
