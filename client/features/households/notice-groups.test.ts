import { describe, expect, it } from 'vitest';
import { GROUP_WINDOW_MS, groupChange, groupLine, groupSlot, type NoticeChange, type NoticeGroup } from './notice-groups';

const change = (kind: NoticeChange['kind'], itemName: string, at: number, actorId = 'sam'): NoticeChange => ({
  actorId,
  kind,
  itemName,
  line: `the line of ${itemName} alone`,
  at,
});

const names: Record<string, string> = { sam: 'Sam', robin: 'Robin' };

/** The notices a run of changes shows, in order: a change that joins a group rewrites that group's notice. */
function notices(changes: NoticeChange[]): string[] {
  const open = new Map<string, { group: NoticeGroup; index: number }>();
  const lines: string[] = [];
  for (const next of changes) {
    const previous = open.get(groupSlot(next));
    const group = groupChange(previous?.group, next);
    const index = previous && group.changes.length > 1 ? previous.index : lines.length;
    lines[index] = groupLine(group, names[next.actorId] ?? 'Someone');
    open.set(groupSlot(next), { group, index });
  }
  return lines;
}

describe('grouping the notices of quick changes', () => {
  it('a single change keeps its own line', () => {
    expect(notices([change('added', 'milk', 0)])).toEqual(['the line of milk alone']);
  });

  it('names up to three added items, then two and how many more', () => {
    expect(notices([change('added', 'milk', 0), change('added', 'eggs', 500)])).toEqual(['Sam added milk and eggs']);
    expect(notices(['milk', 'eggs', 'bread'].map((name, i) => change('added', name, i * 500)))).toEqual(['Sam added milk, eggs and bread']);
    expect(notices(['milk', 'eggs', 'bread', 'jam'].map((name, i) => change('added', name, i * 500)))).toEqual(['Sam added milk, eggs and 2 more']);
  });

  it('counts ticks, removals and other changes', () => {
    expect(notices(['milk', 'eggs', 'bread'].map((name, i) => change('ticked', name, i * 100)))).toEqual(['Sam ticked 3 items']);
    expect(notices(['milk', 'eggs'].map((name, i) => change('removed', name, i * 100)))).toEqual(['Sam removed 2 items']);
    expect(notices(['milk', 'jam'].map((name, i) => change('other', name, i * 100)))).toEqual(['Sam made 2 changes']);
  });

  it('each kind of change has a notice of its own, however they interleave', () => {
    const mixed = [change('added', 'milk', 0), change('ticked', 'eggs', 100), change('added', 'jam', 200), change('ticked', 'tea', 300)];
    expect(notices(mixed)).toEqual(['Sam added milk and jam', 'Sam ticked 2 items']);
    expect(notices([change('added', 'milk', 0), change('other', 'milk', 100)])).toEqual(['the line of milk alone', 'the line of milk alone']);
  });

  it('a change within the window of the group’s last one joins it, however long the burst', () => {
    const steady = [0, 1, 2, 3].map((i) => change('ticked', `item ${i}`, i * (GROUP_WINDOW_MS - 1)));
    expect(notices(steady)).toEqual(['Sam ticked 4 items']);
  });

  it('a change after a pause starts a new notice', () => {
    const late = [change('added', 'milk', 0), change('added', 'eggs', 100), change('added', 'jam', 100 + GROUP_WINDOW_MS + 1)];
    expect(notices(late)).toEqual(['Sam added milk and eggs', 'the line of jam alone']);
  });

  it('news other than a change to an item stands alone', () => {
    expect(notices([change('alone', 'joined', 0), change('added', 'milk', 100), change('added', 'eggs', 200)])).toEqual([
      'the line of joined alone',
      'Sam added milk and eggs',
    ]);
    expect(notices([change('added', 'milk', 0), change('alone', 'a new list', 100)])).toEqual(['the line of milk alone', 'the line of a new list alone']);
  });

  it('each member has a notice of their own', () => {
    const both = [change('added', 'milk', 0), change('added', 'tea', 100, 'robin'), change('added', 'eggs', 200), change('added', 'rice', 300, 'robin')];
    expect(notices(both)).toEqual(['Sam added milk and eggs', 'Robin added tea and rice']);
  });
});
