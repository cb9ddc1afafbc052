import { describe, expect, it } from 'vitest';
import { reconnectDelay } from './backoff';

describe('reconnectDelay', () => {
  it('retries at once after a drop, then backs off exponentially up to five seconds, so a server that is back is found soon', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 6, 10].map((attempt) => reconnectDelay(attempt, middle))).toEqual([
      0, 1000, 2000, 4000, 5000, 5000, 5000, 5000,
    ]);
  });

  it('spreads retries by at most 20% either way', () => {
    expect(reconnectDelay(2, () => 0)).toBe(1600);
    expect(reconnectDelay(2, () => 1)).toBe(2400);
  });
});
