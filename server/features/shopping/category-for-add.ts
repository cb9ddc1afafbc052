import { eq } from 'drizzle-orm';
import { guessCategory } from '../../../shared/category-guesses';
import type { Tx } from '../../db/client';
import { households } from '../../db/schema';
import { rememberedCategory } from './item-memory';

/**
 * The category of an add that names none: the one the household gave this
 * name last time, else the usual one for a common item among the household's
 * categories, else none.
 */
export function categoryForAdd(tx: Tx, householdId: string, item: { nameKey: string; name: string }): string | null {
  const remembered = rememberedCategory(tx, householdId, item.nameKey);
  if (remembered !== null) return remembered;
  const household = tx.select({ categories: households.categories }).from(households).where(eq(households.id, householdId)).get();
  return household ? guessCategory(item.name, household.categories) : null;
}
