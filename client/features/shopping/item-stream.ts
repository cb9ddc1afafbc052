import type { QueryClient } from '@tanstack/react-query';
import type { HouseholdEvent } from '../../../shared/events';
import { createQueryUtils, type ApiClient } from '../../lib/trpc';
import { cachedListsOf } from './cached-lists';
import { itemSyncOf } from './item-sync';
import { lastItemChangesOf } from './last-item-changes';
import { removersOf } from './removers';

export type ItemEvent = Extract<HouseholdEvent, { type: `shopping:item:${string}` }>;

export const isItemEvent = (event: HouseholdEvent): event is ItemEvent => event.type.startsWith('shopping:item:');

export interface ItemStream {
  apply(event: ItemEvent): void;
}

/**
 * What shopping does with the household stream's item events: the cached
 * lists take the new state in place, through the same sync as the answers to
 * our own changes.
 */
export function itemStreamOf(queryClient: QueryClient, client: ApiClient): ItemStream {
  const sync = itemSyncOf(queryClient, cachedListsOf(queryClient, createQueryUtils(queryClient, client)));
  const lastChanges = lastItemChangesOf(queryClient);
  const removers = removersOf(queryClient);
  return {
    apply(event) {
      switch (event.type) {
        case 'shopping:item:added':
          return sync.added(event.item, event.clientId, false);
        case 'shopping:item:updated':
          if (event.fields) lastChanges.set(event.item.id, event.fields);
          return sync.updated(event.item, event.clientId);
        case 'shopping:item:removed':
          if (event.actorId) removers.set(event.itemId, event.actorId);
          return sync.removed(event.listId, event.itemId);
      }
    },
  };
}
