/** An opening handshake that has not finished by then is going nowhere: it is given up, and the next attempt starts. */
const OPEN_TIMEOUT_MS = 10_000;

/**
 * A WebSocket whose `close()` takes effect at once. On a silent connection
 * (the network gone, the socket never closed: a phone in a tunnel, a
 * half-open TCP connection) the browser fires `close` only when the server
 * answers the closing handshake, or when it gives up waiting, a minute
 * later. tRPC's keep-alive calls `close()` as soon as a pong does not come,
 * but reconnects only on `close`: without this, a silence found within
 * seconds would keep the app "Live" for another minute. The browser's own
 * late events of a socket already reported closed are dropped, so nothing
 * reconnects twice.
 *
 * Made on first use: `WebSocket` exists in the browser, not in every runtime
 * that imports the API client's module.
 */
export function promptlyClosingWebSocket(): typeof WebSocket {
  return class PromptlyClosingWebSocket extends WebSocket {
    #reportedClosed = false;

    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      // Added before anyone else's listener, so it can stop a late event before it reaches them.
      for (const type of ['open', 'message', 'error', 'close']) {
        this.addEventListener(type, (event) => {
          if (!event.isTrusted) return;
          if (this.#reportedClosed) event.stopImmediatePropagation();
          else if (type === 'close') this.#reportedClosed = true;
        });
      }
      const openTimeout = setTimeout(() => this.close(), OPEN_TIMEOUT_MS);
      this.addEventListener('open', () => clearTimeout(openTimeout));
      this.addEventListener('close', () => clearTimeout(openTimeout));
    }

    override close(code?: number, reason?: string): void {
      const wasConnecting = this.readyState === WebSocket.CONNECTING;
      super.close(code, reason);
      if (this.#reportedClosed || this.readyState === WebSocket.CLOSED) return;
      this.#reportedClosed = true;
      // As the browser reports a handshake that failed: an error, then the close.
      if (wasConnecting) this.dispatchEvent(new Event('error'));
      this.dispatchEvent(new CloseEvent('close', { code: 1006, wasClean: false }));
    }
  };
}
