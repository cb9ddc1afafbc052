/**
 * Writes `value`s one at a time, and of those asked for while one is being
 * written only the newest: a burst of changes (a replayed event stream, an
 * event and what it changes in the cache) is one write of the state after it,
 * and no write ever overtakes an older one. The returned promise resolves
 * once the value asked for (or a newer one) is written.
 */
export function latestWrite<T>(write: (value: T) => Promise<void>, onFailure: (error: unknown) => void): (value: T) => Promise<void> {
  let next: { value: T } | null = null;
  let writing: Promise<void> | null = null;
  const drain = async () => {
    // What the same task changes next (the rest of an event's effects) joins this write.
    await Promise.resolve();
    while (next) {
      const { value } = next;
      next = null;
      await write(value).catch(onFailure);
    }
    writing = null;
  };
  return (value) => {
    next = { value };
    writing ??= drain();
    return writing;
  };
}
