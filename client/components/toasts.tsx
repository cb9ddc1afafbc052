import { createContext, use, useCallback, useMemo, useRef, useState, type ReactNode } from 'react';

export type ToastTone = 'info' | 'error';

interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
}

interface Toasts {
  show(message: string, tone?: ToastTone): void;
}

const ToastContext = createContext<Toasts | null>(null);

/** A few at a time: a burst (someone clearing ten ticked items) must not bury the list. */
const MAX_VISIBLE = 3;
const VISIBLE_MS: Record<ToastTone, number> = { info: 4000, error: 8000 };

/**
 * Small notices at the bottom of the screen that never block anything.
 * Errors are announced assertively, news from the household politely.
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);

  const dismiss = useCallback((id: number) => setToasts((current) => current.filter((toast) => toast.id !== id)), []);
  const show = useCallback(
    (message: string, tone: ToastTone = 'info') => {
      const id = nextId.current++;
      setToasts((current) => [...current.filter((toast) => toast.message !== message), { id, message, tone }].slice(-MAX_VISIBLE));
      setTimeout(() => dismiss(id), VISIBLE_MS[tone]);
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
  return (
    <div className={`toast toast--${toast.tone}`}>
      <span className="toast__message">{toast.message}</span>
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
