import { describe, expect, it } from 'vitest';
import { seenByLine } from './seen-by-line';

const nameOf = (userId: string) => ({ sam: 'Sam', jo: 'Jo' }[userId] ?? 'a former member');

describe('the line that says who has a change of yours', () => {
  it('names each device once, by its member and its kind', () => {
    expect(seenByLine([{ userId: 'sam', deviceId: 'a', device: 'phone' }], nameOf)).toBe("Sam's phone has it");
    expect(
      seenByLine(
        [
          { userId: 'sam', deviceId: 'a', device: 'phone' },
          { userId: 'sam', deviceId: 'b', device: 'phone' },
          { userId: 'jo', deviceId: 'c', device: 'computer' },
          { userId: 'sam', deviceId: 'd', device: 'tablet' },
        ],
        nameOf,
      ),
    ).toBe("Sam's phone, Jo's computer and Sam's tablet have it");
  });

  it('says nothing while no other device has it', () => {
    expect(seenByLine([], nameOf)).toBeNull();
  });
});
