import { addsUpWith, amountAdded } from '../../../shared/item-merge';
import { LIMITS } from '../../../shared/limits';
import type { ItemRow } from './shopping-access';
import { DomainError } from '../../domain-error';

export interface IncomingItem {
  quantity: number | null;
  unit: string | null;
  note: string | null;
  category: string | null;
}

export type MergeChanges = Partial<Pick<ItemRow, 'quantity' | 'unit' | 'note' | 'category'>>;

/**
 * What adding `incoming` to an unticked item of the same name changes, or
 * `null` when the two cannot be one row ("2 l milk" onto "500 ml milk": the
 * quantities do not add up, so the add gets a row of its own).
 *
 * Quantities add up when both have one in the same unit; a quantity joins an
 * item that had none; a bare name onto a plain count is one more; a note or
 * category fills a blank, never overwrites.
 */
export function mergeChanges(existing: ItemRow, incoming: IncomingItem): MergeChanges | null {
  if (!addsUpWith(existing, incoming)) return null;
  const changes: MergeChanges = {};
  const added = amountAdded(existing, incoming);
  if (added.quantity !== null) {
    if (existing.quantity === null) {
      changes.quantity = added.quantity;
      changes.unit = added.unit;
    } else {
      changes.quantity = existing.quantity + added.quantity;
      if (changes.quantity > LIMITS.maxQuantity) {
        throw new DomainError('invalid', `The list already has ${existing.quantity} of that; together it would be more than ${LIMITS.maxQuantity}.`);
      }
    }
  }
  if (incoming.note && !existing.note) changes.note = incoming.note;
  if (incoming.category && !existing.category) changes.category = incoming.category;
  return changes;
}
