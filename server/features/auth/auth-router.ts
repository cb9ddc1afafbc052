import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { inputs } from '../../../shared/schemas';
import type { User } from '../../../shared/types';
import { deviceKeyBelongsTo, issueDeviceKey } from '../../auth/device-keys';
import { signSessionToken } from '../../auth/session-token';
import { users } from '../../db/schema';
import { verify } from '../../context';
import type { Deps } from '../../deps';
import { authedProcedure, publicProcedure, router } from '../../trpc';

/** The local signing key and token lifetime, or a refusal when the server runs on Clerk. */
function localMode(deps: Deps): { signingKey: string; ttlSeconds: number; password?: string } {
  if (deps.config.auth.kind !== 'local' || !deps.localSigningKey) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Local sign-in is turned off: this server signs people in with Clerk.' });
  }
  return { signingKey: deps.localSigningKey, ttlSeconds: deps.config.auth.tokenTtlSeconds, password: deps.config.auth.password };
}

/** Compares digests so the comparison takes the same time whatever was typed. */
function samePassword(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** The shared household password, when the server has one: asked at every local sign-in. */
function checkPassword(local: { password?: string }, given: string | undefined): void {
  if (local.password && !samePassword(given ?? '', local.password)) {
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Wrong household password.' });
  }
}

const newSessionId = () => `sess_${randomUUID().replaceAll('-', '')}`;

async function issue(local: { signingKey: string; ttlSeconds: number }, userId: string, sessionId: string) {
  const token = await signSessionToken(local.signingKey, { userId, sessionId, ttlSeconds: local.ttlSeconds });
  return { token, expiresAt: new Date(Date.now() + local.ttlSeconds * 1000).toISOString() };
}

export const authRouter = router({
  /**
   * Over a WebSocket: a fresh token for the same user replaces the
   * connection's session in place, so a signed-in client keeps its
   * connection (and subscriptions) across token lifetimes without a
   * reconnect. Answers when the new token expires, to schedule the next one.
   */
  /**
   * Over a WebSocket: a fresh token for the same user replaces the
   * connection's session in place, so a signed-in client keeps its
   * connection (and subscriptions) across token lifetimes without a
   * reconnect. Answers when the new token expires, to schedule the next one.
   * The one call a connection whose session just expired may still make
   * (within the grace before it is closed): the fresh token is the proof.
   */
  renewConnection: publicProcedure.input(inputs.renewConnection).mutation(async ({ ctx, input }) => {
    const { connection } = ctx;
    if (!connection) {
      throw new TRPCError({ code: 'BAD_REQUEST', message: 'renewConnection works over the WebSocket only; over HTTP, send the token in the Authorization header.' });
    }
    if (!connection.session) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'This connection never signed in: reconnect with a token.' });
    await ctx.deps.rateLimits.mutations.consume(connection.session.userId);
    const renewed = await verify(ctx.deps, input.token, 'websocket');
    if (!renewed) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'That token is invalid or expired: sign in again.' });
    if (renewed.userId !== connection.session.userId) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'A connection cannot change who it is signed in as: open a new one.' });
    }
    connection.session = renewed;
    connection.onRenewed(renewed);
    return { expiresAt: new Date(renewed.expiresAt).toISOString() };
  }),

  /**
   * Local mode: a new member with this display name, a Clerk-shaped session
   * token for them, and a `deviceKey` for `resumeLocal`. A name alone never
   * signs in an existing member: that would let anyone be anyone.
   */
  signInLocal: publicProcedure.input(inputs.signInLocal).mutation(async ({ ctx, input }) => {
    const local = localMode(ctx.deps);
    await ctx.deps.rateLimits.signIns.consume(ctx.ip);
    checkPassword(local, input.password);
    const user: User = { id: `user_${randomUUID().replaceAll('-', '')}`, displayName: input.displayName };
    const deviceKey = ctx.deps.db.transaction((tx) => {
      tx.insert(users).values({ ...user, createdAt: Date.now() }).run();
      return issueDeviceKey(tx, user.id);
    });
    return { ...(await issue(local, user.id, newSessionId())), user, deviceKey };
  }),

  /** Local mode: the same member again, on a device that signed in as them before and kept its `deviceKey`. */
  resumeLocal: publicProcedure.input(inputs.resumeLocal).mutation(async ({ ctx, input }) => {
    const local = localMode(ctx.deps);
    await ctx.deps.rateLimits.signIns.consume(ctx.ip);
    checkPassword(local, input.password);
    const row = deviceKeyBelongsTo(ctx.deps.db, input.deviceKey, input.userId)
      ? ctx.deps.db.select().from(users).where(eq(users.id, input.userId)).get()
      : undefined;
    if (!row) {
      throw new TRPCError({ code: 'FORBIDDEN', message: 'This device can no longer sign in as that person. Sign in with your name instead.' });
    }
    const user: User = { id: row.id, displayName: row.displayName };
    return { ...(await issue(local, user.id, newSessionId())), user };
  }),

  /** Local mode: a fresh token for the same user and session, before the current one expires. */
  renewLocal: authedProcedure.mutation(async ({ ctx }) => {
    const local = localMode(ctx.deps);
    const row = ctx.deps.db.select().from(users).where(eq(users.id, ctx.actor.userId)).get();
    const user: User = { id: ctx.actor.userId, displayName: row?.displayName ?? '' };
    return { ...(await issue(local, user.id, ctx.session.sessionId)), user };
  }),
});
