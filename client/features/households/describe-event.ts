import type { HouseholdEvent, HouseholdEventOf } from '../../../shared/events';
import { ITEM_FIELDS, type Household, type ItemField, type ShoppingItem } from '../../../shared/types';
import { formatAmount } from '../shopping/quantity';

/**
 * What a description needs to know besides the event. A live notice reads it
 * from the cache before the event is applied; the activity view, describing
 * the past, knows no "before" and leaves those out.
 */
export interface EventContext {
  meId: string;
  /** A member's display name, or a stand-in for someone who has left; `known` is a name the event itself carries. */
  nameOf(userId: string, known?: string): string;
  itemBefore(listId: string, itemId: string): ShoppingItem | undefined;
  listName(listId: string): string | undefined;
  householdBefore(): Household | undefined;
}

/**
 * The one-line notice for a change someone else made ("Sam added milk"), or
 * null for our own changes and for the server's bookkeeping events.
 */
export function describeEvent(event: HouseholdEvent, context: EventContext): string | null {
  if (!event.actorId || event.actorId === context.meId) return null;
  return describeChange(event, context);
}

/**
 * One line for any change, whoever made it. `count` is how many events one
 * action caused together (the activity view's "cleared 6 checked items");
 * a live notice sees them one at a time and leaves it out.
 */
export function describeChange(event: HouseholdEvent, context: EventContext, count?: number): string | null {
  const line = sentence(event, context, count);
  return line && line.charAt(0).toUpperCase() + line.slice(1);
}

function sentence(event: HouseholdEvent, context: EventContext, count: number | undefined): string | null {
  const who = event.actorId ? context.nameOf(event.actorId) : 'someone';
  switch (event.type) {
    case 'shopping:item:added':
      return event.reason === 'restored' ? `${who} brought back ${event.item.name}` : `${who} added ${withAmount(event.item)}`;
    case 'shopping:item:updated':
      return describeUpdate(event, who, context.itemBefore(event.listId, event.item.id));
    case 'shopping:item:removed': {
      const name = event.name ?? context.itemBefore(event.listId, event.itemId)?.name;
      if (event.reason !== 'cleared') return name ? `${who} removed ${name}` : `${who} removed an item`;
      if (count === undefined) return `${who} cleared the checked items`;
      if (count === 1) return name ? `${who} cleared ${name} from the basket` : `${who} cleared 1 checked item`;
      return `${who} cleared ${count} checked items`;
    }
    case 'shopping:list:created':
      return `${who} started a list: ${event.list.name}`;
    case 'shopping:list:updated': {
      const before = context.listName(event.list.id);
      if (before === event.list.name) return null;
      return before ? `${who} renamed ${before} to ${event.list.name}` : `${who} renamed a list to ${event.list.name}`;
    }
    case 'shopping:list:removed': {
      const name = context.listName(event.listId);
      return name ? `${who} removed the list ${name}` : `${who} removed a list`;
    }
    case 'household:member:joined':
      return `${context.nameOf(event.member.id, event.member.displayName)} joined the household`;
    case 'household:member:left':
      return event.reason === 'removed'
        ? `${context.nameOf(event.userId)} was removed from the household`
        : `${context.nameOf(event.userId)} left the household`;
    case 'household:updated':
      return describeHouseholdUpdate(event.household, who, context.householdBefore());
    case 'system:notification':
      return `${who}: ${event.message}`;
    case 'household:presence':
    case 'household:seen':
    case 'sync:reset':
      return null;
  }
}

const withAmount = (item: ShoppingItem) => (item.quantity === null ? item.name : `${formatAmount(item.quantity, item.unit)} ${item.name}`);

/** Names for the fields in a sentence ("changed the note of milk"). */
const FIELD_WORDS: Record<Exclude<ItemField, 'checked'>, string> = { name: 'name', quantity: 'quantity', unit: 'unit', note: 'note', category: 'category' };

function describeUpdate(event: HouseholdEventOf<'shopping:item:updated'>, who: string, before: ShoppingItem | undefined): string {
  const { item } = event;
  // Events from before per-field updates carry no `fields`: tell them from the row we held.
  const fields = event.fields ?? (before ? changedFieldsOf(before, item) : []);
  if (event.merged) {
    const added = item.quantity !== null && before ? item.quantity - (before.quantity ?? 0) : null;
    if (added !== null && added > 0) return `${who} added ${formatAmount(added, item.unit)} more ${item.name}`;
    return fields.includes('quantity') ? `${who} added more ${item.name}` : `${who} added ${item.name} again`;
  }
  if (fields.includes('checked')) return item.checked ? `${who} ticked off ${item.name}` : `${who} put ${item.name} back on the list`;
  if (fields.length === 1 && fields[0] === 'name') return before ? `${who} renamed ${before.name} to ${item.name}` : `${who} renamed an item to ${item.name}`;
  const words = fields.flatMap((field) => (field === 'checked' ? [] : [FIELD_WORDS[field]]));
  if (words.length === 0) return `${who} changed ${item.name}`;
  return `${who} changed the ${joinWords(words)} of ${before?.name ?? item.name}`;
}

function changedFieldsOf(before: ShoppingItem, after: ShoppingItem): ItemField[] {
  return ITEM_FIELDS.filter((field) => before[field] !== after[field]);
}

/** "note", "quantity and note", "name, quantity and note". */
function joinWords(words: string[]): string {
  return words.length < 2 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`;
}

function describeHouseholdUpdate(household: Household, who: string, before: Household | undefined): string | null {
  // The past has no "before" to compare with: say what kind of change it was.
  if (!before) return `${who} changed the household’s settings`;
  if (before.name !== household.name) return `${who} renamed the household to ${household.name}`;
  if (before.categories.join('\n') !== household.categories.join('\n')) return `${who} changed the categories`;
  return null;
}
