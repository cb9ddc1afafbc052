/**
 * An id for one mutation, sent as `clientId` so the server can apply a retried
 * add once and so we recognise our own change when its event comes back.
 */
export function newClientId(): string {
  return crypto.randomUUID();
}
