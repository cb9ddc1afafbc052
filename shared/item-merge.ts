/** How much of an item: a quantity, and what it counts in (`null`: a plain count). */
export interface Amount {
  quantity: number | null;
  unit: string | null;
}

/**
 * Whether an add of `incoming` can join `existing`, an unticked row of the
 * same name: quantities add up only in the same unit, and an amount can
 * always join a row that has none (or be left out). "2 l milk" onto
 * "500 ml milk" cannot: it gets a row of its own. The server merges by this
 * rule, and the app says beforehand what an add will do by it.
 */
export function addsUpWith(existing: Amount, incoming: Amount): boolean {
  if (existing.quantity === null || incoming.quantity === null) return true;
  return (existing.unit ?? '').toLowerCase() === (incoming.unit ?? '').toLowerCase();
}
