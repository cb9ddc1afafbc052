import { createContext, use, useCallback, useMemo, useRef, useState, type ReactNode } from 'react';
import { useToastEdge } from './use-toast-edge';

export type ToastTone = 'info' | 'error';

/** A button on the toast that acts on what it reports ("Undo"); pressing it also closes the toast. */
export interface ToastAction {
  label: string;
  onAction(): void;
}

export interface ToastOptions {
  action?: ToastAction;
  /**
   * A toast with the same key is updated in place and stays up longer: one
   * "Undo" at a time, the newest; one notice per member's burst of changes.
   */
  key?: string;
  durationMs?: number;
}

interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
  action?: ToastAction;
  key?: string;
}

interface Toasts {
  show(message: string, tone?: ToastTone, options?: ToastOptions): void;
  /** Keeps the notices off `element` (an open form) until the returned function is called. */
  keepClearOf(element: HTMLElement): () => void;
}

const ToastContext = createContext<Toasts | null>(null);

/** A few at a time: a burst (someone clearing ten ticked items) must not bury the list. */
const MAX_VISIBLE = 3;
const VISIBLE_MS: Record<ToastTone, number> = { info: 4000, error: 8000 };

/**
 * Small notices at the bottom of the screen that never block anything nor
 * take focus; while a form is open they move out of its way (`useToastEdge`). Errors are announced assertively, news from the household
 * politely.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  // What is on screen, read by `show` to update a toast in place; the state renders it.
  const shown = useRef<Toast[]>([]);
  const nextId = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const { edge, keepClearOf } = useToastEdge(toasts);

  const update = useCallback((next: Toast[]) => {
    shown.current = next;
    setToasts(next);
  }, []);
  const dismiss = useCallback(
    (id: number) => {
      clearTimeout(timers.current.get(id));
      timers.current.delete(id);
      update(shown.current.filter((toast) => toast.id !== id));
    },
    [update],
  );
  const show = useCallback(
    (message: string, tone: ToastTone = 'info', options: ToastOptions = {}) => {
      const { action, key, durationMs = VISIBLE_MS[tone] } = options;
      const same = key === undefined ? undefined : shown.current.find((toast) => toast.key === key);
      const toast: Toast = { id: same?.id ?? nextId.current++, message, tone, action, key };
      const others = shown.current.filter((other) => other.id !== toast.id && other.message !== message);
      // In place: the same slot, so a notice that grows does not jump or flash in again.
      const next = same ? shown.current.map((other) => (other.id === toast.id ? toast : other)).filter((other) => other === toast || others.includes(other)) : [...others, toast];
      update(next.slice(-MAX_VISIBLE));
      clearTimeout(timers.current.get(toast.id));
      timers.current.set(
        toast.id,
        setTimeout(() => dismiss(toast.id), durationMs),
      );
    },
    [dismiss, update],
  );
  const value = useMemo(() => ({ show, keepClearOf }), [show, keepClearOf]);

  return (
    <ToastContext value={value}>
      {children}
      <div className={`toasts toasts--${edge}`}>
        <div role="status" aria-live="polite" className="toasts__region">
          {toasts.filter((toast) => toast.tone === 'info').map((toast) => (
            <ToastView key={toast.id} toast={toast} onDismiss={dismiss} />
          ))}
        </div>
        <div role="alert" className="toasts__region">
          {toasts.filter((toast) => toast.tone === 'error').map((toast) => (
            <ToastView key={toast.id} toast={toast} onDismiss={dismiss} />
          ))}
        </div>
      </div>
    </ToastContext>
  );
}

function ToastView({ toast, onDismiss }: { toast: Toast; onDismiss: (id: number) => void }) {
  const { action } = toast;
  return (
    <div className={`toast toast--${toast.tone}`}>
      <span className="toast__message">{toast.message}</span>
      {action && (
        <button
          type="button"
          className="toast__action"
          onClick={() => {
            onDismiss(toast.id);
            action.onAction();
          }}
        >
          {action.label}
        </button>
      )}
      <button type="button" className="toast__close" aria-label="Dismiss" onClick={() => onDismiss(toast.id)}>
        ×
      </button>
    </div>
  );
}

export function useToasts(): Toasts {
  const toasts = use(ToastContext);
  if (!toasts) throw new Error('useToasts() must be used inside <ToastProvider>.');
  return toasts;
}
