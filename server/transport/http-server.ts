import type { AnyProcedure, TRPCError } from '@trpc/server';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import sirv from 'sirv';
import { bearerToken, createContext, type Context } from '../context';
import type { Deps } from '../deps';
import { appRouter } from '../router';
import { createHttpMutationHandler } from './http-mutations';
import { clientIp, hostRefusal, isAllowedHost, isAllowedOrigin } from './origin-policy';
import { createSseSubscriptions } from './sse-subscriptions';
import type { WebSocketConnections } from './ws-connections';

export interface HttpStatus {
  openConnections(): number;
  /** With REDIS_URL: whether Redis can be reached now; null without. */
  redisReachable: (() => boolean) | null;
}

const { version: VERSION } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

/**
 * The API's two HTTP handlers: tRPC's adapter, and in front of it the busy
 * path, mutations, answered as the adapter answers them for less
 * (http-mutations.ts), which leaves everything else to the adapter.
 */
export function trpcHttpHandlers(deps: Deps, prepared: WeakMap<IncomingMessage, Context> = new WeakMap()) {
  const limits = { maxBodySize: deps.config.limits.httpMaxBodyBytes, maxBatchSize: deps.config.limits.maxBatchSize };
  const httpContext = (req: IncomingMessage) => createContext(deps, bearerToken(req.headers.authorization), null, clientIp(req));
  const onError = ({ error, path }: { error: TRPCError; path: string | undefined }) => {
    if (error.code === 'INTERNAL_SERVER_ERROR') deps.log.error({ err: error, path }, 'procedure failed');
  };
  const adapter = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    // Unlimited by default in tRPC; a client's httpBatchLink must use the same or a lower maxItems.
    ...limits,
    // tRPC sets its own `vary`, replacing the `Origin` that applyCors put there;
    // this adds it back, so no cache hands one origin's CORS answer to another.
    responseMeta: () => ({ headers: new Headers([['vary', 'Origin']]) }),
    // A subscription's stream was admitted with its context (sse-subscriptions.ts).
    createContext: ({ req }) => prepared.get(req) ?? httpContext(req),
    onError,
  });
  // `vary` as the adapter's: its own two, then responseMeta's.
  const mutations = createHttpMutationHandler({ router: appRouter, ...limits, vary: 'trpc-accept, accept, Origin', createContext: httpContext, onError });
  return { adapter, mutations };
}

/**
 * One HTTP server for the API (`/trpc`: calls, and subscriptions as
 * Server-Sent Events), the health check and the built SPA. The WebSocket
 * server attaches to it for the same port; `connections` counts both.
 */
export function createHttpServer(deps: Deps, status: HttpStatus, connections: WebSocketConnections) {
  const prepared = new WeakMap<IncomingMessage, Context>();
  const { adapter: trpc, mutations } = trpcHttpHandlers(deps, prepared);
  const streams = createSseSubscriptions(deps, connections, prepared, trpc);
  const spa = existsSync(deps.config.staticDir) ? sirv(deps.config.staticDir, { single: true, etag: true, gzip: true, setHeaders: cacheHeaders }) : null;

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (!isAllowedHost(req, deps.config.allowedHosts)) return sendJson(res, 421, { error: hostRefusal(req) });
    if (url === '/healthz' || url.startsWith('/healthz?')) return healthz(res, status);
    if (url === '/metrics') return void metrics(res, deps);
    if (url.startsWith('/trpc/') || url === '/trpc') {
      if (!applyCors(req, res, deps.config.allowedOrigins)) return;
      // First: it takes only calls that are all mutations, and it is the busy path.
      if (mutations(req, res, url)) return;
      const subscription = req.method === 'GET' ? subscriptionIn(url) : undefined;
      if (subscription) return streams.handle(req, res, subscription);
      return trpc(req, res);
    }
    if (spa) return spa(req, res, () => notFound(res));
    return notFound(res, 'The web app is not built yet: run `npm run build` (npm start does it for you).');
  });
  // At shutdown `server.close()` drops the idle keep-alive connections; one that
  // was busy with a request would linger until its keep-alive timeout and hold
  // the shutdown up. Let it go as soon as its answer is sent.
  server.on('request', (_req: IncomingMessage, res: ServerResponse) => {
    res.once('finish', () => {
      if (!server.listening) server.closeIdleConnections();
    });
  });
  return { server, streams };
}

/**
 * Built assets carry a content hash in their name and never change; anything
 * else (the page, the service worker and its register script) is asked for
 * again each time, so a new build, and a new service worker, reach people on
 * their next load instead of whenever a heuristic cache lets go.
 */
function cacheHeaders(res: ServerResponse, pathname: string): void {
  res.setHeader('cache-control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * Still 200 while Redis is unreachable: this process serves its own members
 * meanwhile (docs/decisions/0016-redis-bus-across-processes.md), and a load
 * balancer that took every process out for it would serve nobody.
 */
function healthz(res: ServerResponse, status: HttpStatus): void {
  const redis = status.redisReachable?.();
  sendJson(res, 200, {
    status: redis === false ? 'degraded' : 'ok',
    ...(redis === undefined ? {} : { redis: redis ? 'ok' : 'unreachable' }),
    version: VERSION,
    connections: status.openConnections(),
    uptimeSeconds: Math.round(process.uptime()),
  });
}

/** Prometheus text format. Operational counts only, no user data; restrict it at the proxy if exposed. */
async function metrics(res: ServerResponse, deps: Deps): Promise<void> {
  const { registry } = deps.metrics;
  res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
  res.end(await registry.metrics());
}

// At run time a router's procedures are one flat record by dotted path; its type nests them.
const SUBSCRIPTIONS = new Set(
  Object.entries(appRouter._def.procedures as unknown as Record<string, AnyProcedure>)
    .filter(([, procedure]) => procedure._def.type === 'subscription')
    .map(([path]) => path),
);

/** The subscription a `/trpc/<path>[,<path>]` request names, if any. */
function subscriptionIn(url: string): string | undefined {
  const paths = url.slice('/trpc/'.length).split('?')[0] ?? '';
  return paths.split(',').map(decoded).find((path) => SUBSCRIPTIONS.has(path));
}

function decoded(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path; // tRPC answers a path it cannot read itself
  }
}

function notFound(res: ServerResponse, message = 'Not found'): void {
  sendJson(res, 404, { error: message });
}

function sendJson(res: ServerResponse, statusCode: number, body: unknown): void {
  res.writeHead(statusCode, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

/**
 * CORS for the origins in ALLOWED_ORIGINS; same-origin needs none. Answers a
 * preflight itself and returns false then, or for an origin that is refused.
 */
function applyCors(req: IncomingMessage, res: ServerResponse, allowedOrigins: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!isAllowedOrigin(req, allowedOrigins)) {
    sendJson(res, 403, { error: `Origin ${origin} is not allowed. Add it to ALLOWED_ORIGINS to call this API from there.` });
    return false;
  }
  if (origin && allowedOrigins.includes(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'Origin');
    res.setHeader('access-control-allow-headers', 'authorization, content-type, trpc-accept, last-event-id');
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  }
  if (req.method === 'OPTIONS') {
    res.writeHead(204).end();
    return false;
  }
  return true;
}
