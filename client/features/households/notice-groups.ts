import type { HouseholdEvent } from '../../../shared/events';
import { nameList } from '../../../shared/name-list';
import type { EventContext } from './describe-event';

/**
 * Changes of one kind one member makes in quick succession (putting away the
 * shopping, typing in a list) share one notice, updated in place, instead of
 * a stack that buries the screen. Kinds are not mixed: "Sam added milk" then
 * "Sam added 2 l more milk" stay two notices that each say something, rather
 * than one "Sam made 2 changes". A change joins its group when it comes
 * within this long of the group's last one; the notice stays up about as
 * long, so a group ends when its notice has gone.
 */
export const GROUP_WINDOW_MS = 4000;

/**
 * What kind of change a grouped notice can count; another change to an item
 * is just "a change". A clear of the basket is one action however many
 * items it took (one event each): its items make one `cleared` notice. News
 * of another sort (a member joined, a new list) is `alone`: never folded
 * into a count of changes.
 */
type Kind = 'added' | 'ticked' | 'removed' | 'cleared' | 'other' | 'alone';

export interface NoticeChange {
  actorId: string;
  /** The change's own line, shown while it is the only one ("Sam added 2 l milk"). */
  line: string;
  kind: Kind;
  /** The item's name, for a list of added items. */
  itemName: string | null;
  /** When it arrived, in ms. */
  at: number;
}

export interface NoticeGroup {
  actorId: string;
  changes: NoticeChange[];
}

/** Which open group a change may join: the same member's, of the same kind. */
export const groupSlot = (change: NoticeChange): string => `${change.actorId}:${change.kind}`;

/** The group `change` belongs to: `current` (the open group of its slot) grown by it, or a new one. */
export function groupChange(current: NoticeGroup | undefined, change: NoticeChange): NoticeGroup {
  const last = current?.changes.at(-1);
  const joins = current?.actorId === change.actorId && last?.kind === change.kind && change.kind !== 'alone';
  if (!current || !joins || change.at - last.at > GROUP_WINDOW_MS) {
    return { actorId: change.actorId, changes: [change] };
  }
  return { actorId: current.actorId, changes: [...current.changes, change] };
}

/**
 * The key of the group's notice, so the notice is updated in place while the
 * group grows. Its slot and start: changes that arrive in one frame start
 * groups in the same millisecond, but a slot starts a new group only after
 * a pause.
 */
export function groupKey(group: NoticeGroup): string {
  const [first] = group.changes;
  return first ? `news:${groupSlot(first)}:${first.at}` : `news:${group.actorId}`;
}

/** The group's notice: "Sam added milk, eggs and 2 more", "Sam ticked 3 items", "Sam made 4 changes" (to items). */
export function groupLine(group: NoticeGroup, who: string): string {
  const { changes } = group;
  const [first] = changes;
  if (!first) return '';
  if (changes.length === 1) return first.line;
  switch (first.kind) {
    case 'added':
      return `${who} added ${nameList(changes.map((change) => change.itemName ?? 'an item'))}`;
    case 'ticked':
      return `${who} ticked ${changes.length} items`;
    case 'removed':
      return `${who} removed ${changes.length} items`;
    case 'cleared':
      return first.line;
    case 'other':
    case 'alone':
      return `${who} made ${changes.length} changes`;
  }
}

/** How a change counts in a group, read from its event (the removed item's name from the cache before it). */
export function noticeChangeOf(event: HouseholdEvent, context: EventContext, line: string, at: number): NoticeChange | null {
  if (!event.actorId) return null;
  const change = { actorId: event.actorId, line, at };
  if (event.type === 'shopping:item:added' && event.reason !== 'restored') return { ...change, kind: 'added', itemName: event.item.name };
  if (event.type === 'shopping:item:updated' && event.fields?.includes('checked') && event.item.checked) {
    return { ...change, kind: 'ticked', itemName: event.item.name };
  }
  if (event.type === 'shopping:item:removed') {
    if (event.reason === 'cleared') return { ...change, kind: 'cleared', itemName: null };
    return { ...change, kind: 'removed', itemName: event.name ?? context.itemBefore(event.listId, event.itemId)?.name ?? null };
  }
  return { ...change, kind: event.type.startsWith('shopping:item:') ? 'other' : 'alone', itemName: null };
}
