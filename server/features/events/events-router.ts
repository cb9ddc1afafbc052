import { inputs } from '../../../shared/schemas';
import { refusalsAtTheEdge } from '../../edge-errors';
import { endedBy } from '../../events/push-stream';
import { householdProcedure, router } from '../../trpc';
import { reportApplied } from './applied-reports';
import { householdStream } from './household-stream';

export const eventsRouter = router({
  /**
   * Every event of one household as `tracked(eventId, event)`. The client's
   * wsLink resends the last id as `lastEventId` when it reconnects, which is
   * why the input declares it (zod would strip it otherwise). Over
   * Server-Sent Events tRPC reads it from `Last-Event-ID` (or `lastEventId`
   * in the query) into the same input, and the same replay serves both. An
   * SSE stream also ends when its transport says its time is up.
   */
  household: householdProcedure.input(inputs.householdEvents).subscription(({ ctx, input, signal }) =>
    endedBy(
      refusalsAtTheEdge(
        householdStream(ctx.deps, {
          householdId: input.householdId,
          userId: ctx.actor.userId,
          lastEventId: input.lastEventId == null ? null : Number(input.lastEventId),
          signal,
          connection: ctx.connection,
        }),
      ),
      ctx.streamEnd,
    ),
  ),

  /** A device says how far it has applied the stream; members hear `household:seen`. Not a write: no commit, no event log. */
  applied: householdProcedure.input(inputs.eventsApplied).mutation(({ ctx, input }) => {
    reportApplied(ctx.deps, ctx.actor, input);
    return { ok: true as const };
  }),
});
