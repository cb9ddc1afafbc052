import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useToasts } from '../../components/toasts';
import { describeError, errorCode } from '../../lib/api-errors';
import { trpc } from '../../lib/trpc';
import { useSession } from '../../lib/session';
import { thisDevice } from '../../lib/this-device';
import { itemStreamOf } from '../shopping/item-stream';
import { addToActivity } from './activity-cache';
import { applyHouseholdEvent, refetchHousehold, type EventSink, type Utils } from './apply-household-event';
import { createAppliedReporter } from './applied-reporter';
import type { EventContext } from './describe-event';
import { createNoticeFeed } from './household-notices';
import { loadLastEventId, saveLastEventId } from './last-event-id';
import { createRefetchBatch } from './refetch-batch';

/**
 * The one `events.household` subscription of the open household. Every event
 * goes straight into the query cache; changes by others also become a short
 * notice, one per member's burst of changes (`notice-groups.ts`). The wsLink resends the last id on reconnect, so a dropped
 * connection resumes without a gap; the id is also stored for a reload, and
 * reported to the household, so members see that this device has their changes.
 */
export function useHouseholdEvents(householdId: string, meId: string, onLostAccess: (message: string) => void): void {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const session = useSession();
  const latest = useRef({ toasts, session, onLostAccess });
  useEffect(() => {
    latest.current = { toasts, session, onLostAccess };
  });

  useEffect(() => {
    const refetches = createRefetchBatch();
    const sink: EventSink = { queryClient, utils, items: itemStreamOf(queryClient, utils.client, meId), refetchSoon: refetches.add };
    const reporter = createAppliedReporter((lastEventId) => utils.client.events.applied.mutate({ householdId, ...thisDevice(), lastEventId }));
    const resumeFrom = loadLastEventId(queryClient, householdId);
    // Events before the first presence snapshot are a replay of what this
    // page missed before it loaded: applied, but not announced one by one.
    let replaying = true;
    const notices = createNoticeFeed();
    const subscription = utils.client.events.household.subscribe(
      { householdId, lastEventId: resumeFrom },
      {
        onData({ id, data: event }) {
          const context = eventContext(utils, householdId, meId);
          const notice = replaying ? null : notices.noticeOf(event, context, Date.now());
          sink.items.delivered(id, event);
          applyHouseholdEvent(event, sink);
          reporter.applied(id);
          addToActivity(queryClient, householdId, id, event, sink.refetchSoon);
          // After the event's changes: the cache is stored with the id only once it holds them.
          saveLastEventId(queryClient, householdId, id);
          if (event.type === 'household:presence' && replaying) {
            replaying = false;
            // Without a resume point, a change that landed between our first
            // fetches and this subscription's start would be missed: one
            // refetch closes that window.
            if (resumeFrom === null) void refetchHousehold(utils, householdId);
          }
          if (notice) latest.current.toasts.show(notice.line, 'info', { key: notice.key });
        },
        onError(error) {
          const code = errorCode(error);
          if (code === 'UNAUTHORIZED') latest.current.session.endSession('Your session has ended. Sign in again to continue.');
          else if (code === 'FORBIDDEN' || code === 'NOT_FOUND') latest.current.onLostAccess(error.message);
          else latest.current.toasts.show(`Live updates stopped: ${describeError(error)} Reload the page to try again.`, 'error');
        },
      },
    );
    return () => {
      subscription.unsubscribe();
      refetches.cancel();
      reporter.stop();
    };
  }, [householdId, meId, utils, queryClient]);
}

/** What a notice needs to know, read from the cache before the event changes it. */
function eventContext(utils: Utils, householdId: string, meId: string): EventContext {
  const household = utils.household.get.getData({ householdId });
  return {
    meId,
    nameOf: (userId, known) => household?.members.find((member) => member.id === userId)?.displayName ?? known ?? 'Someone',
    itemBefore: (listId, itemId) => utils.shopping.items.getByList.getData({ listId })?.find((item) => item.id === itemId),
    listName: (listId) => utils.shopping.lists.getByHousehold.getData({ householdId })?.find((list) => list.id === listId)?.name,
    householdBefore: () => household,
  };
}
