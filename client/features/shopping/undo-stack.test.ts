import { describe, expect, it } from 'vitest';
import { UNDO_WINDOW_MS, UndoStack, type UndoEntry, type UndoHistory } from './undo-stack';

const entry = (done: string, at: number): UndoEntry => ({ id: `${done} at ${at}`, done, at, undo: { mutationKey: ['untick'], variables: {} } });

/** The history in a variable, as the query cache would hold it. */
function inMemory(): UndoHistory {
  let entries: UndoEntry[] = [];
  return {
    read: () => entries,
    write: (next) => {
      entries = next;
    },
  };
}

/** A removal, then a tick: the tick is the newest. */
function breadThenMilk() {
  const stack = new UndoStack(inMemory());
  const bread = entry('Removed “bread”', 1000);
  const tick = entry('Ticked “milk”', 2000);
  stack.push(bread);
  stack.push(tick);
  return { stack, bread, tick };
}

describe('the undo stack', () => {
  it('the shortcut undoes the newest action first, each once, and none older than the window', () => {
    const stack = new UndoStack(inMemory());
    const now = 100_000;
    stack.push(entry('Ticked “old”', now - UNDO_WINDOW_MS - 1));
    stack.push(entry('Ticked “milk”', now - 2000));
    stack.push(entry('Removed “bread”', now - 1000));

    expect(stack.takeLatest(now)?.done).toBe('Removed “bread”');
    expect(stack.takeLatest(now)?.done).toBe('Ticked “milk”');
    expect(stack.takeLatest(now)).toBeNull();
  });

  it('the toast’s Undo undoes its own action, and not again once the shortcut has', () => {
    const { stack, bread, tick } = breadThenMilk();

    expect(stack.takeLatest(3000)).toEqual(tick);
    expect(stack.take(tick)).toBe(false);
    expect(stack.take(bread)).toBe(true);
  });

  it('the shortcut does not undo again what the toast’s Undo has', () => {
    const { stack, bread, tick } = breadThenMilk();

    expect(stack.take(tick)).toBe(true);
    expect(stack.takeLatest(3000)).toEqual(bread);
    expect(stack.takeLatest(3000)).toBeNull();
  });
});
