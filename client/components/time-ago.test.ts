import { describe, expect, it } from 'vitest';
import { timeAgo } from './time-ago';

const now = Date.parse('2030-03-10T12:00:00.000Z');
const before = (ms: number) => new Date(now - ms).toISOString();
const MINUTE = 60_000;

describe('how long ago', () => {
  it('counts in the largest whole unit', () => {
    expect(timeAgo(before(10_000), now)).toBe('just now');
    expect(timeAgo(before(50_000), now)).toBe('1 min ago');
    expect(timeAgo(before(2 * MINUTE + 40_000), now)).toBe('2 min ago');
    expect(timeAgo(before(59 * MINUTE + 59_000), now)).toBe('59 min ago');
    expect(timeAgo(before(3 * 60 * MINUTE), now)).toBe('3 h ago');
    expect(timeAgo(before(25 * 60 * MINUTE), now)).toBe('1 day ago');
    expect(timeAgo(before(3 * 24 * 60 * MINUTE), now)).toBe('3 days ago');
  });

  it('gives the date after a week, and "just now" for a clock slightly ahead of ours', () => {
    expect(timeAgo(before(10 * 24 * 60 * MINUTE), now)).toMatch(/^(Feb 28|28 Feb)$/);
    expect(timeAgo(new Date(now + 5000).toISOString(), now)).toBe('just now');
  });
});
