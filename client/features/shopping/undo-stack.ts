import type { QueryClient } from '@tanstack/react-query';
import type { QueuedChange } from '../../lib/outbox';
import { tabStateKey } from '../../lib/persisted-cache';

/** How far back Ctrl/Cmd+Z reaches. The toast offers the newest action for less (see use-undo.ts). */
export const UNDO_WINDOW_MS = 30_000;
const KEPT = 20;
const KEY = tabStateKey('undo-history');

export interface UndoEntry {
  id: string;
  /** What was done, in words: "Ticked “milk”". */
  done: string;
  at: number;
  /** The change that undoes it, queued when the person asks. */
  undo: QueuedChange;
}

/** Where the entries are kept: this tab's state in the query cache, stored with its waiting changes, so a reload keeps them. */
export interface UndoHistory {
  read(): UndoEntry[];
  write(entries: UndoEntry[]): void;
}

/** The person's own recent actions in this tab, newest last; each can be undone once. */
export class UndoStack {
  readonly #history: UndoHistory;

  constructor(history: UndoHistory) {
    this.#history = history;
  }

  push(entry: UndoEntry): void {
    this.#history.write([...this.#history.read().slice(-(KEPT - 1)), entry]);
  }

  /** The newest action still within reach, taken off the stack. */
  takeLatest(now = Date.now()): UndoEntry | null {
    const inReach = this.#history.read().filter((entry) => now - entry.at <= UNDO_WINDOW_MS);
    const latest = inReach.pop() ?? null;
    this.#history.write(inReach);
    return latest;
  }

  /** Takes this very action off the stack: false when it was undone already (by the keyboard, say). */
  take(entry: UndoEntry): boolean {
    const entries = this.#history.read();
    if (!entries.some((kept) => kept.id === entry.id)) return false;
    this.#history.write(entries.filter((kept) => kept.id !== entry.id));
    return true;
  }
}

export const undoStackOf = (queryClient: QueryClient): UndoStack =>
  new UndoStack({
    read: () => queryClient.getQueryData<UndoEntry[]>(KEY) ?? [],
    write: (entries) => queryClient.setQueryData(KEY, entries),
  });
