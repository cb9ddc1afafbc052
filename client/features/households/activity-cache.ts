import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { sameClear } from '../../../shared/activity';
import type { RouterOutputs } from '../../../shared/api';
import { EPHEMERAL_EVENT_TYPES, type HouseholdEvent } from '../../../shared/events';
import { trpc } from '../../lib/trpc';
import type { EventSink } from './apply-household-event';

type ActivityPage = RouterOutputs['household']['activity'];
/** The pages of `household.activity`, newest first; each page param is the `before` it was read with. */
export type ActivityData = InfiniteData<ActivityPage, string | null>;

/** Under tRPC's own key for the procedure, so `utils.household.activity.invalidate()` reaches it too. */
export const activityQueryKey = (householdId: string) => getQueryKey(trpc.household.activity, { householdId }, 'infinite');

/**
 * The activity with a live event on top. An event the first page already
 * holds (a replay after a reconnect) changes nothing; a removal that belongs
 * to the same "clear checked" as the entry on top joins it, as the server
 * groups them.
 */
export function withLiveEvent(data: ActivityData, id: string, event: HouseholdEvent): ActivityData {
  const [first, ...older] = data.pages;
  if (!first || EPHEMERAL_EVENT_TYPES.has(event.type)) return data;
  const [newest, ...rest] = first.entries;
  if (newest && Number(id) <= Number(newest.id)) return data;
  const entries =
    newest && sameClear(newest.event, event) ? [{ id, event, count: newest.count + 1 }, ...rest] : [{ id, event, count: 1 }, ...first.entries];
  return { ...data, pages: [{ ...first, entries }, ...older] };
}

/**
 * Feeds one event of the household stream into its activity. An activity
 * still on its first load may have been read before the event: it is read
 * again once the burst of events is over.
 */
export function addToActivity(queryClient: QueryClient, householdId: string, id: string, event: HouseholdEvent, refetchSoon: EventSink['refetchSoon']): void {
  const queryKey = activityQueryKey(householdId);
  const query = queryClient.getQueryState<ActivityData>(queryKey);
  // With no query at all, nobody has asked for the activity yet: its first load will hold the event.
  if (query && query.data === undefined && !EPHEMERAL_EVENT_TYPES.has(event.type)) {
    refetchSoon(`activity:${householdId}`, () => queryClient.invalidateQueries({ queryKey, exact: true }));
  }
  queryClient.setQueryData<ActivityData>(queryKey, (data) => data && withLiveEvent(data, id, event));
}
