/** Collects refetches for a moment, so a burst of replayed events costs one fetch per query, not one per event. */
export function createRefetchBatch(delayMs = 50) {
  const due = new Map<string, () => Promise<unknown>>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    add(key: string, refetch: () => Promise<unknown>) {
      due.set(key, refetch);
      timer ??= setTimeout(() => {
        timer = undefined;
        const batch = [...due.values()];
        due.clear();
        for (const run of batch) void run();
      }, delayMs);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
      due.clear();
    },
  };
}
