import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { connectClient } from './support/clients';
import { run } from './support/processes';

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
