import type { ConnectionStatus } from './connection-monitor';

/**
 * The live connection is down while the device has network: HoneyDo may
 * still answer over HTTP (the WebSocket waits out its backoff, or a proxy
 * holds its upgrade), and only asking tells.
 */
export function onlyHttpMayAnswer(status: ConnectionStatus): boolean {
  return status.kind === 'offline' && status.cause === 'server';
}

const deviceOffline = (status: ConnectionStatus) => status.kind === 'offline' && status.cause === 'device';

/** The device had no network and has it again (the browser's `online` event, as the monitor took it in). */
export function cameBackOnline(before: ConnectionStatus, after: ConnectionStatus): boolean {
  return deviceOffline(before) && !deviceOffline(after);
}

/** Worth asking HoneyDo over HTTP whether the waiting changes can go out now, instead of at the WebSocket's next reconnect. */
export function catchUpWanted(status: ConnectionStatus, waitingChanges: number): boolean {
  return onlyHttpMayAnswer(status) && waitingChanges > 0;
}

/**
 * Whether the outbox may send: while the WebSocket is up or reconnecting,
 * or while an HTTP catch-up that HoneyDo answered is sending what waited.
 * A device without network never sends: its changes wait, paused.
 */
export function outboxMaySend(status: ConnectionStatus, catchingUp: boolean): boolean {
  return status.kind !== 'offline' || (catchingUp && onlyHttpMayAnswer(status));
}
