import type { QueryClient } from '@tanstack/react-query';
import { createChangeWriter } from '../../lib/change-writer';
import type { ApiClient } from '../../lib/trpc';
import { registerAddDefaults } from './add-item-defaults';
import { registerClearCheckedDefaults } from './clear-checked-defaults';
import { itemOutboxOf } from './item-outbox';
import { itemSendRules } from './item-sending';
import { fetchAgainListsChangedMidFetch } from './list-fetch-races';
import { registerRemoveDefaults } from './remove-item-defaults';
import { resumePendingEdits } from './resume-pending-edits';
import { registerRestoreDefaults } from './restore-items-defaults';
import { registerUpdateDefaults } from './update-item-defaults';

/**
 * The outbox's behaviour for each item mutation, registered as mutation
 * defaults keyed by tRPC's mutation keys: functions are not persisted, so a
 * change restored after a reload gets its `mutationFn` and its cache updates
 * from here. Every change is shown at once (optimistic) and carries the
 * `clientId` it was made with, so a retry is applied once. The server's
 * answer or our own event echo, whichever comes first, settles it
 * (item-sync.ts); a refusal rolls it back and is recorded as unsaved, never
 * dropped silently (item-not-saved.ts). Every change is sent by the
 * person's one writer on this device, which may be another of their tabs
 * (change-writer.ts, item-sending.ts).
 */
export function registerItemMutationDefaults(queryClient: QueryClient, client: ApiClient, userKey: string): { restored(): void; close(): void } {
  const writer = createChangeWriter(`honeydo.writer.v1.${userKey}`, itemSendRules(queryClient, client));
  const outbox = itemOutboxOf(queryClient, client, writer);
  registerAddDefaults(outbox);
  registerUpdateDefaults(outbox);
  registerRemoveDefaults(outbox);
  registerClearCheckedDefaults(outbox);
  registerRestoreDefaults(outbox);
  const stopWatchingFetches = fetchAgainListsChangedMidFetch(queryClient);
  return {
    restored: () => resumePendingEdits(queryClient),
    close: () => {
      stopWatchingFetches();
      writer.close();
    },
  };
}
