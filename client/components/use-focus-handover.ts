import { useEffect, useRef } from 'react';

type Target = () => HTMLElement | null | undefined;

/** The focus is nowhere: the control that had it left the page with what it changed. */
export function focusIsLost(): boolean {
  return !document.activeElement || document.activeElement === document.body;
}

/**
 * Keeps a keyboard user's place across a change that takes the focused
 * control out of the page (a ticked row moving to the basket, a removed row).
 * Call the returned function as the change is made, with where the focus
 * should go; once a render has taken the control away, the focus goes there.
 * If the person moved the focus elsewhere meanwhile, it stays where they put it.
 */
export function useFocusHandover(): (to: Target) => void {
  const pending = useRef<{ from: Element | null; to: Target } | null>(null);
  useEffect(() => {
    const handover = pending.current;
    if (!handover) return;
    // Rendered, but the change has not reached the page yet (an optimistic update comes a tick later).
    if (handover.from?.isConnected && document.activeElement === handover.from) return;
    pending.current = null;
    if (focusIsLost()) handover.to()?.focus();
  });
  return (to) => {
    pending.current = { from: document.activeElement, to };
  };
}
