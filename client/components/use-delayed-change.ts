import { useEffect, useState } from 'react';

/**
 * `value` as it should show: a change that `isFleeting(shown, value)` calls
 * likely to be over in a blink shows only if it still holds after `delayMs`;
 * any other change shows at once. Keeps the header from flashing a state that
 * comes and goes on its own (a connection handover, a save in flight).
 */
export function useDelayedChange<T>(value: T, isFleeting: (shown: T, next: T) => boolean, delayMs: number): T {
  const [shown, setShown] = useState(value);
  const waiting = delayMs > 0 && isFleeting(shown, value);
  useEffect(() => {
    if (!waiting) {
      setShown(value);
      return;
    }
    const timer = setTimeout(() => setShown(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, waiting, delayMs]);
  return waiting ? shown : value;
}
