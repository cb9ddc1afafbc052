import type { HouseholdEvent } from '../../../shared/events';
import type { ShoppingItem } from '../../../shared/types';

/** What a notice needs to know about the state before the event is applied. */
export interface EventContext {
  meId: string;
  /** A member's display name, or a stand-in for someone who has left. */
  nameOf(userId: string): string;
  itemBefore(listId: string, itemId: string): ShoppingItem | undefined;
  listName(listId: string): string | undefined;
  householdName(): string | undefined;
}

/**
 * The one-line notice for a change someone else made ("Sam added milk"), or
 * null for our own changes and for the server's bookkeeping events.
 */
export function describeEvent(event: HouseholdEvent, context: EventContext): string | null {
  if (!event.actorId || event.actorId === context.meId) return null;
  const who = context.nameOf(event.actorId);
  switch (event.type) {
    case 'shopping:item:added':
      return `${who} added ${event.item.name}`;
    case 'shopping:item:updated': {
      const before = context.itemBefore(event.listId, event.item.id);
      if (before && before.checked !== event.item.checked) {
        return event.item.checked ? `${who} ticked off ${event.item.name}` : `${who} put ${event.item.name} back on the list`;
      }
      return `${who} changed ${event.item.name}`;
    }
    case 'shopping:item:removed': {
      const before = context.itemBefore(event.listId, event.itemId);
      return before ? `${who} removed ${before.name}` : `${who} removed an item`;
    }
    case 'shopping:list:created':
      return `${who} started a list: ${event.list.name}`;
    case 'shopping:list:updated': {
      const before = context.listName(event.list.id);
      return before && before !== event.list.name ? `${who} renamed ${before} to ${event.list.name}` : null;
    }
    case 'shopping:list:removed': {
      const name = context.listName(event.listId);
      return name ? `${who} removed the list ${name}` : `${who} removed a list`;
    }
    case 'household:member:joined':
      return `${event.member.displayName} joined the household`;
    case 'household:member:left':
      return event.reason === 'removed'
        ? `${context.nameOf(event.userId)} was removed from the household`
        : `${context.nameOf(event.userId)} left the household`;
    case 'household:updated': {
      const before = context.householdName();
      return before && before !== event.household.name ? `${who} renamed the household to ${event.household.name}` : null;
    }
    case 'system:notification':
      return `${who}: ${event.message}`;
    default:
      return null;
  }
}
