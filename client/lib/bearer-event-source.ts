import { EventSource } from 'eventsource';

/**
 * An EventSource that sends `Authorization: Bearer <token>`, asked for again
 * on every (re)connect, so a stream the server ended at its session's renewal
 * comes back with a fresh token. The browser's own EventSource sends no
 * headers; the `eventsource` package is the same WHATWG EventSource (it
 * reconnects by itself and sends `Last-Event-ID`) over `fetch`, which lets us
 * add one (docs/decisions/0019-sse-fallback.md). A token in the URL would end
 * up in logs and proxies' histories.
 */
export function bearerEventSource(token: () => Promise<string | null>): typeof globalThis.EventSource {
  return class BearerEventSource extends EventSource {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, {
        ...init,
        fetch: async (input, fetchInit) => {
          const current = await token();
          return fetch(input, { ...fetchInit, headers: { ...fetchInit.headers, ...(current ? { authorization: `Bearer ${current}` } : {}) } });
        },
      });
    }
  } as unknown as typeof globalThis.EventSource;
}
