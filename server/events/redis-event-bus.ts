import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { KEY_PREFIX, type RedisClient } from '../redis/redis-clients';
import type { EventBus, PublishedEvent } from './event-bus';
import { createInProcessEventBus } from './in-process-event-bus';
import { decodeBridged, encodeBridged } from './bridged-event';

/** How many stored events one read of a refill takes; a long outage is read in pages of this. */
const REFILL_PAGE = 500;

/** The event log as the bridge reads it: kept to two functions, so the bus knows nothing of the database. */
export interface EventLogReader {
  /** Up to `limit` of a household's stored events numbered `after < seq <= through`, oldest first, every recipient. */
  readRange(householdId: string, range: { after: number; through: number }, limit: number): PublishedEvent[];
  /** The last number the household gave an event (committed). */
  latestId(householdId: string): number;
}

export interface RedisEventBusOptions {
  /** Publishes; its offline queue is off, so a publish while Redis is down fails at once. */
  publisher: RedisClient;
  /** Subscribes, one channel per household with listeners in this process. */
  subscriber: RedisClient;
  log: Pick<Logger, 'warn'>;
  reader: EventLogReader;
  /** How often every followed household is compared with the log (see below). */
  catchUpEveryMs?: number;
}

/** The bridge, and the timer of its catch-up to stop before the database closes. */
export type RedisEventBus = EventBus & { close(): void };

/** How late at most an event whose publisher died before it reached Redis is delivered. */
const CATCH_UP_EVERY_MS = 2000;

export const householdChannel = (householdId: string) => `${KEY_PREFIX}events:${householdId}`;

/**
 * The bus of one process among several (docs/decisions/0016-redis-bus-across-processes.md).
 * Its own subscribers hang on an in-process bus as in the embedded default;
 * `publish` also sends the event to the household's Redis channel, tagged
 * with this process's id so it ignores its own copy.
 *
 * Redis pub/sub carries the events; the event log fills what it drops. A
 * household numbers its events 1, 2, 3… in commit order
 * (docs/decisions/0018-per-household-event-sequence.md), and for each
 * household with listeners here the bus keeps the last number it delivered.
 * An event numbered one more (published here or arriving from Redis) is
 * delivered at once, without reading the log; one numbered higher is
 * delivered after the events between the two, read from the log; one not
 * above the last delivered is dropped. So an event that Redis dropped (an
 * outage, a publisher that could not reach it) or that arrived after a later
 * one (two processes writing one household) is delivered once and in order
 * anyway, at the latest with the next event of its household, or when the
 * subscriber connection is back. Ephemeral events (`id: null`, presence) are
 * passed on as they come and never refilled.
 */
export function createRedisEventBus(options: RedisEventBusOptions): RedisEventBus {
  const { publisher, subscriber, log, reader } = options;
  const origin = randomUUID();
  const local = createInProcessEventBus();
  /** Per household with listeners here: the number of the last stored event delivered to them. */
  const delivered = new Map<string, number>();
  /** Per household, the latest stored event this process could not publish while Redis was down. */
  const unpublished = new Map<string, PublishedEvent>();

  /** Delivers every stored event of the household after the last delivered, through `through`, in pages. */
  const refill = (householdId: string, through: number) => {
    for (;;) {
      const after = delivered.get(householdId);
      if (after === undefined || after >= through) return;
      const page = reader.readRange(householdId, { after, through }, REFILL_PAGE);
      page.forEach((published) => deliverStored(householdId, published));
      if (page.length < REFILL_PAGE) return;
    }
  };
  const deliverStored = (householdId: string, published: PublishedEvent) => {
    // A listener may have left meanwhile (the last one: the household is no longer followed here).
    const last = delivered.get(householdId);
    if (last === undefined || published.id === null || published.id <= last) return;
    delivered.set(householdId, published.id);
    local.publish(published);
  };
  /** The one rule for an event from either side: ephemeral ones at once, stored ones after what precedes them. */
  const deliver = (published: PublishedEvent) => {
    const { householdId } = published.event;
    if (!delivered.has(householdId)) return;
    if (published.id === null) return local.publish(published);
    // After a gap, the events before this one (dropped, or still on their way) come from the log first:
    // they committed before it. The next number in line reads nothing.
    refill(householdId, published.id - 1);
    deliverStored(householdId, published);
  };

  const onMessage = (message: string) => {
    const bridged = decodeBridged(message);
    if (!bridged) return log.warn({ message: message.slice(0, 200) }, 'Dropped a bus message that is not a HoneyDo event');
    if (bridged.origin !== origin) deliver(bridged.published);
  };
  const catchUpAll = () => {
    for (const householdId of delivered.keys()) refill(householdId, reader.latestId(householdId));
  };
  const republishMissed = () => {
    const missed = [...unpublished.values()];
    unpublished.clear();
    // Each stands for the others of its household before it: the receivers refill those from the log.
    missed.forEach(sendToRedis);
  };
  const sendToRedis = (published: PublishedEvent) => {
    const remember = () => {
      if (published.id !== null) unpublished.set(published.event.householdId, published);
    };
    if (!publisher.isReady) return remember();
    publisher.publish(householdChannel(published.event.householdId), encodeBridged({ origin, published })).catch((error: unknown) => {
      remember();
      log.warn({ err: error, householdId: published.event.householdId }, 'Could not publish an event to Redis; it is sent again when Redis is back');
    });
  };

  // Whatever Redis dropped while the subscription was down is in the log.
  subscriber.on('ready', catchUpAll);
  // And whatever a process committed and answered but did not live to publish (a SIGKILL between
  // the answer and the publish): with nothing after it in its household, no gap would ever show it.
  const catchUp = setInterval(catchUpAll, options.catchUpEveryMs ?? CATCH_UP_EVERY_MS).unref();
  publisher.on('ready', republishMissed);

  const follow = (householdId: string) => {
    // The stream that listens has just read the log up to here (household-stream.ts): go on from there.
    delivered.set(householdId, reader.latestId(householdId));
    subscriber
      .subscribe(householdChannel(householdId), onMessage)
      // What was published before the subscription took effect is in the log.
      .then(() => refill(householdId, reader.latestId(householdId)))
      .catch((error: unknown) => log.warn({ err: error, householdId }, 'Could not subscribe to a household on Redis; it is refilled when Redis is back'));
  };
  const unfollow = (householdId: string) => {
    delivered.delete(householdId);
    subscriber
      .unsubscribe(householdChannel(householdId), onMessage)
      .catch((error: unknown) => log.warn({ err: error, householdId }, 'Could not unsubscribe from a household on Redis'));
  };

  return {
    publish(published) {
      deliver(published);
      sendToRedis(published);
    },
    listen(householdId, listener) {
      if (local.listenerCount(householdId) === 0) follow(householdId);
      const stop = local.listen(householdId, listener);
      return () => {
        stop();
        if (local.listenerCount(householdId) === 0 && delivered.has(householdId)) unfollow(householdId);
      };
    },
    listenerCount: (householdId) => local.listenerCount(householdId),
    close: () => clearInterval(catchUp),
  };
}
