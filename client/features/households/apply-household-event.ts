import type { QueryClient } from '@tanstack/react-query';
import { EPHEMERAL_EVENT_TYPES, type HouseholdEvent } from '../../../shared/events';
import type { trpc } from '../../lib/trpc';
import { isItemEvent, type ItemStream } from '../shopping/item-stream';
import { categorySavesPending, withMember, withoutMember } from './household-cache';

export type Utils = ReturnType<typeof trpc.useUtils>;

export interface EventSink {
  queryClient: QueryClient;
  utils: Utils;
  /** Shopping's own handling of item events. */
  items: ItemStream;
  /**
   * The event is about data whose first load is still on its way (that load
   * may have been read before this change), or about data the server works
   * out from many changes: either must be fetched again once the burst of
   * events is over.
   */
  refetchSoon(key: string, refetch: () => Promise<unknown>): void;
}

/**
 * Feeds one event of the household stream into the query cache, in place:
 * the event carries the new state, so nothing is refetched, except after
 * `sync:reset`, when the server could not replay what we missed, and for
 * data still loading (see `refetchSoon`).
 */
export function applyHouseholdEvent(event: HouseholdEvent, { queryClient, utils, items, refetchSoon }: EventSink): void {
  const { householdId } = event;
  if ('listId' in event && !utils.shopping.items.getByList.getData({ listId: event.listId })) {
    refetchSoon(`items:${event.listId}`, () => utils.shopping.items.getByList.invalidate({ listId: event.listId }));
  }
  // "Bought lately" is what was ticked and is not back on the list: any change to an item may change it.
  if (isItemEvent(event)) {
    refetchSoon(`recently-checked:${event.listId}`, () => utils.shopping.items.recentlyChecked.invalidate({ listId: event.listId }));
    items.apply(event);
    return;
  }
  if (event.type.startsWith('shopping:list:') && !utils.shopping.lists.getByHousehold.getData({ householdId })) {
    refetchSoon(`lists:${householdId}`, () => utils.shopping.lists.getByHousehold.invalidate({ householdId }));
  }
  // Presence and household:seen are not changes to the household (presence is the first event of every subscription).
  if (event.type.startsWith('household:') && !EPHEMERAL_EVENT_TYPES.has(event.type) && !utils.household.get.getData({ householdId })) {
    refetchSoon(`household:${householdId}`, () => utils.household.get.invalidate({ householdId }));
  }
  switch (event.type) {
    case 'shopping:list:created':
      utils.shopping.lists.getByHousehold.setData({ householdId }, (lists) =>
        lists && !lists.some((list) => list.id === event.list.id) ? [...lists, event.list] : lists,
      );
      return;
    case 'shopping:list:updated':
      utils.shopping.lists.getByHousehold.setData({ householdId }, (lists) =>
        lists?.map((list) => (list.id === event.list.id ? event.list : list)),
      );
      return;
    case 'shopping:list:removed':
      utils.shopping.lists.getByHousehold.setData({ householdId }, (lists) => lists?.filter((list) => list.id !== event.listId));
      return;
    case 'household:member:joined':
      utils.household.get.setData({ householdId }, (household) => household && withMember(household, event.member));
      return;
    case 'household:member:left':
      utils.household.get.setData({ householdId }, (household) => household && withoutMember(household, event.userId));
      // A member merged into another (an earlier sign-in of theirs) hands over their items' bylines without an item event.
      for (const list of utils.shopping.lists.getByHousehold.getData({ householdId }) ?? []) {
        void utils.shopping.items.getByList.invalidate({ listId: list.id });
      }
      return;
    case 'household:updated':
      // Our own moves still on their way are newer than this: the last one's answer brings the server's order.
      utils.household.get.setData(
        { householdId },
        (household) =>
          household && {
            ...event.household,
            categories: categorySavesPending(queryClient, householdId) > 0 ? household.categories : event.household.categories,
            online: household.online,
          },
      );
      utils.me.get.setData(undefined, (me) =>
        me && {
          ...me,
          households: me.households.map((summary) => (summary.id === householdId ? { ...summary, name: event.household.name } : summary)),
        },
      );
      return;
    case 'household:presence':
      utils.household.get.setData({ householdId }, (household) => household && { ...household, online: event.online });
      return;
    case 'sync:reset':
      void refetchHousehold(utils, householdId);
      return;
    case 'household:seen':
    case 'system:notification':
      return;
  }
}

/** Everything we show of a household, fetched again. */
export function refetchHousehold(utils: Utils, householdId: string): Promise<unknown> {
  return Promise.all([
    utils.household.get.invalidate({ householdId }),
    utils.shopping.lists.getByHousehold.invalidate({ householdId }),
    utils.shopping.items.getByList.invalidate(),
    utils.household.activity.invalidate({ householdId }),
  ]);
}
