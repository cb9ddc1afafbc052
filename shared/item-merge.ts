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

/**
 * What an add brings to the row it joins: its own amount, except that a name
 * added again without a quantity onto a plain count is one more ("2
 * cucumbers", then "cucumbers": 3). Onto a row in a unit it brings nothing:
 * "milk" says nothing about how many litres.
 */
export function amountAdded(existing: Amount, incoming: Amount): Amount {
  if (incoming.quantity === null && existing.quantity !== null && existing.unit === null) return { quantity: 1, unit: null };
  return incoming;
}
