import type { SeenDevice } from './seen-by';

const inAList = new Intl.ListFormat('en-GB', { type: 'conjunction' });

/** "Sam's phone has it", "Sam's phone and Jo's computer have it"; null when no other device has it yet. */
export function seenByLine(devices: readonly SeenDevice[], nameOf: (userId: string) => string): string | null {
  const labels = [...new Set(devices.map(({ userId, device }) => `${nameOf(userId)}'s ${device}`))];
  if (labels.length === 0) return null;
  return `${inAList.format(labels)} ${labels.length === 1 ? 'has' : 'have'} it`;
}
