import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import { clientId, householdId } from '../shared/schemas';
import { requireMembership } from './auth/membership';
import { currentSession, type Context } from './context';
import { DomainError } from './domain-error';
import { refusalToTRPCError } from './edge-errors';
import { commitFor } from './events/commit';
import { RetryAfter } from './rate-limits';

/** Zod's issues as one sentence a person can act on: "name: Item name cannot be empty." */
function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join(' ');
}

/** tRPC names an over-long body by its code only; say what happened and what to do. */
function describeTooLarge(ctx: Context | undefined): string {
  const limit = ctx?.deps.config.limits.httpMaxBodyBytes;
  return `The request is larger than the ${limit ? `${limit} bytes` : 'size'} this server accepts (HTTP_MAX_BODY_BYTES): send fewer or smaller changes at a time.`;
}

/** How often a quiet SSE stream gets tRPC's `ping` event. */
export const SSE_PING_INTERVAL_MS = 10_000;
/** A stream that says nothing for this long (no event, no ping) is given up by tRPC's client, which opens a new one. */
export const SSE_CLIENT_RECONNECT_AFTER_MS = 25_000;

const t = initTRPC.context<Context>().create({
  // Stack traces stay on the server unless a developer asks for them.
  isDev: process.env.NODE_ENV === 'development',
  // Subscriptions also travel as Server-Sent Events, for networks that refuse
  // WebSocket (docs/decisions/0019-sse-fallback.md). The HTTP server admits
  // each stream first (transport/sse-subscriptions.ts: the WebSocket's limits
  // and session deadlines); tRPC pings a quiet stream, and its client opens a
  // new one when it has heard nothing, ping or event, for a while.
  sse: {
    enabled: true,
    ping: { enabled: true, intervalMs: SSE_PING_INTERVAL_MS },
    client: { reconnectAfterInactivityMs: SSE_CLIENT_RECONNECT_AFTER_MS },
  },
  errorFormatter({ shape, error, ctx }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    const tooLarge = error.code === 'PAYLOAD_TOO_LARGE' && error.message === 'PAYLOAD_TOO_LARGE';
    return {
      ...shape,
      message: zodError ? describeZodError(zodError) : tooLarge ? describeTooLarge(ctx) : shape.message,
      data: {
        ...shape.data,
        zodError: zodError ? z.flattenError(zodError) : null,
        // TOO_MANY_REQUESTS says when another try will be accepted.
        ...(error.cause instanceof RetryAfter ? { retryAfterMs: error.cause.retryAfterMs } : {}),
      },
    };
  },
});

export const router = t.router;

/**
 * Every mutation is timed, counted by outcome and logged with its caller;
 * never its input (it may hold a password). A service's refusal becomes the
 * API's error here, before the outcome is read, so metrics and logs see its
 * code. (One middleware for both: tRPC copies the call's options and context
 * at every step, on the path each mutation takes.)
 */
export const publicProcedure = t.procedure.use(async function observedWithApiCodes({ ctx, path, type, next }) {
  const started = performance.now();
  const result = await next();
  const refusal = !result.ok && result.error.cause instanceof DomainError ? refusalToTRPCError(result.error.cause) : null;
  if (type === 'mutation') {
    const seconds = (performance.now() - started) / 1000;
    const outcome = refusal?.code ?? (result.ok ? 'ok' : result.error.code);
    ctx.deps.metrics.mutationDuration.observe({ path, outcome }, seconds);
    if (outcome === 'TOO_MANY_REQUESTS') ctx.deps.metrics.rateLimited.inc({ path });
    ctx.log.info({ path, outcome, ms: Math.round(seconds * 1000) }, 'mutation');
  }
  if (refusal) throw refusal;
  return result;
});

/**
 * Narrows `ctx.session` to a verified, unexpired session (and `ctx.actor` to
 * its user), or answers UNAUTHORIZED; holds each user's queries and
 * mutations to their rate limits. A WebSocket's session is checked against
 * its expiry on every call, not only when the connection opened.
 */
export const authedProcedure = publicProcedure.use(async function isAuthed({ ctx, type, next }) {
  const session = currentSession(ctx);
  if (!session || session.expiresAt <= Date.now()) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue: the session token is missing, invalid or expired.' });
  }
  if (type === 'mutation') await ctx.deps.rateLimits.mutations.consume(session.userId);
  else if (type === 'query') await ctx.deps.rateLimits.queries.consume(session.userId);
  return next({ ctx: { session, actor: { userId: session.userId } } });
});

/** For procedures whose input names a household: the caller must be a member. */
export const householdProcedure = authedProcedure.input(z.object({ householdId })).use(function isMember({ ctx, input, next }) {
  const role = requireMembership(ctx.deps.db, input.householdId, ctx.session.userId);
  return next({ ctx: { role } });
});

/**
 * For mutations that change data: `ctx.commit` is the one way they write
 * (transaction, event log, publish after commit), named by tRPC's own path.
 */
export const writeProcedure = authedProcedure.use(function commitsAlone({ ctx, path, next }) {
  return next({ ctx: { commit: commitFor(ctx.deps, { actor: ctx.actor, path, grouped: false }) } });
});

/**
 * Item mutations: the busy path. They carry the caller's `clientId` into the
 * event, so the caller can recognise its echo, and into a receipt, so a retry
 * is applied once; and they share commits with the item changes that arrive
 * together (docs/decisions/0003-sqlite-durability.md).
 */
export const itemWriteProcedure = authedProcedure.input(z.object({ clientId: clientId.optional() })).use(function commitsGrouped({ ctx, path, input, next }) {
  return next({ ctx: { commit: commitFor(ctx.deps, { actor: { ...ctx.actor, clientId: input.clientId }, path, grouped: true }) } });
});
