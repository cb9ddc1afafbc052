import { useEffect, useState } from 'react';
import type { RouterOutputs } from '../../../shared/api';
import { AppHeader } from '../../components/app-header';
import { FullPageStatus } from '../../components/full-page-status';
import { Logo } from '../../components/logo';
import { describeError } from '../../lib/api-errors';
import { inviteCodeFromPath, usePathname } from '../../lib/location';
import { trpc } from '../../lib/trpc';
import { AccountMenu } from '../auth/account-menu';
import { useSession } from '../../lib/session';
import { HouseholdScreen } from './household-screen';
import { JoinInvite } from './join-invite';
import { useMembershipChangesFromOtherTabs } from './membership-broadcast';
import { Onboarding } from './onboarding';
import { useSelectedHousehold } from './use-selected-household';

type Me = RouterOutputs['me']['get'];

/** The signed-in app: onboarding until you belong to a household, then its lists. */
export function Home() {
  // What was restored from storage may predate a join in another tab (or on
  // another device): it is always checked with the server when the app starts.
  const me = trpc.me.get.useQuery(undefined, { staleTime: 60_000, refetchOnMount: 'always' });
  useMembershipChangesFromOtherTabs();
  const [openedAt] = useState(Date.now);
  // Stored households are good enough to open the list offline, but "you have
  // none" is only said once the server agrees, or cannot be asked (offline).
  const unconfirmedNone = me.data?.households.length === 0 && me.dataUpdatedAt < openedAt && me.fetchStatus !== 'paused';
  if (me.isPending) return <FullPageStatus message="Loading your households…" />;
  if (me.isError) return <FullPageStatus error={describeError(me.error)} onRetry={() => void me.refetch()} />;
  if (unconfirmedNone) return <FullPageStatus message="Loading your households…" />;
  return <SignedInHome me={me.data} />;
}

function SignedInHome({ me }: { me: Me }) {
  const [currentId, select] = useSelectedHousehold(me.user.id, me.households);
  const [adding, setAdding] = useState(false);
  const invite = inviteCodeFromPath(usePathname());
  useAdoptSuggestedName(me.user.displayName);

  const done = (householdId: string) => {
    select(householdId);
    setAdding(false);
  };

  if (invite || adding || !currentId) {
    return (
      <div className="app">
        <AppHeader
          title={
            <span className="brand">
              <Logo /> HoneyDo
            </span>
          }
          account={<AccountMenu user={me.user} />}
        />
        {invite ? (
          <JoinInvite code={invite} onJoined={done} />
        ) : (
          <Onboarding user={me.user} onDone={done} onCancel={currentId ? () => setAdding(false) : undefined} />
        )}
      </div>
    );
  }
  return <HouseholdScreen key={currentId} householdId={currentId} me={me} onSwitch={select} onAddHousehold={() => setAdding(true)} />;
}

/** The server calls a first-time Clerk user "New member"; use the name Clerk knows instead. */
function useAdoptSuggestedName(displayName: string) {
  const { suggestedName } = useSession();
  const utils = trpc.useUtils();
  const update = trpc.me.update.useMutation({
    onSuccess: (user) => utils.me.get.setData(undefined, (me) => me && { ...me, user }),
  });
  const shouldAdopt = displayName === 'New member' && !!suggestedName && suggestedName !== displayName;
  const { mutate, isIdle } = update;
  useEffect(() => {
    if (shouldAdopt && suggestedName && isIdle) mutate({ displayName: suggestedName });
  }, [shouldAdopt, suggestedName, isIdle, mutate]);
}
