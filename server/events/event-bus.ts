import type { HouseholdEvent } from '../../shared/events';

/**
 * An event on its way to subscribers. `id` is its event-log id, or `null` for
 * an ephemeral event (presence) that is never stored or replayed.
 */
export interface PublishedEvent {
  id: number | null;
  event: HouseholdEvent;
  /** Only this member may receive it (a targeted notification). */
  recipientId: string | null;
}

/**
 * How committed events reach subscribers. Routers and services know only this
 * interface: the embedded default is in-process, a multi-process deployment
 * swaps in an adapter on a pub/sub engine without touching them.
 */
export interface EventBus {
  publish(published: PublishedEvent): void;
  /**
   * Starts listening to one household immediately (events are buffered from
   * this call on, before the first `next()`), until `signal` aborts.
   */
  listen(householdId: string, signal: AbortSignal): AsyncIterable<PublishedEvent>;
  /** Open listeners on one household, so tests can assert that nothing leaks. */
  listenerCount(householdId: string): number;
}
