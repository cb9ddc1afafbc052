import { LIMITS } from '../../../shared/limits';

/** The quantity typed into a field: `null` for blank, `undefined` for something that is not a valid quantity. */
export function parseQuantity(text: string): number | null | undefined {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') return null;
  const value = Number(trimmed);
  if (!Number.isFinite(value) || value <= 0 || value > LIMITS.maxQuantity) return undefined;
  return value;
}

export function formatQuantity(quantity: number | null): string {
  return quantity === null ? '' : `×${Number.isInteger(quantity) ? quantity : quantity.toLocaleString(undefined, { maximumFractionDigits: 2 })}`;
}

export const QUANTITY_HINT = `A number above 0, at most ${LIMITS.maxQuantity}.`;
