import type { HouseholdEvent } from '../../shared/events';

/**
 * An event on its way to subscribers. `id` is the event's number in its
 * household's sequence (`event_log.seq`, 1, 2, 3… in commit order; the id
 * clients resume with), or `null` for an ephemeral event (presence) that is
 * never stored or replayed.
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
   * Calls `listener` with each event of one household published from this
   * call on, until the answered function is called. A callback rather than an
   * iterator: a subscriber holds no promise between events
   * (docs/decisions/0014-own-websocket-handler.md).
   */
  listen(householdId: string, listener: (published: PublishedEvent) => void): () => void;
  /** Open listeners on one household, so tests can assert that nothing leaks. */
  listenerCount(householdId: string): number;
}
