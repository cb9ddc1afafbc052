import { eq, sql } from 'drizzle-orm';
import type { Logger } from 'pino';
import { LIMITS } from '../shared/limits';
import type { Session } from './auth/verify-session';
import { preparedQuery } from './db/prepared';
import { users } from './db/schema';
import type { Deps } from './deps';

/** What a WebSocket connection knows about itself; HTTP requests have none. */
export interface ConnectionState {
  id: string;
  /** Open subscriptions by their tRPC id, for `system.whoami`. */
  subscriptions: Map<string, { path: string; householdId: string }>;
  /**
   * The session the socket runs on. tRPC builds a connection's context once;
   * this is what `auth.renewConnection` replaces, so it is the one that counts.
   */
  session: Session | null;
  /** Moves the socket's expiry deadlines to a renewed session. */
  onRenewed(session: Session): void;
}

export interface Context {
  deps: Deps;
  session: Session | null;
  connection: ConnectionState | null;
  /** The peer's address, for limits keyed by it (sign-ins). */
  ip: string;
  log: Logger;
  /**
   * A subscription served as Server-Sent Events (transport/sse-subscriptions.ts):
   * aborts, with the TRPCError to end on, when the stream's time is up (its
   * session's renewal, a shutdown).
   */
  streamEnd?: AbortSignal;
}

const DEFAULT_DISPLAY_NAME = 'New member';

/**
 * Builds the context for HTTP and WebSocket alike. It never throws: a missing
 * or bad token is `session: null` and `authedProcedure` answers UNAUTHORIZED.
 * (Over WebSocket a throw here makes the client reconnect in a storm.)
 */
export async function createContext(deps: Deps, token: string | null, connection: ConnectionState | null, ip: string): Promise<Context> {
  const session = token ? await verify(deps, token, connection ? 'websocket' : 'http') : null;
  return { deps, session, connection, ip, log: logFor(deps, session, connection) };
}

/**
 * A child logger per session over HTTP, per connection over WebSocket. A
 * pino child serialises its bindings and sets up redaction when made; made
 * per request, that was a visible part of every HTTP call's cost.
 */
function logFor(deps: Deps, session: Session | null, connection: ConnectionState | null): Logger {
  if (connection) return deps.log.child({ ...(session ? { userId: session.userId } : {}), connectionId: connection.id });
  if (!session) return deps.log;
  let log = sessionLogs.get(session);
  if (!log) {
    log = deps.log.child({ userId: session.userId });
    sessionLogs.set(session, log);
  }
  return log;
}

/** The session cache hands out one object per token until it expires (see `usersKnown`). */
const sessionLogs = new WeakMap<Session, Logger>();

/** Verifies a token, making sure its user has a row; counts refusals. */
export async function verify(deps: Deps, token: string, transport: 'http' | 'websocket'): Promise<Session | null> {
  const session = await deps.verifySession(token);
  if (!session) deps.metrics.authRejected.inc({ transport });
  else if (!usersKnown.has(session)) {
    ensureUser(deps, session);
    usersKnown.add(session);
  }
  return session;
}

/**
 * Sessions whose user has a row. The session cache hands out the same object
 * for a token until it expires, so each request after the first skips the
 * lookup (one query of every HTTP call); user rows are never deleted.
 */
const usersKnown = new WeakSet<Session>();

/** The session a call runs under: a WebSocket's current one (it may have been renewed), or the request's. */
export function currentSession(ctx: Context): Session | null {
  return ctx.connection ? ctx.connection.session : ctx.session;
}

const selectUser = preparedQuery((db) =>
  db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.id, sql.placeholder('userId')))
    .prepare(),
);

/** A verified identity we have not seen yet (first Clerk sign-in) gets a user row. */
function ensureUser(deps: Deps, session: Session): void {
  const known = selectUser(deps.db).get({ userId: session.userId });
  if (known) return;
  deps.db
    .insert(users)
    .values({ id: session.userId, displayName: session.name ? asDisplayName(session.name) : DEFAULT_DISPLAY_NAME, createdAt: Date.now() })
    .onConflictDoNothing()
    .run();
}

/**
 * The identity provider's name within the limit every other display name
 * keeps (the SPA's fields and `me.update` assume it), cut at a whole character.
 */
function asDisplayName(name: string): string {
  return name.toWellFormed().slice(0, LIMITS.displayName).replace(/[\uD800-\uDBFF]$/, '').trimEnd();
}

/** The bearer token of an `Authorization` header, if it has one. */
export function bearerToken(header: string | undefined): string | null {
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}
