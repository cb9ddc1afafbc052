import { EventEmitter } from 'node:events';
import type { EventBus } from './event-bus';

/**
 * Events are emitted under their household's id, so a publish touches only
 * that household's listeners. A household has a handful of members with a
 * few tabs each; the cap warns of a listener leak long before memory does.
 */
const LISTENERS_PER_HOUSEHOLD_WARNING = 200;

/**
 * The embedded bus: one `EventEmitter`, one event name per household, the
 * subscriber's listener attached to it directly. (Not `events.on()`: that
 * helper also hangs an `error` listener on the emitter per call, all under
 * the one name `error`, so at 10,000 subscriptions every unsubscribe searched
 * a list of 10,000; the benchmark's profile, docs/PERFORMANCE.md.)
 */
export function createInProcessEventBus(): EventBus {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(LISTENERS_PER_HOUSEHOLD_WARNING);

  return {
    publish(published) {
      emitter.emit(published.event.householdId, published);
    },
    listen(householdId, listener) {
      emitter.on(householdId, listener);
      return () => emitter.off(householdId, listener);
    },
    listenerCount(householdId) {
      return emitter.listenerCount(householdId);
    },
  };
}
