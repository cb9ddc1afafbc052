import type { Household } from '../../../shared/types';
import { useToasts } from '../../components/toasts';
import { trpc } from '../../lib/trpc';
import { useAnnounceMembershipChange } from './membership-broadcast';

/**
 * Creating or joining a household puts it into `me.get` at once, so the app
 * can switch to it without waiting for a refetch; the refetch follows anyway.
 */
function useRememberHousehold() {
  const utils = trpc.useUtils();
  const announce = useAnnounceMembershipChange();
  return (household: Household, role: 'owner' | 'member') => {
    utils.me.get.setData(undefined, (me) =>
      me && !me.households.some((h) => h.id === household.id)
        ? { ...me, households: [...me.households, { id: household.id, name: household.name, role }] }
        : me,
    );
    void utils.me.get.invalidate();
    announce();
  };
}

export function useCreateHousehold(onCreated: (householdId: string) => void) {
  const remember = useRememberHousehold();
  return trpc.household.create.useMutation({
    onSuccess: (household) => {
      remember(household, 'owner');
      onCreated(household.id);
    },
  });
}

export function useJoinHousehold(onJoined: (householdId: string) => void) {
  const remember = useRememberHousehold();
  const toasts = useToasts();
  return trpc.household.join.useMutation({
    onSuccess: (household) => {
      remember(household, 'member');
      toasts.show(`Welcome to ${household.name}!`);
      onJoined(household.id);
    },
  });
}
