import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { openRawSocket, refusedUpgrade, request } from '../../tests/support/raw-socket';
import { startServer } from '../../tests/support/test-server';

const REBINDING = 'rebind.attacker.example';

/** An HTTP POST with a `Host` of our choosing (fetch would not send one): its status and body. */
function post(baseUrl: string, path: string, host: string, body: unknown): Promise<{ status: number; body: string }> {
  const url = new URL(path, baseUrl);
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: 'POST', headers: { host, origin: `http://${host}`, 'content-type': 'application/json' } }, (res) => {
      let text = '';
      res.setEncoding('utf8').on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

describe('Host policy (DNS rebinding)', () => {
  it('local mode on loopback refuses a page on a rebinding name, over HTTP and WebSocket, with a message that says what to do', async () => {
    await using server = await startServer();
    const port = new URL(server.url).port;
    const rebound = `${REBINDING}:${port}`;

    const signInFromThere = await post(server.url, '/trpc/auth.signInLocal', rebound, { displayName: 'Mallory' });
    expect(signInFromThere.status).toBe(421);
    expect(JSON.parse(signInFromThere.body)).toEqual({
      error: `This server does not answer to the name "${rebound}": open it at localhost or 127.0.0.1, or add the name to ALLOWED_HOSTS.`,
    });
    expect(await refusedUpgrade(server.wsUrl, { headers: { host: rebound }, origin: `http://${rebound}` })).toBe(421);
  });

  it('loopback names, *.localhost and the names in ALLOWED_HOSTS are served', async () => {
    await using server = await startServer({ env: { ALLOWED_HOSTS: 'honeydo.home.arpa' } });
    const port = new URL(server.url).port;
    for (const name of ['127.0.0.1', 'localhost', '[::1]', 'app.localhost', 'honeydo.home.arpa']) {
      const host = `${name}:${port}`;
      const answer = await post(server.url, '/trpc/auth.signInLocal', host, { displayName: 'Alex' });
      expect(answer.status, host).toBe(200);
      const { token } = (JSON.parse(answer.body) as { result: { data: { token: string } } }).result.data;
      await using socket = await openRawSocket(server.wsUrl, { connectionParams: { token }, ws: { headers: { host }, origin: `http://${host}` } });
      socket.send(request(1, 'query', 'system.whoami'));
      expect(await socket.reply(1)).toMatchObject({ result: { data: { transport: 'websocket' } } });
    }
  });

  it('Clerk mode, whose tokens are never ambient, answers to any name', async () => {
    await using server = await startServer({ env: { CLERK_JWT_KEY: 'unused in this test' } });
    const answer = await post(server.url, '/healthz', `${REBINDING}:80`, {});
    expect(answer.status).toBe(200);
  });

  it('local mode behind LOCAL_PASSWORD on a network address answers to any name: the password is what guards it', async () => {
    await using server = await startServer({ env: { HOST: '0.0.0.0', LOCAL_PASSWORD: 'correct horse' }, host: '127.0.0.1' });
    const answer = await post(server.url, '/trpc/auth.signInLocal', `192.0.2.10:${new URL(server.url).port}`, { displayName: 'Alex', password: 'correct horse' });
    expect(answer.status).toBe(200);
  });
});
