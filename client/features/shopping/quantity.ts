import { LIMITS } from '../../../shared/limits';

/** The quantity typed into a field: `null` for blank, `undefined` for something that is not a valid quantity. */
export function parseQuantity(text: string): number | null | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value <= 0 || value > LIMITS.maxQuantity) return undefined;
  return value;
}

/** An amount in words: "2 l", "0.5 kg", or just "2" for a plain count. */
export function formatAmount(quantity: number, unit: string | null): string {
  const number = Number.isInteger(quantity) ? String(quantity) : quantity.toLocaleString(undefined, { maximumFractionDigits: 2 });
  return unit ? `${number} ${unit}` : number;
}

/** How an amount shows on a row: "2 l" with a unit, "×2" for a plain count, nothing without a quantity. */
export function formatQuantity(quantity: number | null, unit: string | null = null): string {
  if (quantity === null) return '';
  return unit ? formatAmount(quantity, unit) : `×${formatAmount(quantity, null)}`;
}

export const QUANTITY_HINT = `A number above 0, at most ${LIMITS.maxQuantity}.`;
