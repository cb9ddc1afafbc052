import { useEffect, type RefObject } from 'react';
import { useToasts } from './toasts';

/** While the component is mounted, notices stay off the element `ref` holds (an open form). */
export function useKeepClearOfToasts(ref: RefObject<HTMLElement | null>): void {
  const { keepClearOf } = useToasts();
  useEffect(() => {
    const element = ref.current;
    return element ? keepClearOf(element) : undefined;
  }, [ref, keepClearOf]);
}
