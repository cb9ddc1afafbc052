import type { HouseholdEventBody } from '../../shared/events';
import type { Tx } from '../db/client';
import type { Batch, GroupCommit } from '../db/group-commit';
import { applyOnce } from '../db/receipts';
import type { Actor } from './actor';
import type { EventBus, PublishedEvent } from './event-bus';
import { appendEvent } from './event-log';
import { stampEvent } from './stamp-event';

export type Emit = (householdId: string, body: HouseholdEventBody, options?: { recipientId?: string }) => void;

/** A mutation's change: it runs in a transaction and describes its events through `emit`. */
export type Work<T> = (tx: Tx, emit: Emit, actor: Actor) => T;

/** How a service makes its change: resolves with the work's result once it is durable and announced, or rejects with its error. */
export type Commit = <T>(work: Work<T>) => Promise<T>;

export interface CommitDeps {
  bus: EventBus;
  groupCommit: GroupCommit;
}

/**
 * The one way a mutation changes data, made for one call: the work runs in a
 * transaction, each event it emits is written to the event log in that same
 * transaction and published only after the commit, and the caller is answered
 * after the commit too. Nothing is announced that did not commit, and nothing
 * commits without its event.
 *
 * With the actor's `clientId`, the change is applied once under a receipt
 * named by the procedure's `path`. `grouped` work shares its commit with the
 * other grouped mutations that arrive together (docs/decisions/0003-sqlite-durability.md);
 * the rest commit on their own. Both are answered and announced once on the
 * disk, in commit order (docs/decisions/0015-wal-sync-off-the-event-loop.md).
 */
export function commitFor(deps: CommitDeps, call: { actor: Actor; path: string; grouped: boolean }): Commit {
  const { actor, path } = call;
  const write = <T>(tx: Tx, work: Work<T>) => {
    const pending: PublishedEvent[] = [];
    const at = new Date().toISOString();
    const emit: Emit = (householdId, body, options) => {
      const event = stampEvent(body, { householdId, actorId: actor.userId, at, clientId: actor.clientId });
      const recipientId = options?.recipientId ?? null;
      pending.push({ id: appendEvent(tx, event, recipientId), event, recipientId });
    };
    const result = applyOnce(tx, { userId: actor.userId, clientId: actor.clientId, path }, () => work(tx, emit, actor));
    const publish = () => {
      for (const published of pending) deps.bus.publish(published);
    };
    return { result, publish };
  };

  return <T>(work: Work<T>) => {
    const mutation = (batch: Batch) => {
      const { result, publish } = write(batch.tx, work);
      batch.afterCommit(publish);
      return result;
    };
    return call.grouped ? deps.groupCommit.run(mutation) : deps.groupCommit.runAlone(mutation);
  };
}
