import { eq, sql } from 'drizzle-orm';
import { guessCategory } from '../../../shared/category-guesses';
import type { Tx } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { households } from '../../db/schema';
import { rememberedCategory } from './item-memory';

// Built once: on every add of a new name, building it was a tenth of what the mutation path allocated.
const selectCategories = preparedQuery((db) =>
  db
    .select({ categories: households.categories })
    .from(households)
    .where(eq(households.id, sql.placeholder('householdId')))
    .prepare(),
);

/**
 * The category of an add that names none: the one the household gave this
 * name last time, else the usual one for a common item among the household's
 * categories, else none.
 */
export function categoryForAdd(tx: Tx, householdId: string, item: { nameKey: string; name: string }): string | null {
  const remembered = rememberedCategory(tx, householdId, item.nameKey);
  if (remembered !== null) return remembered;
  const household = selectCategories(tx).get({ householdId });
  return household ? guessCategory(item.name, household.categories) : null;
}
