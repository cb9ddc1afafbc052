import { initTRPC, TRPCError, type ProcedureType } from '@trpc/server';
import { z, ZodError } from 'zod';
import { householdId } from '../shared/schemas';
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

type CallOutcome = { ok: true } | { ok: false; error: TRPCError };

/**
 * Every mutation is timed, counted by outcome and logged with its caller;
 * never its input (it may hold a password). A service's refusal becomes the
 * API's error here, before the outcome is read, so metrics and logs see its
 * code. A step the caller wraps (the sign-in check) may throw: its error is
 * counted like any other. This is a function that middlewares call rather
 * than a middleware of its own: tRPC copies the call's options and context at
 * every middleware, on the path each mutation takes.
 */
async function observed<R extends CallOutcome>(ctx: Context, path: string, type: ProcedureType, call: () => Promise<R>): Promise<R> {
  const observation = { path, type, started: performance.now() };
  let result: R;
  try {
    result = await call();
  } catch (cause) {
    throw record(ctx, observation, cause instanceof TRPCError ? cause : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause }));
  }
  if (!result.ok) throw record(ctx, observation, result.error);
  record(ctx, observation, null);
  return result;
}

/** Counts and logs a call's outcome; returns the error to answer with, a refusal's as the API names it. */
function record<E extends TRPCError | null>(ctx: Context, call: { path: string; type: ProcedureType; started: number }, error: E): TRPCError | E {
  const answer = error?.cause instanceof DomainError ? refusalToTRPCError(error.cause) : error;
  if (call.type === 'mutation') {
    const { path } = call;
    const seconds = (performance.now() - call.started) / 1000;
    const outcome = answer?.code ?? 'ok';
    ctx.deps.metrics.mutationDuration.observe({ path, outcome }, seconds);
    if (outcome === 'TOO_MANY_REQUESTS') ctx.deps.metrics.rateLimited.inc({ path });
    ctx.log.info({ path, outcome, ms: Math.round(seconds * 1000) }, 'mutation');
  }
  return answer;
}

export const publicProcedure = t.procedure.use(function observedWithApiCodes({ ctx, path, type, next }) {
  return observed(ctx, path, type, () => next());
});

/**
 * Narrows `ctx.session` to a verified, unexpired session (and `ctx.actor` to
 * its user), or answers UNAUTHORIZED; holds each user's queries and
 * mutations to their rate limits. A WebSocket's session is checked against
 * its expiry on every call, not only when the connection opened. Observed as
 * `publicProcedure` is, in the same middleware.
 */
export const authedProcedure = t.procedure.use(function observedAndAuthed({ ctx, path, type, next }) {
  return observed(ctx, path, type, async () => {
    const session = currentSession(ctx);
    if (!session || session.expiresAt <= Date.now()) {
      throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue: the session token is missing, invalid or expired.' });
    }
    if (type === 'mutation') await ctx.deps.rateLimits.mutations.consume(session.userId);
    else if (type === 'query') await ctx.deps.rateLimits.queries.consume(session.userId);
    return next({ ctx: { session, actor: { userId: session.userId } } });
  });
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
 * together (docs/decisions/0003-sqlite-durability.md). Made from the
 * procedure's own input, which names the `clientId`, so that the input is
 * parsed once: `itemWriteProcedure(inputs.itemAdd).mutation(...)`.
 */
export function itemWriteProcedure<Input extends z.ZodType<{ clientId?: string | undefined }>>(input: Input) {
  return authedProcedure.input(input).use(function commitsGrouped({ ctx, path, input, next }) {
    return next({ ctx: { commit: commitFor(ctx.deps, { actor: { ...ctx.actor, clientId: input.clientId }, path, grouped: true }) } });
  });
}
