import net from 'node:net';

export interface SilentProxy extends AsyncDisposable {
  /** Where the page should go: http://127.0.0.1:<port>, forwarding to the server. */
  url: string;
  /** The network goes silent: nothing is forwarded any more, and no connection is closed, old or new (a tunnel, a half-open TCP connection). */
  silence(): void;
  /**
   * Only plain HTTP gets through (a proxy that passes no WebSocket): open
   * WebSockets are reset, and so is each new upgrade, until `restore()`.
   * `alsoEventStreams`: requests for Server-Sent Events are reset too (a
   * proxy that passes nothing long-lived), so not even the fallback is live.
   */
  refuseWebSocketUpgrades(options?: { alsoEventStreams?: boolean }): void;
  /** The network is back. Connections from the silent spell are reset, as the server forgot them meanwhile; new ones are forwarded. */
  restore(): void;
}

/**
 * A loopback TCP proxy between a page and a server that can go silent
 * without closing anything, which is what a dead network looks like to a
 * browser: its sockets stay open and simply hear nothing.
 */
export async function startSilentProxy(targetUrl: string): Promise<SilentProxy> {
  const target = new URL(targetUrl);
  /** Every socket the proxy holds, both ends, for the clean-up. */
  const sockets = new Set<net.Socket>();
  /** The page's connections that the network dropped: read and never answered, never closed. */
  const lost = new Set<net.Socket>();
  const clients = new Set<net.Socket>();
  const webSockets = new Set<net.Socket>();
  let silent = false;
  let upgradesRefused = false;
  let eventStreamsRefused = false;
  const held = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    return socket;
  };

  const server = net.createServer((client) => {
    held(client);
    clients.add(client);
    client.on('close', () => clients.delete(client));
    if (silent) {
      lost.add(client);
      client.on('data', () => undefined);
      return;
    }
    const upstream = held(net.connect(Number(target.port), target.hostname));
    client.on('data', (chunk: Buffer) => {
      if (isWebSocketUpgrade(chunk)) {
        if (upgradesRefused) return client.resetAndDestroy();
        webSockets.add(client);
      }
      if (eventStreamsRefused && isEventStreamRequest(chunk)) return client.resetAndDestroy();
      if (!lost.has(client)) upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!lost.has(client)) client.write(chunk);
    });
    // A close from the server's side does not get through a dead network either.
    upstream.on('close', () => {
      if (!lost.has(client)) client.destroy();
    });
    client.on('close', () => {
      webSockets.delete(client);
      upstream.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the proxy has no port');

  return {
    url: `http://127.0.0.1:${address.port}`,
    silence() {
      silent = true;
      for (const client of clients) lost.add(client);
    },
    refuseWebSocketUpgrades({ alsoEventStreams = false } = {}) {
      upgradesRefused = true;
      eventStreamsRefused = alsoEventStreams;
      for (const webSocket of webSockets) webSocket.resetAndDestroy();
    },
    restore() {
      silent = false;
      upgradesRefused = false;
      eventStreamsRefused = false;
      for (const client of lost) client.resetAndDestroy();
      lost.clear();
    },
    async [Symbol.asyncDispose]() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The first bytes a WebSocket sends: an HTTP request asking to upgrade. Later frames are masked and never read as one. */
function isWebSocketUpgrade(chunk: Buffer): boolean {
  return /^GET [^\r\n]+ HTTP\/1\.1\r\n(?:[^\r\n]+\r\n)*upgrade: *websocket\r\n/i.test(chunk.toString('latin1'));
}

/** A request for Server-Sent Events, as an EventSource sends it. */
function isEventStreamRequest(chunk: Buffer): boolean {
  return /^GET [^\r\n]+ HTTP\/1\.1\r\n(?:[^\r\n]+\r\n)*accept: *text\/event-stream\r\n/i.test(chunk.toString('latin1'));
}
