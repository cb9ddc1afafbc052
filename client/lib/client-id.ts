import { v7 as uuidv7 } from 'uuid';

/**
 * An id for one change, sent as `clientId` so the server can apply a retried
 * add once and so we recognise our own change when its event comes back.
 * A UUIDv7 (RFC 9562): it starts with the time the change was made and grows
 * within a tab, so the writer of the person's tabs can send changes made in
 * several of them in the order they were made (send-queue.ts).
 */
export function newClientId(): string {
  return uuidv7();
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** When the change with this id was made (ms since the epoch); 0 for an id of an older build, which told no time. */
export function madeAtOf(clientId: string): number {
  if (!UUID_V7.test(clientId)) return 0;
  return Number.parseInt(clientId.slice(0, 8) + clientId.slice(9, 13), 16);
}
