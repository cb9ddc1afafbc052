import { EventEmitter } from 'node:events';
import type { EventBus, PublishedEvent } from './event-bus';

/**
 * Events are emitted under their household's id, so a publish touches only
 * that household's listeners. A household has a handful of members with a
 * few tabs each; the cap warns of a listener leak long before memory does.
 */
const LISTENERS_PER_HOUSEHOLD_WARNING = 200;

/**
 * The embedded bus: one `EventEmitter`, one event name per household.
 *
 * Each listener is attached with `emitter.on(householdId)` and fed into a
 * queue of its own, rather than through `events.on()`: that helper also hangs
 * an `error` listener on the emitter per call, all under the one name
 * `error`, so at 10,000 subscriptions every unsubscribe searched a list of
 * 10,000 (the benchmark's profile, docs/PERFORMANCE.md).
 */
export function createInProcessEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(LISTENERS_PER_HOUSEHOLD_WARNING);

  return {
    publish(published) {
      emitter.emit(published.event.householdId, published);
    },
    listen(householdId, signal) {
      const queue: PublishedEvent[] = [];
      let wake: (() => void) | null = null;
      const listener = (published: PublishedEvent) => {
        queue.push(published);
        wake?.();
        wake = null;
      };
      const stop = () => {
        emitter.off(householdId, listener);
        wake?.();
        wake = null;
      };
      if (signal.aborted) return (async function* none() {})();
      // Attached now, not on the first `next()`: that is what lets a
      // subscriber listen first and read the backlog second.
      emitter.on(householdId, listener);
      signal.addEventListener('abort', stop, { once: true });
      return (async function* queued(): AsyncGenerator<PublishedEvent> {
        try {
          while (!signal.aborted) {
            const next = queue.shift();
            if (next) yield next;
            else await new Promise<void>((resolve) => (wake = resolve));
          }
        } finally {
          signal.removeEventListener('abort', stop);
          stop();
        }
      })();
    },
    listenerCount(householdId) {
      return emitter.listenerCount(householdId);
    },
  };
}
