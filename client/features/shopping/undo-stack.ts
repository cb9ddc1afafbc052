import { perSession } from '../../lib/per-session';

/** How far back Ctrl/Cmd+Z reaches. The toast offers the newest action for less (see use-undo.ts). */
export const UNDO_WINDOW_MS = 30_000;
const KEPT = 20;

export interface UndoEntry {
  /** What was done, in words: "Ticked “milk”". */
  done: string;
  at: number;
  undo(): void;
}

/** The person's own recent actions, newest last; each can be undone once. */
export class UndoStack {
  #entries: UndoEntry[] = [];

  push(entry: UndoEntry): void {
    this.#entries = [...this.#entries.slice(-(KEPT - 1)), entry];
  }

  /** The newest action still within reach, taken off the stack. */
  takeLatest(now = Date.now()): UndoEntry | null {
    this.#entries = this.#entries.filter((entry) => now - entry.at <= UNDO_WINDOW_MS);
    return this.#entries.pop() ?? null;
  }

  /** Takes this very action off the stack: false when it was undone already (by the keyboard, say). */
  take(entry: UndoEntry): boolean {
    const index = this.#entries.indexOf(entry);
    if (index < 0) return false;
    this.#entries.splice(index, 1);
    return true;
  }
}

export const undoStackOf = perSession(() => new UndoStack());
