import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '../../db/client';
import { preparedQuery } from '../../db/prepared';
import { mutationReceipts } from '../../db/schema';
import type { Actor } from '../../events/actor';
import { DomainError } from '../../domain-error';

const selectReceipt = preparedQuery((db) =>
  db
    .select({ path: mutationReceipts.path, result: mutationReceipts.result })
    .from(mutationReceipts)
    .where(and(eq(mutationReceipts.userId, sql.placeholder('userId')), eq(mutationReceipts.clientId, sql.placeholder('clientId'))))
    .prepare(),
);

const insertReceipt = preparedQuery((db) =>
  db
    .insert(mutationReceipts)
    .values({
      userId: sql.placeholder('userId'),
      clientId: sql.placeholder('clientId'),
      path: sql.placeholder('path'),
      result: sql.placeholder('result'),
      at: sql.placeholder('at'),
    })
    .prepare(),
);

/**
 * Applies a mutation once per `clientId`. A client that did not hear the
 * answer (the connection dropped, an offline queue is replayed) sends the same
 * call again; it gets the first call's answer, and nothing is changed or
 * announced twice, even if the item was removed meanwhile. Runs inside the
 * mutation's transaction, so the receipt commits with the change.
 */
export function applyOnce<T>(tx: Tx, actor: Actor, path: string, apply: () => T): T {
  const { clientId } = actor;
  if (!clientId) return apply();
  const earlier = selectReceipt(tx).get({ userId: actor.userId, clientId });
  if (earlier) {
    if (earlier.path !== path) {
      throw new DomainError('conflict', `This clientId was already used for ${earlier.path}: every change needs a clientId of its own.`);
    }
    return earlier.result as T;
  }
  const result = apply();
  insertReceipt(tx).run({ userId: actor.userId, clientId, path, result: result ?? null, at: Date.now() });
  return result;
}
