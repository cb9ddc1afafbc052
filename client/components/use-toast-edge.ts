import { useCallback, useLayoutEffect, useState } from 'react';

export type ToastEdge = 'top' | 'bottom';

/** The edge of the screen with more room beside `area`. */
export function edgeAwayFrom(area: { top: number; bottom: number }, viewportHeight: number): ToastEdge {
  return area.top > viewportHeight - area.bottom ? 'top' : 'bottom';
}

/**
 * Where the notices sit: at the bottom, or, while a form is open (the item
 * editor), at the edge farther from it. Moving them rather than holding them
 * back: what others change shows live in the list under the form, and the
 * notice saying who did it belongs beside it, not minutes later; the form
 * keeps its Save button in reach all the same. Dialogs need nothing: a modal
 * <dialog> lies in the top layer, above every notice. `shown` is what is on
 * screen, so a notice that appears after the page moved is placed again.
 */
export function useToastEdge(shown: readonly unknown[]): { edge: ToastEdge; keepClearOf(element: HTMLElement): () => void } {
  const [areas, setAreas] = useState<HTMLElement[]>([]);
  const [edge, setEdge] = useState<ToastEdge>('bottom');
  const keepClearOf = useCallback((element: HTMLElement) => {
    setAreas((current) => [...current, element]);
    return () => setAreas((current) => current.filter((area) => area !== element));
  }, []);

  useLayoutEffect(() => {
    // The newest form is the one being filled in.
    const area = areas.at(-1);
    const place = () => setEdge(area ? edgeAwayFrom(area.getBoundingClientRect(), window.innerHeight) : 'bottom');
    place();
    if (!area) return;
    let frame = 0;
    const placeSoon = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(place);
    };
    window.addEventListener('scroll', placeSoon, { capture: true, passive: true });
    window.addEventListener('resize', placeSoon);
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener('scroll', placeSoon, { capture: true });
      window.removeEventListener('resize', placeSoon);
    };
  }, [areas, shown]);

  return { edge, keepClearOf };
}
