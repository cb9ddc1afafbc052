import { TRPCError } from '@trpc/server';
import { randomUUID } from 'node:crypto';
import { inputs } from '../../../shared/schemas';
import { householdProcedure, router } from '../../trpc';
import { householdStream } from './household-stream';

export const eventsRouter = router({
  /**
   * Every event of one household as `tracked(eventId, event)`. The client's
   * wsLink resends the last id as `lastEventId` when it reconnects, which is
   * why the input declares it (zod would strip it otherwise).
   */
  household: householdProcedure.input(inputs.householdEvents).subscription(async function* ({ ctx, input, signal }) {
    const max = ctx.deps.config.limits.subscriptionsPerConnection;
    if (ctx.connection && ctx.connection.subscriptions.size >= max) {
      throw new TRPCError({ code: 'TOO_MANY_REQUESTS', message: `This connection already has ${max} subscriptions open, the most it may: end one first.` });
    }
    const key = randomUUID();
    ctx.connection?.subscriptions.set(key, { path: 'events.household', householdId: input.householdId });
    ctx.deps.metrics.subscriptions.inc();
    try {
      yield* householdStream(ctx.deps, {
        householdId: input.householdId,
        userId: ctx.actor.userId,
        lastEventId: input.lastEventId == null ? null : Number(input.lastEventId),
        signal: signal ?? new AbortController().signal,
      });
    } finally {
      ctx.deps.metrics.subscriptions.dec();
      ctx.connection?.subscriptions.delete(key);
    }
  }),
});
