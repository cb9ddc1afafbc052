import type { HouseholdWithPresence } from '../../../shared/types';
import { Avatar } from '../../components/avatar';
import { EmptyState } from '../../components/empty-state';
import { FormError } from '../../components/form-error';
import { PanelError } from '../../components/panel-error';
import { Spinner } from '../../components/spinner';
import { timeAgo } from '../../components/time-ago';
import { useNow } from '../../components/use-now';
import { describeError } from '../../lib/api-errors';
import { describeChange, type EventContext } from './describe-event';
import { useHouseholdActivity } from './use-household-activity';

/** "2 min ago" moves on while the view is open. */
const CLOCK_TICK_MS = 30_000;

/**
 * Who did what in the household, newest first ("Sam added milk · 2 min
 * ago"), live as it happens, with older pages on request. A "clear checked"
 * is one line however many items it took.
 */
export function ActivityFeed({ household, meId }: { household: HouseholdWithPresence; meId: string }) {
  const activity = useHouseholdActivity(household.id);
  const now = useNow(CLOCK_TICK_MS);

  if (activity.isPending) {
    return (
      <div className="list-view__status" role="status">
        <Spinner size="small" />
        {activity.fetchStatus === 'paused' ? 'Waiting for a connection to load the activity…' : 'Loading the activity…'}
      </div>
    );
  }
  if (activity.isLoadingError) return <PanelError error={activity.error} onRetry={() => void activity.refetch()} />;

  const context = pastContext(household, meId);
  const lines = activity.data.pages
    .flatMap((page) => page.entries)
    .flatMap((entry) => {
      const text = describeChange(entry.event, context, entry.count);
      return text ? [{ ...entry, text }] : [];
    });
  // Older pages may hold what can be described: "Load older" stays within reach.
  if (lines.length === 0 && !activity.hasNextPage) {
    return <EmptyState title="Nothing has happened yet">What anyone adds, ticks off or changes shows up here.</EmptyState>;
  }

  return (
    <div className="activity">
      <ol className="activity__entries" aria-label="Activity, newest first">
        {lines.map(({ id, event, text }) => {
          const member = household.members.find((candidate) => candidate.id === event.actorId);
          return (
            <li key={id} className="activity__entry">
              {member ? <Avatar id={member.id} name={member.displayName} size="small" /> : <span className="activity__no-avatar" aria-hidden="true" />}
              <p className="activity__line">
                {text}
                <span aria-hidden="true"> · </span>
                <time className="activity__time" dateTime={event.at} title={new Date(event.at).toLocaleString()}>
                  {timeAgo(event.at, now)}
                </time>
              </p>
            </li>
          );
        })}
      </ol>
      {activity.hasNextPage && (
        <button type="button" className="button button--block" disabled={activity.isFetchingNextPage} onClick={() => void activity.fetchNextPage()}>
          {activity.isFetchingNextPage ? 'Loading…' : 'Load older'}
        </button>
      )}
      <FormError message={activity.isFetchNextPageError ? describeError(activity.error) : null} />
    </div>
  );
}

/**
 * Describing the past: "you" for the viewer, "a former member" for someone
 * who has left, and no "before" to compare with (the cache holds the present).
 */
function pastContext(household: HouseholdWithPresence, meId: string): EventContext {
  return {
    meId,
    nameOf: (userId) => (userId === meId ? 'you' : (household.members.find((member) => member.id === userId)?.displayName ?? 'a former member')),
    itemBefore: () => undefined,
    listName: () => undefined,
    householdBefore: () => undefined,
  };
}
