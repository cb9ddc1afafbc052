import { useCallback, useState } from 'react';
import { isString, readStored, writeStored } from './storage';

/**
 * Which of `options` is chosen, remembered under `key` so a reload opens the
 * same one. Until something is chosen, or when the chosen one is gone (removed,
 * or left by another tab), it is the first option; null while there are none.
 */
export function useRememberedChoice(key: string, options: readonly { id: string }[] | undefined): [string | null, (id: string) => void] {
  const [chosen, setChosen] = useState(() => readStored(key, isString));
  const choose = useCallback(
    (id: string) => {
      setChosen(id);
      writeStored(key, id);
    },
    [key],
  );
  const current = options?.some((option) => option.id === chosen) ? chosen : (options?.[0]?.id ?? null);
  return [current, choose];
}
