import { EventEmitter, on } from 'node:events';
import type { EventBus, PublishedEvent } from './event-bus';

/**
 * Events are emitted under their household's id, so a publish touches only
 * that household's listeners. A household has a handful of members with a
 * few tabs each; the cap warns of a listener leak long before memory does.
 */
const LISTENERS_PER_HOUSEHOLD_WARNING = 200;

export function createInProcessEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(LISTENERS_PER_HOUSEHOLD_WARNING);

  return {
    publish(published) {
      emitter.emit(published.event.householdId, published);
    },
    listen(householdId, signal) {
      // `on()` attaches its listener now, not on the first `next()`: that is
      // what lets a subscriber listen first and read the backlog second.
      const raw = on(emitter, householdId, { signal });
      return (async function* typed(): AsyncGenerator<PublishedEvent> {
        try {
          for await (const [published] of raw) yield published as PublishedEvent;
        } catch (error) {
          if (!signal.aborted) throw error;
        }
      })();
    },
    listenerCount(householdId) {
      return emitter.listenerCount(householdId);
    },
  };
}
