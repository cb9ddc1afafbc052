import { useEffect } from 'react';
import { trpc } from '../../lib/trpc';
import { useSession } from '../../lib/session';

const channelName = (userKey: string) => `honeydo.membership.${userKey}`;

/**
 * A join, a new household or a leave in one tab is news to the person's
 * other tabs: a tab with no household yet has no event stream that would
 * tell it. Older browsers without BroadcastChannel learn on their next load.
 */
export function useAnnounceMembershipChange(): () => void {
  const { userKey } = useSession();
  return () => {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(channelName(userKey));
    channel.postMessage('changed');
    channel.close();
  };
}

/** Asks the server for the person's households again whenever another tab of theirs joined, created or left one. */
export function useMembershipChangesFromOtherTabs(): void {
  const { userKey } = useSession();
  const utils = trpc.useUtils();
  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(channelName(userKey));
    channel.onmessage = () => void utils.me.get.invalidate();
    return () => channel.close();
  }, [userKey, utils]);
}
