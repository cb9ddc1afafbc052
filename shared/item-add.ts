/** What an add keeps of the amount and note it was given. */
export interface AddedDetails {
  quantity: number | null;
  unit: string | null;
  note: string | null;
}

/**
 * An add's amount and note as they are stored: a unit only with a quantity
 * (a bare "l" says nothing about how much), and a blank note as none. The
 * server stores an add by this rule, and the app shows its not-yet-confirmed
 * item by it, so the confirmation changes nothing the member sees.
 */
export function addedDetails(input: { quantity?: number | null; unit?: string | null; note?: string | null }): AddedDetails {
  const quantity = input.quantity ?? null;
  return {
    quantity,
    unit: quantity === null ? null : input.unit?.trim() || null,
    note: input.note?.trim() || null,
  };
}
