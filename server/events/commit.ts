import type { HouseholdEventBody } from '../../shared/events';
import type { Db, Tx } from '../db/client';
import { openBatch } from '../db/group-commit';
import type { Actor } from './actor';
import type { EventBus, PublishedEvent } from './event-bus';
import { appendEvent } from './event-log';
import { stampEvent } from './stamp-event';

export type Emit = (householdId: string, body: HouseholdEventBody, options?: { recipientId?: string }) => void;

/**
 * The one way a mutation changes data: `work` runs in a transaction and
 * describes its events through `emit`; each event is written to the event log
 * in that same transaction, and published only after the commit. Nothing is
 * announced that did not commit, and nothing commits without its event.
 *
 * Called from a grouped mutation (`commitGrouped`), the work runs in a
 * savepoint of the batch's transaction and its events wait for that batch's
 * commit; otherwise it commits on its own.
 */
export function commitAndPublish<T>(deps: { db: Db; bus: EventBus }, actor: Actor, work: (tx: Tx, emit: Emit) => T): T {
  const pending: PublishedEvent[] = [];
  const run = (tx: Tx) => {
    const at = new Date().toISOString();
    const emit: Emit = (householdId, body, options) => {
      const event = stampEvent(body, { householdId, actorId: actor.userId, at, clientId: actor.clientId });
      const recipientId = options?.recipientId ?? null;
      pending.push({ id: appendEvent(tx, event, recipientId), event, recipientId });
    };
    return work(tx, emit);
  };
  const publish = () => {
    for (const published of pending) deps.bus.publish(published);
  };
  const batch = openBatch(deps.db);
  if (batch) {
    // The batch runs each mutation in a savepoint of its own already.
    const result = run(batch.tx);
    batch.afterCommit(publish);
    return result;
  }
  const result = deps.db.transaction(run, { behavior: 'immediate' });
  publish();
  return result;
}
