import { useEffect, useState } from 'react';
import type { RouterOutputs } from '../../../shared/api';
import { AppHeader } from '../../components/app-header';
import { Dialog } from '../../components/dialog';
import { FormError } from '../../components/form-error';
import { PanelError } from '../../components/panel-error';
import { useToasts } from '../../components/toasts';
import { describeError } from '../../lib/api-errors';
import { trpc } from '../../lib/trpc';
import { AccountMenu } from '../auth/account-menu';
import { ListTabs } from '../shopping/list-tabs';
import { ShoppingListView } from '../shopping/shopping-list-view';
import { useSelectedList } from '../shopping/use-selected-list';
import { ActivityFeed } from './activity-feed';
import { EarlierSignInOffer } from './earlier-sign-in-offer';
import { HouseholdDialog } from './household-dialog';
import { HouseholdSwitcher } from './household-switcher';
import { MembersPanel } from './members-panel';
import { useHouseholdEvents } from './use-household-events';

type Me = RouterOutputs['me']['get'];

/** One household: its members, its lists, and the open list, kept live by the household's event stream. */
export function HouseholdScreen({
  householdId,
  me,
  onSwitch,
  onAddHousehold,
}: {
  householdId: string;
  me: Me;
  onSwitch: (householdId: string) => void;
  onAddHousehold: () => void;
}) {
  const utils = trpc.useUtils();
  const toasts = useToasts();
  const [managing, setManaging] = useState(false);
  const [showingActivity, setShowingActivity] = useState(false);
  const household = trpc.household.get.useQuery({ householdId });
  const lists = trpc.shopping.lists.getByHousehold.useQuery({ householdId });
  const [listId, selectList] = useSelectedList(householdId, lists.data);

  // Removed from the household (or left it in another tab): drop it and move on.
  const leave = (message?: string) => {
    setManaging(false);
    setShowingActivity(false);
    utils.me.get.setData(undefined, (old) => old && { ...old, households: old.households.filter((h) => h.id !== householdId) });
    void utils.me.get.invalidate();
    if (message) toasts.show(message);
  };
  useHouseholdEvents(householdId, me.user.id, leave);

  const role = me.households.find((h) => h.id === householdId)?.role;
  const name = household.data?.name;
  useEffect(() => {
    document.title = name ? `${name} · HoneyDo` : 'HoneyDo';
  }, [name]);

  return (
    <div className="app">
      <AppHeader
        title={<HouseholdSwitcher households={me.households} currentId={householdId} onSwitch={onSwitch} onAdd={onAddHousehold} />}
        account={<AccountMenu user={me.user} />}
      />
      <div className="layout">
        <aside className="layout__side">
          {household.data ? (
            <MembersPanel
              household={household.data}
              meId={me.user.id}
              onManage={() => setManaging(true)}
              onShowActivity={() => setShowingActivity(true)}
            />
          ) : household.isError ? (
            <FormError message={describeError(household.error)} />
          ) : (
            <div className="members members--loading" aria-hidden="true" />
          )}
        </aside>
        <main className="layout__main">
          {household.data && <EarlierSignInOffer household={household.data} me={me.user} />}
          {lists.isError ? (
            <PanelError error={lists.error} onRetry={() => void lists.refetch()} />
          ) : (
            <ListTabs householdId={householdId} lists={lists.data} currentId={listId} onSelect={selectList} />
          )}
          {listId && (
            <ShoppingListView
              key={listId}
              listId={listId}
              meId={me.user.id}
              members={household.data?.members ?? []}
              categories={household.data?.categories ?? []}
            />
          )}
        </main>
      </div>
      {managing && household.data && (
        <HouseholdDialog household={household.data} isOwner={role === 'owner'} onClose={() => setManaging(false)} onLeft={() => leave()} />
      )}
      {showingActivity && household.data && (
        <Dialog title="Activity" onClose={() => setShowingActivity(false)}>
          <ActivityFeed household={household.data} meId={me.user.id} />
        </Dialog>
      )}
    </div>
  );
}
