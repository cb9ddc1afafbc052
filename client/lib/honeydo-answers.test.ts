import http from 'node:http';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { startServer } from '../../tests/support/test-server';
import { honeyDoAnswers } from './honeydo-answers';

/** A loopback server of another kind: `http` answers every request with `answer`, `tcp` takes connections and never says a word (a request lost in a dead network). */
async function otherServer(kind: 'http' | 'tcp', answer?: (res: http.ServerResponse) => void): Promise<AsyncDisposable & { url: string }> {
  const sockets = new Set<net.Socket>();
  const server = kind === 'http' ? http.createServer((_req, res) => answer?.(res)) : net.createServer(() => undefined);
  server.on('connection', (socket: net.Socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the server has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    async [Symbol.asyncDispose]() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('asking whether HoneyDo answers over HTTP', () => {
  it('is yes for a running HoneyDo', async () => {
    await using server = await startServer();
    expect(await honeyDoAnswers(server.url)).toBe(true);
  });

  it('is no for a server that is down', async () => {
    const server = await startServer();
    const { url } = server;
    await server.close();
    expect(await honeyDoAnswers(url)).toBe(false);
  });

  it('is no, within its timeout, when the request is never answered', async () => {
    await using silent = await otherServer('tcp');
    const asked = performance.now();
    expect(await honeyDoAnswers(silent.url, 300)).toBe(false);
    expect(performance.now() - asked).toBeLessThan(2000);
  });

  it('is no for a page that is not HoneyDo’s: a captive portal’s sign-in page, a proxy’s error page', async () => {
    await using portal = await otherServer('http', (res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>Sign in to the Wi-Fi</h1>'));
    expect(await honeyDoAnswers(portal.url)).toBe(false);
    await using proxy = await otherServer('http', (res) => res.writeHead(502, { 'content-type': 'application/json' }).end('{"status":"ok"}'));
    expect(await honeyDoAnswers(proxy.url)).toBe(false);
  });
});
