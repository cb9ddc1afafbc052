import type { IncomingMessage } from 'node:http';

/**
 * Same origin is always allowed (the `Origin`'s host equals the request's
 * `Host`), and so is a request without an `Origin` (Node scripts, curl: no
 * browser, so no ambient cookies to hijack). Other origins only when listed.
 * This is what refuses cross-site WebSocket hijacking: `ws` accepts any Origin.
 */
export function isAllowedOrigin(req: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowedOrigins.includes(origin)) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** The peer's address. Proxy headers are not trusted: behind a proxy every client shares its address. */
export function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
