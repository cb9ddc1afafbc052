/** The q-quantile (0..1) of unsorted samples, nearest rank; NaN for none. */
export function quantile(samples: readonly number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function maxOf(samples: readonly number[]): number {
  let max = Number.NaN;
  for (const value of samples) if (!(value <= max)) max = value;
  return max;
}
