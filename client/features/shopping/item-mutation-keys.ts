import type { MutationKey } from '@tanstack/react-query';
import { getMutationKey } from '@trpc/react-query';
import type { RouterInputs, RouterOutputs } from '../../../shared/api';
import { trpc } from '../../lib/trpc';

export type ItemInputs = RouterInputs['shopping']['items'];
export type ItemOutputs = RouterOutputs['shopping']['items'];
export type ItemMutation = 'add' | 'update' | 'remove' | 'clearChecked' | 'restore';

/** tRPC's key of each item mutation: a queued change finds its defaults by it, also after a reload. */
export const ITEM_MUTATION_KEYS: Record<ItemMutation, MutationKey> = {
  add: getMutationKey(trpc.shopping.items.add),
  update: getMutationKey(trpc.shopping.items.update),
  remove: getMutationKey(trpc.shopping.items.remove),
  clearChecked: getMutationKey(trpc.shopping.items.clearChecked),
  restore: getMutationKey(trpc.shopping.items.restore),
};
