import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signIn } from '../../tests/support/clients';
import { eventually, openRawSocket, refusedUpgrade, request, signedInSocket } from '../../tests/support/raw-socket';
import { redisForTests } from '../../tests/support/redis-server';
import { migratedDataDir, startServer } from '../../tests/support/test-server';
import { CLOSE_POLICY } from './ws-connections';

const redis = redisForTests();

/** Two servers of one fleet: one SQLite folder (WAL lets both use it), one Redis, the given limits. */
async function twoServers(limits: { connectionsPerUser?: number; connectionsPerIp?: number }) {
  const dataDir = migratedDataDir();
  const overrides = { redisUrl: redis.server().url, limits };
  const one = await startServer(overrides, dataDir, false);
  const two = await startServer(overrides, dataDir, false);
  return {
    one,
    two,
    async [Symbol.asyncDispose]() {
      await Promise.all([one.close(), two.close()]);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

describe.skipIf(!redis.available)('connection limits across the processes of a fleet', () => {
  it('MAX_CONNECTIONS_PER_USER counts the connections the user holds on every server, and a closed one makes room on the other', async () => {
    await using fleet = await twoServers({ connectionsPerUser: 2 });
    const alex = await signIn(fleet.one.url, 'Alex');
    const onOne = await signedInSocket(fleet.one.wsUrl, alex);
    const onTwo = await signedInSocket(fleet.two.wsUrl, alex);

    const third = await openRawSocket(fleet.one.wsUrl, { connectionParams: { token: alex.token } });
    const closed = await third.closed;
    expect(closed.code).toBe(CLOSE_POLICY);
    expect(closed.reason).toBe('More than 2 connections for this user');
    onTwo.send(request(1, 'query', 'system.whoami'));
    expect(await onTwo.reply(1)).toMatchObject({ result: { data: { userId: alex.user.id } } });

    await onTwo.close();
    // Room again on the first server once the second has taken its connection out of Redis.
    const again = await eventually(
      async () => {
        const socket = await openRawSocket(fleet.one.wsUrl, { connectionParams: { token: alex.token } });
        socket.send(request(2, 'query', 'system.whoami'));
        const answered = await Promise.race([socket.reply(2).then(() => true), socket.closed.then(() => false)]);
        return answered ? socket : null;
      },
      (socket) => socket !== null,
      'a connection on the first server after one closed on the second',
    );
    await Promise.all([onOne.close(), again?.close(), alex.close()]);
  });

  it('MAX_CONNECTIONS_PER_IP refuses the upgrade with 429 on one server when the address holds its share on the other', async () => {
    await using fleet = await twoServers({ connectionsPerIp: 2 });
    const first = await openRawSocket(fleet.one.wsUrl);
    const second = await openRawSocket(fleet.two.wsUrl);
    await eventually(() => refusedUpgrade(fleet.one.wsUrl).catch(() => 0), (status) => status === 429, 'the upgrade past the fleet-wide limit refused');
    expect(await refusedUpgrade(fleet.two.wsUrl)).toBe(429);
    await Promise.all([first.close(), second.close()]);
  });
});
