import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds: from a commit to a subscriber's socket, and a mutation's whole run. */
const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * The server's Prometheus metrics, in a registry of its own (one per app, so
 * tests can run several servers in one process). Served at GET /metrics.
 */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'honeydo_' });
  const registers = [registry];
  let openConnections = () => 0;
  new Gauge({
    name: 'honeydo_ws_connections',
    help: 'Open WebSocket connections',
    registers,
    collect() {
      this.set(openConnections());
    },
  });
  return {
    registry,
    /** The WebSocket server exists after the metrics; it tells them how to count its sockets. */
    countConnectionsWith(count: () => number) {
      openConnections = count;
    },
    subscriptions: new Gauge({ name: 'honeydo_subscriptions', help: 'Open household event subscriptions', registers }),
    eventsPublished: new Counter({ name: 'honeydo_events_published_total', help: 'Events published after commit', labelNames: ['type'], registers }),
    eventsDelivered: new Counter({ name: 'honeydo_events_delivered_total', help: 'Events yielded to subscribers (replayed or live)', labelNames: ['source'], registers }),
    deliveryLatency: new Histogram({
      name: 'honeydo_event_delivery_seconds',
      help: 'Time from an event committing to a live subscriber yielding it',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    mutationDuration: new Histogram({
      name: 'honeydo_mutation_duration_seconds',
      help: 'Mutation run time, by procedure and outcome',
      labelNames: ['path', 'outcome'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    authRejected: new Counter({ name: 'honeydo_auth_rejected_total', help: 'Tokens that failed verification', labelNames: ['transport'], registers }),
    rateLimited: new Counter({ name: 'honeydo_rate_limited_total', help: 'Calls refused with TOO_MANY_REQUESTS', labelNames: ['path'], registers }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
