import type { HouseholdEventBody } from '../../shared/events';
import type { Tx } from '../db/client';
import type { Actor, Deps } from '../deps';
import type { PublishedEvent } from './event-bus';
import { appendEvent } from './event-log';
import { stampEvent } from './stamp-event';

export type Emit = (householdId: string, body: HouseholdEventBody, options?: { recipientId?: string }) => void;

/**
 * The one way a mutation changes data: `work` runs in a transaction and
 * describes its events through `emit`; each event is written to the event log
 * in that same transaction, and published only after the commit. Nothing is
 * announced that did not commit, and nothing commits without its event.
 */
export function commitAndPublish<T>(deps: Pick<Deps, 'db' | 'bus'>, actor: Actor, work: (tx: Tx, emit: Emit) => T): T {
  const pending: PublishedEvent[] = [];
  const result = deps.db.transaction(
    (tx) => {
      const at = new Date().toISOString();
      const emit: Emit = (householdId, body, options) => {
        const event = stampEvent(body, { householdId, actorId: actor.userId, at, clientId: actor.clientId });
        const recipientId = options?.recipientId ?? null;
        pending.push({ id: appendEvent(tx, event, recipientId), event, recipientId });
      };
      return work(tx, emit);
    },
    { behavior: 'immediate' },
  );
  for (const published of pending) deps.bus.publish(published);
  return result;
}
