import { categoryList } from '../../../shared/schemas';

/** The categories with the one at `index` one place earlier (-1) or later (+1); at either end, as they were. */
export function moveCategory(categories: readonly string[], index: number, by: -1 | 1): string[] {
  const moved = [...categories];
  const to = index + by;
  if (index < 0 || index >= moved.length || to < 0 || to >= moved.length) return moved;
  const [category] = moved.splice(index, 1);
  if (category !== undefined) moved.splice(to, 0, category);
  return moved;
}

/** Why the server would refuse these categories (a blank, a duplicate, too many), checked by the same schema; null when it would not. */
export function categoriesProblem(categories: readonly string[]): string | null {
  const result = categoryList.safeParse(categories);
  return result.success ? null : (result.error.issues[0]?.message ?? 'These categories cannot be saved.');
}
