import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect } from 'react';
import { useToasts } from '../../components/toasts';
import { newClientId } from '../../lib/client-id';
import { queueChange, type QueuedChange } from '../../lib/outbox';
import { undoStackOf, type UndoEntry } from './undo-stack';

/** How long the toast offers to undo the newest action. */
const UNDO_TOAST_MS = 8000;
/** One undo toast at a time: each action replaces the previous one's. */
const UNDO_TOAST = 'undo';

/**
 * Undo of the person's own recent actions: a toast with an Undo button for
 * the newest, and Ctrl/Cmd+Z for the newest still within reach, also after a
 * reload. The undo is a change like any other, so it joins the same ordered
 * queue, also offline.
 */
export function useUndo() {
  const queryClient = useQueryClient();
  const toasts = useToasts();
  const stack = undoStackOf(queryClient);

  const run = useCallback(
    (entry: UndoEntry) => {
      queueChange(queryClient, entry.undo);
      toasts.show(`Undone: ${entry.done}.`, 'info', { key: UNDO_TOAST });
    },
    [queryClient, toasts],
  );

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      // Another list view on the page may have undone it already.
      if (event.defaultPrevented || !isUndoShortcut(event) || isTextEntry(event.target)) return;
      // A modal dialog hides the list: an undo there would change what cannot be seen.
      if (document.querySelector('dialog[open]') || (event.target instanceof Element && event.target.closest('dialog'))) return;
      const entry = stack.takeLatest();
      if (!entry) return;
      event.preventDefault();
      run(entry);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [stack, run]);

  return {
    /** Records an action just done and offers to undo it. */
    offer(done: string, undo: QueuedChange): void {
      const entry: UndoEntry = { id: newClientId(), done, undo, at: Date.now() };
      stack.push(entry);
      toasts.show(`${done}.`, 'info', {
        key: UNDO_TOAST,
        durationMs: UNDO_TOAST_MS,
        action: { label: 'Undo', onAction: () => stack.take(entry) && run(entry) },
      });
    },
  };
}

function isUndoShortcut(event: KeyboardEvent): boolean {
  return event.key.toLowerCase() === 'z' && (event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey;
}

/** In a text field Ctrl/Cmd+Z is the field's own undo of typing. */
function isTextEntry(target: EventTarget | null): boolean {
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  return target instanceof HTMLElement && target.isContentEditable;
}
