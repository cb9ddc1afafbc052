/**
 * Size limits both sides agree on: the server enforces them through the zod
 * inputs in `schemas.ts`, the SPA uses them for `maxLength` on its fields.
 */
export const LIMITS = {
  displayName: 60,
  householdName: 80,
  listName: 80,
  itemName: 120,
  itemNote: 500,
  unit: 12,
  categoryName: 40,
  categoriesPerHousehold: 30,
  /** Items one undo can bring back (a "clear checked" of a full list). */
  restoreBatch: 1000,
  suggestions: 20,
  activityPage: 100,
  notification: 280,
  maxQuantity: 9999,
  inviteCode: 32,
  clientId: 64,
  id: 64,
} as const;
