import { authedProcedure, router } from '../../trpc';

export const systemRouter = router({
  /** Who the server thinks you are, and what this connection is subscribed to. */
  whoami: authedProcedure.query(({ ctx }) => ({
    userId: ctx.session.userId,
    sessionId: ctx.session.sessionId,
    expiresAt: new Date(ctx.session.expiresAt).toISOString(),
    transport: ctx.connection ? ('websocket' as const) : ('http' as const),
    connectionId: ctx.connection?.id ?? null,
    subscriptions: [...(ctx.connection?.subscriptions.values() ?? [])],
  })),
});
