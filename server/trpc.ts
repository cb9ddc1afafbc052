import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import { householdId } from '../shared/schemas';
import { requireMembership } from './auth/membership';
import type { Context } from './context';

/** Zod's issues as one sentence a person can act on: "name: Item name cannot be empty." */
function describeZodError(error: ZodError): string {
  return error.issues
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join(' ');
}

const t = initTRPC.context<Context>().create({
  // Stack traces stay on the server unless a developer asks for them.
  isDev: process.env.NODE_ENV === 'development',
  errorFormatter({ shape, error }) {
    const zodError = error.cause instanceof ZodError ? error.cause : null;
    return {
      ...shape,
      message: zodError ? describeZodError(zodError) : shape.message,
      data: { ...shape.data, zodError: zodError ? z.flattenError(zodError) : null },
    };
  },
});

export const router = t.router;

export const publicProcedure = t.procedure;

/** Narrows `ctx.session` to a verified session (and `ctx.actor` to its user), or answers UNAUTHORIZED. */
export const authedProcedure = t.procedure.use(function isAuthed({ ctx, next }) {
  if (!ctx.session) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in to continue: the session token is missing, invalid or expired.' });
  }
  return next({ ctx: { ...ctx, session: ctx.session, actor: { userId: ctx.session.userId } } });
});

/** For procedures whose input names a household: the caller must be a member. */
export const householdProcedure = authedProcedure.input(z.object({ householdId })).use(function isMember({ ctx, input, next }) {
  const role = requireMembership(ctx.deps.db, input.householdId, ctx.session.userId);
  return next({ ctx: { ...ctx, role } });
});
