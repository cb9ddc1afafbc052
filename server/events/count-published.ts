import type { Metrics } from '../metrics';
import type { EventBus } from './event-bus';

/** The same bus, counting what is published on it, whichever implementation it is. */
export function countPublished(bus: EventBus, metrics: Metrics): EventBus {
  return {
    ...bus,
    publish(published) {
      metrics.eventsPublished.inc({ type: published.event.type });
      bus.publish(published);
    },
  };
}
