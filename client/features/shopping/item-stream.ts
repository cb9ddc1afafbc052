import type { QueryClient } from '@tanstack/react-query';
import type { HouseholdEvent } from '../../../shared/events';
import { createQueryUtils, type ApiClient } from '../../lib/trpc';
import { cachedListsOf } from './cached-lists';
import { itemSyncOf } from './item-sync';
import { lastItemChangesOf } from './last-item-changes';
import { removersOf } from './removers';
import { seenByOf } from './seen-by';

export type ItemEvent = Extract<HouseholdEvent, { type: `shopping:item:${string}` }>;

export const isItemEvent = (event: HouseholdEvent): event is ItemEvent => event.type.startsWith('shopping:item:');

export interface ItemStream {
  apply(event: ItemEvent): void;
  /** Every envelope of the stream, in order: what tells which devices have our changes. */
  delivered(id: string, event: HouseholdEvent): void;
}

/**
 * What shopping does with the household stream's item events: the cached
 * lists take the new state in place, through the same sync as the answers to
 * our own changes.
 */
export function itemStreamOf(queryClient: QueryClient, client: ApiClient, meId: string): ItemStream {
  const sync = itemSyncOf(queryClient, cachedListsOf(queryClient, createQueryUtils(queryClient, client)));
  const lastChanges = lastItemChangesOf(queryClient);
  const removers = removersOf(queryClient);
  const seenBy = seenByOf(queryClient);
  return {
    apply(event) {
      switch (event.type) {
        case 'shopping:item:added':
          return sync.added(event.item, event.clientId, false);
        case 'shopping:item:updated':
          if (event.fields) lastChanges.set(event.item.id, event.fields);
          return sync.updated(event.item, event.clientId, false);
        case 'shopping:item:removed':
          if (event.actorId) removers.set(event.itemId, event.actorId);
          return sync.removed(event.listId, event.itemId);
      }
    },
    delivered(id, event) {
      seenBy.arrived(event.householdId, id);
      if (isItemEvent(event)) {
        const itemId = event.type === 'shopping:item:removed' ? event.itemId : event.item.id;
        seenBy.changed({ itemId, householdId: event.householdId, eventId: id, at: Date.parse(event.at), mine: event.actorId === meId });
      } else if (event.type === 'household:seen' && event.actorId !== null) {
        seenBy.reported({ ...event, userId: event.actorId });
      }
    },
  };
}
