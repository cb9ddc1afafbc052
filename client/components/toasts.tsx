import { createContext, use, useCallback, useMemo, useRef, useState, type ReactNode } from 'react';

export type ToastTone = 'info' | 'error';

/** A button on the toast that acts on what it reports ("Undo"); pressing it also closes the toast. */
export interface ToastAction {
  label: string;
  onAction(): void;
}

export interface ToastOptions {
  action?: ToastAction;
  /** A toast with the same key replaces this one: one "Undo" at a time, the newest. */
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
}

const ToastContext = createContext<Toasts | null>(null);

/** A few at a time: a burst (someone clearing ten ticked items) must not bury the list. */
const MAX_VISIBLE = 3;
const VISIBLE_MS: Record<ToastTone, number> = { info: 4000, error: 8000 };

/**
 * Small notices at the bottom of the screen that never block anything nor
 * take focus. Errors are announced assertively, news from the household
 * politely.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);
  const show = useCallback(
    (message: string, tone: ToastTone = 'info', options: ToastOptions = {}) => {
      const id = nextId.current++;
      const { action, key, durationMs = VISIBLE_MS[tone] } = options;
      const replaced = (toast: Toast) => toast.message === message || (key !== undefined && toast.key === key);
      setToasts((current) => [...current.filter((toast) => !replaced(toast)), { id, message, tone, action, key }].slice(-MAX_VISIBLE));
      setTimeout(() => dismiss(id), durationMs);
    },
    [dismiss],
  );
  const value = useMemo(() => ({ show }), [show]);

  return (
    <ToastContext value={value}>
      {children}
      <div className="toasts">
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
