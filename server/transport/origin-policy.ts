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

/**
 * Whether the request's `Host` is one this server answers to. Local mode on
 * loopback has no password, so "same origin" alone would let a DNS-rebinding
 * page (a foreign name that now resolves to 127.0.0.1) sign in and talk to it
 * as if it were HoneyDo's own page; the name in `Host` is what gives it away.
 * `null` allows any host (Clerk mode, or local mode behind its password).
 */
export function isAllowedHost(req: IncomingMessage, allowedHosts: readonly string[] | null): boolean {
  if (!allowedHosts) return true;
  const name = hostName(req.headers.host);
  if (name === null) return false;
  return name.endsWith('.localhost') || allowedHosts.some((allowed) => hostName(allowed) === name);
}

/** `Host: [::1]:3000` and `::1` both as `::1`; lower case; null for what is not a host. */
function hostName(host: string | undefined): string | null {
  if (!host) return null;
  const bare = host.includes(':') && !host.startsWith('[') && host.indexOf(':') !== host.lastIndexOf(':') ? `[${host}]` : host;
  try {
    return new URL(`http://${bare}`).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  } catch {
    return null;
  }
}

/** What a refused host is told, with the way out. */
export function hostRefusal(req: IncomingMessage): string {
  return `This server does not answer to the name ${JSON.stringify(req.headers.host ?? '')}: open it at localhost or 127.0.0.1, or add the name to ALLOWED_HOSTS.`;
}

/** The peer's address. Proxy headers are not trusted: behind a proxy every client shares its address. */
export function clientIp(req: IncomingMessage): string {
  return req.socket.remoteAddress ?? 'unknown';
}
