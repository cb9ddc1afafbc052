import { tracked, type TrackedEnvelope } from '@trpc/server';
import type { HouseholdEvent } from '../../../shared/events';
import { requireMembership } from '../../auth/membership';
import type { ConnectionState } from '../../context';
import type { Deps } from '../../deps';
import { DomainError } from '../../domain-error';
import type { PublishedEvent } from '../../events/event-bus';
import { latestEventId, prunedThroughId, readEvents } from '../../events/event-log';
import { presenceEvent } from '../../events/presence';
import { pushStream, type PushStream, type StreamSink } from '../../events/push-stream';
import { stampEvent } from '../../events/stamp-event';

const REPLAY_PAGE = 500;

/** Names each stream in its connection's list; unique in this process is all that list needs (a UUID's text is a chain of cons-strings kept for the stream's life). */
let streamsOpened = 0;

export interface StreamRequest {
  householdId: string;
  userId: string;
  /** The last event id this client received (its number in the household's sequence), to resume after it. */
  lastEventId: number | null;
  /** The request's signal, where the transport gives one (HTTP); the stream also ends when whoever started it stops it. */
  signal?: AbortSignal;
  /** The WebSocket it runs on, which lists its open subscriptions (`system.whoami`, the per-connection limit). */
  connection: ConnectionState | null;
}

export type Envelope = TrackedEnvelope<HouseholdEvent>;

/**
 * One member's stream of a household: the events after `lastEventId` from the
 * log, then live events from the bus, with no gap and no duplicate. Pushed
 * into a callback by the WebSocket handler, iterated by anyone else; both run
 * `openHouseholdStream` below.
 */
export function householdStream(deps: Deps, request: StreamRequest): PushStream<Envelope> {
  return pushStream((sink) => openHouseholdStream(deps, request, sink));
}

/**
 * We start listening to the bus *before* reading the log, so an event that
 * commits while the replay runs is held rather than missed; anything held
 * that the replay already delivered is dropped by its number, which rises in
 * commit order in the household.
 *
 * Presence rides along as ephemeral events: they carry the id of the last
 * stored event this member has, so a resume after one never skips anything.
 * After the replay come who is online and how far each device has got.
 */
function openHouseholdStream(deps: Deps, request: StreamRequest, sink: StreamSink<Envelope>): () => void {
  const { householdId, userId, signal, connection } = request;
  // Checked and counted in one step, so a burst of subscribe calls cannot all pass the check first.
  const max = deps.config.limits.subscriptionsPerConnection;
  if (connection && connection.subscriptions.size >= max) {
    throw new DomainError('too-many', `This connection already has ${max} subscriptions open, the most it may: end one first.`);
  }
  const key = String(++streamsOpened);
  connection?.subscriptions.set(key, { path: 'events.household', householdId });
  deps.metrics.subscriptions.inc();
  announcePresence(deps, householdId, deps.presence.add(householdId, userId));

  let cursor = 0;
  let stopped = false;
  /** Live events that arrive while the replay is being delivered; null once it has been. */
  let held: PublishedEvent[] | null = [];
  const stopListening = deps.bus.listen(householdId, (published) => (held ? held.push(published) : deliver(published)));
  const stop = () => {
    if (stopped) return;
    stopped = true;
    stopListening();
    signal?.removeEventListener('abort', stop);
    deps.metrics.subscriptions.dec();
    connection?.subscriptions.delete(key);
    announcePresence(deps, householdId, deps.presence.remove(householdId, userId));
  };

  function deliver({ id, event, recipientId }: PublishedEvent): void {
    if (stopped || (recipientId !== null && recipientId !== userId)) return;
    if (id !== null) {
      if (id <= cursor) return;
      cursor = id;
      deps.metrics.deliveryLatency.observe((Date.now() - Date.parse(event.at)) / 1000);
    }
    deps.metrics.eventsDelivered.inc({ source: 'live' });
    sink.next(tracked(String(cursor), event));
    if (event.type === 'household:member:left' && event.userId === userId) {
      stop();
      sink.end(new DomainError('forbidden', event.reason === 'removed' ? 'You were removed from this household.' : 'You left this household.'));
    }
  }

  try {
    // The membership check of the procedure ran a tick ago; a removal in
    // between would otherwise fall between the check and the listener.
    requireMembership(deps.db, householdId, userId);
    cursor = replay(deps, request, sink);
    sink.next(tracked(String(cursor), presenceNow(deps, householdId)));
    for (const seen of deps.latestSeen.of(householdId)) sink.next(tracked(String(cursor), seen));
    const waiting = held;
    held = null;
    waiting.forEach(deliver);
  } catch (error) {
    stop();
    throw error;
  }
  signal?.addEventListener('abort', stop, { once: true });
  return stop;
}

/**
 * Delivers the stored events after the request's `lastEventId` (or
 * `sync:reset`), and answers the id the member then has. A cursor beyond the
 * household's sequence was never issued by this database; one below what was
 * pruned of the household would skip events: both reset.
 */
function replay(deps: Deps, { householdId, userId, lastEventId }: StreamRequest, sink: StreamSink<Envelope>): number {
  const latest = latestEventId(deps.db, householdId);
  if (lastEventId === null) return latest;
  const resetReason = lastEventId > latest ? 'unknown-event-id' : lastEventId < prunedThroughId(deps.db, householdId) ? 'retention' : null;
  if (resetReason) {
    sink.next(tracked(String(latest), stampEvent({ type: 'sync:reset', reason: resetReason }, { householdId, actorId: null })));
    return latest;
  }
  let cursor = lastEventId;
  for (;;) {
    const page = readEvents(deps.db, householdId, userId, { after: cursor }, REPLAY_PAGE);
    for (const { id, event } of page) {
      cursor = id ?? cursor;
      deps.metrics.eventsDelivered.inc({ source: 'replay' });
      sink.next(tracked(String(cursor), event));
    }
    if (page.length < REPLAY_PAGE) return cursor;
  }
}

function announcePresence(deps: Deps, householdId: string, changed: boolean): void {
  if (!changed) return;
  deps.bus.publish({ id: null, event: presenceNow(deps, householdId), recipientId: null });
}

function presenceNow(deps: Deps, householdId: string): HouseholdEvent {
  return presenceEvent(householdId, deps.presence.online(householdId));
}
