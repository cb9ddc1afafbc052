import type { HouseholdEvent } from '../../../shared/events';
import { describeEvent, type EventContext } from './describe-event';
import { groupChange, groupKey, groupLine, groupSlot, noticeChangeOf, type NoticeGroup } from './notice-groups';

export interface Notice {
  line: string;
  /** A notice with the same key replaces the one on screen: its group grew. */
  key: string;
}

/**
 * The notices of one household stream: changes by others, one notice per
 * member's burst of one kind of change (notice-groups.ts). `context` is read
 * before the event reaches the cache.
 */
export function createNoticeFeed(): { noticeOf(event: HouseholdEvent, context: EventContext, at: number): Notice | null } {
  const groups = new Map<string, NoticeGroup>();
  return {
    noticeOf(event, context, at) {
      const line = describeEvent(event, context);
      const change = line === null ? null : noticeChangeOf(event, context, line, at);
      if (!change) return null;
      const group = groupChange(groups.get(groupSlot(change)), change);
      groups.set(groupSlot(change), group);
      return { line: groupLine(group, context.nameOf(change.actorId)), key: groupKey(group) };
    },
  };
}
