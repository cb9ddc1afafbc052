import { tracked, type TrackedEnvelope } from '@trpc/server';
import type { HouseholdEvent } from '../../../shared/events';
import { requireMembership } from '../../auth/membership';
import { randomUUID } from 'node:crypto';
import type { ConnectionState } from '../../context';
import type { Deps } from '../../deps';
import { latestEventId, prunedThroughId, readEvents } from '../../events/event-log';
import { stampEvent } from '../../events/stamp-event';
import { DomainError } from '../../domain-error';

const REPLAY_PAGE = 500;

export interface StreamRequest {
  householdId: string;
  userId: string;
  /** The last event id this client received, to resume after it. */
  lastEventId: number | null;
  signal: AbortSignal;
  /** The WebSocket it runs on, which lists its open subscriptions (`system.whoami`, the per-connection limit). */
  connection: ConnectionState | null;
}

type Envelope = TrackedEnvelope<HouseholdEvent>;

/**
 * One member's stream of a household: the events after `lastEventId` from the
 * log, then live events from the bus, with no gap and no duplicate.
 *
 * We start listening to the bus *before* reading the log, so an event that
 * commits while the replay runs is buffered rather than missed; anything the
 * buffer holds that the replay already yielded is dropped by id.
 *
 * Presence rides along as ephemeral events: they carry the id of the last
 * stored event this member has, so a resume after one never skips anything.
 * After the replay come who is online and how far each device has got.
 */
export async function* householdStream(deps: Deps, request: StreamRequest): AsyncGenerator<Envelope> {
  const { householdId, userId, signal, connection } = request;
  // Checked and counted in one step, so a burst of subscribe calls cannot all pass the check first.
  const max = deps.config.limits.subscriptionsPerConnection;
  if (connection && connection.subscriptions.size >= max) {
    throw new DomainError('too-many', `This connection already has ${max} subscriptions open, the most it may: end one first.`);
  }
  const key = randomUUID();
  connection?.subscriptions.set(key, { path: 'events.household', householdId });
  deps.metrics.subscriptions.inc();
  // Our own controller, so the bus listener goes away however the stream ends
  // (tRPC does not abort the request signal when a subscription throws).
  const stop = new AbortController();
  const onAbort = () => stop.abort();
  signal.addEventListener('abort', onAbort, { once: true });
  announcePresence(deps, householdId, deps.presence.add(householdId, userId));
  try {
    const live = deps.bus.listen(householdId, stop.signal);
    // The membership check of the procedure ran a tick ago; a removal in
    // between would otherwise fall between the check and the listener.
    requireMembership(deps.db, householdId, userId);

    let cursor = latestEventId(deps.db);
    const resume = request.lastEventId;
    if (resume !== null) {
      const resetReason = resume > cursor ? 'unknown-event-id' : resume < prunedThroughId(deps.db) ? 'retention' : null;
      if (resetReason) {
        yield tracked(String(cursor), stampEvent({ type: 'sync:reset', reason: resetReason }, { householdId, actorId: null }));
      } else {
        cursor = resume;
        for (;;) {
          const page = readEvents(deps.db, householdId, userId, { after: cursor }, REPLAY_PAGE);
          for (const { id, event } of page) {
            cursor = id ?? cursor;
            deps.metrics.eventsDelivered.inc({ source: 'replay' });
            yield tracked(String(cursor), event);
          }
          if (page.length < REPLAY_PAGE) break;
        }
      }
    }
    yield tracked(String(cursor), presenceEvent(deps, householdId));
    for (const seen of deps.latestSeen.of(householdId)) yield tracked(String(cursor), seen);

    for await (const { id, event, recipientId } of live) {
      if (recipientId !== null && recipientId !== userId) continue;
      if (id !== null) {
        if (id <= cursor) continue;
        cursor = id;
        deps.metrics.deliveryLatency.observe((Date.now() - Date.parse(event.at)) / 1000);
      }
      deps.metrics.eventsDelivered.inc({ source: 'live' });
      yield tracked(String(cursor), event);
      if (event.type === 'household:member:left' && event.userId === userId) {
        throw new DomainError('forbidden', event.reason === 'removed' ? 'You were removed from this household.' : 'You left this household.');
      }
    }
  } finally {
    deps.metrics.subscriptions.dec();
    connection?.subscriptions.delete(key);
    signal.removeEventListener('abort', onAbort);
    stop.abort();
    announcePresence(deps, householdId, deps.presence.remove(householdId, userId));
  }
}

function announcePresence(deps: Deps, householdId: string, changed: boolean): void {
  if (!changed) return;
  deps.bus.publish({ id: null, event: presenceEvent(deps, householdId), recipientId: null });
}

function presenceEvent(deps: Deps, householdId: string): HouseholdEvent {
  return stampEvent({ type: 'household:presence', online: deps.presence.online(householdId) }, { householdId, actorId: null });
}
