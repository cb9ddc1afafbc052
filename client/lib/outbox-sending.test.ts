import { describe, expect, it } from 'vitest';
import type { ConnectionStatus } from './connection-monitor';
import { cameBackOnline, catchUpWanted, outboxMaySend } from './outbox-sending';

const live: ConnectionStatus = { kind: 'connected' };
const connecting: ConnectionStatus = { kind: 'connecting' };
const unreachable: ConnectionStatus = { kind: 'offline', cause: 'server', retryAt: Date.now() + 5000 };
const noNetwork: ConnectionStatus = { kind: 'offline', cause: 'device', retryAt: null };

describe('when the outbox may send', () => {
  it('over the live connection, also while it is reconnecting', () => {
    expect(outboxMaySend(live, false)).toBe(true);
    expect(outboxMaySend(connecting, false)).toBe(true);
  });

  it('with the live connection down, only while an HTTP catch-up that HoneyDo answered is on', () => {
    expect(outboxMaySend(unreachable, false)).toBe(false);
    expect(outboxMaySend(unreachable, true)).toBe(true);
  });

  it('never from a device without network, catch-up or not', () => {
    expect(outboxMaySend(noNetwork, true)).toBe(false);
  });
});

describe('when HoneyDo is asked over HTTP whether the waiting changes can go out', () => {
  it('with changes waiting while the live connection is down and the device has network', () => {
    expect(catchUpWanted(unreachable, 2)).toBe(true);
  });

  it('not with nothing waiting, nor while the live connection carries them, nor without network', () => {
    expect(catchUpWanted(unreachable, 0)).toBe(false);
    expect(catchUpWanted(live, 2)).toBe(false);
    expect(catchUpWanted(connecting, 2)).toBe(false);
    expect(catchUpWanted(noNetwork, 2)).toBe(false);
  });

  it('a device is back online when it had no network and has it again, whatever the live connection does', () => {
    expect(cameBackOnline(noNetwork, unreachable)).toBe(true);
    expect(cameBackOnline(noNetwork, live)).toBe(true);
    expect(cameBackOnline(unreachable, live)).toBe(false);
    expect(cameBackOnline(noNetwork, noNetwork)).toBe(false);
  });
});
