import { and, eq, sql } from 'drizzle-orm';
import { DomainError } from '../domain-error';
import type { Tx } from './client';
import { preparedQuery } from './prepared';
import { mutationReceipts } from './schema';

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

/** Whose call it is, the idempotency key they sent (if any), and the procedure it names. */
export interface ReceiptKey {
  userId: string;
  clientId: string | undefined;
  path: string;
}

/**
 * Applies a mutation once per `clientId`. A client that did not hear the
 * answer (the connection dropped, an offline queue is replayed) sends the same
 * call again; it gets the first call's answer, and nothing is changed or
 * announced twice, even if the item was removed meanwhile. Runs inside the
 * mutation's transaction, so the receipt commits with the change.
 */
export function applyOnce<T>(tx: Tx, { userId, clientId, path }: ReceiptKey, apply: () => T): T {
  if (!clientId) return apply();
  const earlier = selectReceipt(tx).get({ userId, clientId });
  if (earlier) {
    if (earlier.path !== path) {
      throw new DomainError('conflict', `This clientId was already used for ${earlier.path}: every change needs a clientId of its own.`);
    }
    return earlier.result as T;
  }
  const result = apply();
  insertReceipt(tx).run({ userId, clientId, path, result: result ?? null, at: Date.now() });
  return result;
}
