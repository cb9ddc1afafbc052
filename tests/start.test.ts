import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { connectClient, signIn } from './support/clients';
import { countOf, recordEvents } from './support/event-recorder';
import { newHousehold } from './support/household-of-one';
import { run } from './support/processes';
import { redisForTests } from './support/redis-server';
import { freePort } from './support/server-process';

/**
 * The README's promise: `npm start` builds the SPA and the server, and the
 * compiled server serves the app with the API (HTTP and WebSocket) and
 * /healthz on one port, on its embedded defaults, and stops cleanly.
 */
it('npm start builds and serves the app, the API over HTTP and WebSocket and /healthz, then shuts down on SIGTERM', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'honeydo-start-'));
  try {
    await using server = run('npm', ['start'], { PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' });
    const line = await server.waitForLine(/HoneyDo is listening/, 90_000);
    const { port, auth } = JSON.parse(line) as { port: number; auth: string };
    expect(auth).toBe('local');
    const base = `http://127.0.0.1:${port}`;

    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', version: expect.any(String), connections: 0 });

    for (const page of ['/', '/join/ABCD2345']) {
      const response = await fetch(`${base}${page}`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="root">');
    }
    const signIn = await fetch(`${base}/trpc/auth.signInLocal`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ displayName: 'Sam' }),
    });
    expect(signIn.status).toBe(200);
    const { token } = ((await signIn.json()) as { result: { data: { token: string } } }).result.data;
    {
      await using member = connectClient(base, token, { transport: 'websocket' });
      expect(await member.api.system.whoami.query()).toMatchObject({ transport: 'websocket', connectionId: expect.any(String) });
    }

    // npm passes SIGTERM on to the server (the script `exec`s it, so no shell
    // stands between them) and exits with the server's own exit code.
    server.child.kill('SIGTERM');
    expect(await server.exited(15_000)).toBe(0);
    expect(server.output()).toContain('"msg":"shutting down"');
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

const redis = redisForTests();

/**
 * `npm run fleet` (`npm run build`, then `scripts/fleet.mjs`): two compiled
 * servers on one data folder and one Redis. The script runs after building
 * only the server: the SPA's build is `npm start`'s test above, and a second
 * one would only load the machine the browser tests share. In this file,
 * after `npm start`, not in a file beside it: both write into `dist/`, and
 * test files run in parallel.
 */
it.skipIf(!redis.available)('npm run fleet starts two servers of one fleet: a change made on one reaches a member on the other, and SIGTERM stops both', async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'honeydo-fleet-'));
  try {
    expect(spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' }).status).toBe(0);
    const ports = [await freePort(), await freePort()];
    await using fleet = run(process.execPath, ['scripts/fleet.mjs'], { FLEET_PORTS: ports.join(','), DATA_DIR: dataDir, REDIS_URL: redis.server().url, LOG_LEVEL: 'info' });
    await fleet.waitForLine(new RegExp(`\\[fleet\\]   http://127\\.0\\.0\\.1:${ports[1]}`), 90_000);
    const [one, two] = ports.map((port) => `http://127.0.0.1:${port}`) as [string, string];

    await using alex = await signIn(one, 'Alex');
    await using sam = await signIn(two, 'Sam');
    const { home, list } = await newHousehold(alex);
    await sam.api.household.join.mutate({ inviteCode: home.inviteCode });
    using events = recordEvents(alex.api, home.id);
    await events.waitUntil(...countOf('household:presence', 1));
    const milk = await sam.api.shopping.items.add.mutate({ listId: list.id, name: 'milk' });
    await events.waitUntil((received) => received.some(({ event }) => event.type === 'shopping:item:added' && event.item.id === milk.id), 'the add made on the other server');
    events.stop();

    fleet.child.kill('SIGTERM');
    expect(await fleet.exited(20_000)).toBe(0);
    expect(fleet.output().match(/"msg":"shutting down"/g)).toHaveLength(2);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 150_000);
