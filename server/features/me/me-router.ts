import { eq } from 'drizzle-orm';
import { inputs } from '../../../shared/schemas';
import type { User } from '../../../shared/types';
import { users } from '../../db/schema';
import { commitAndPublish } from '../../events/commit';
import { authedProcedure, router } from '../../trpc';
import { getHousehold, listHouseholdsOf } from '../households/household-queries';

export const meRouter = router({
  get: authedProcedure.query(({ ctx }) => {
    const user = ctx.deps.db.select().from(users).where(eq(users.id, ctx.actor.userId)).get();
    if (!user) throw new Error(`user ${ctx.actor.userId} has a session but no row`);
    return {
      user: { id: user.id, displayName: user.displayName } satisfies User,
      households: listHouseholdsOf(ctx.deps.db, user.id),
    };
  }),

  /** A rename is announced to every household the caller belongs to. */
  update: authedProcedure.input(inputs.meUpdate).mutation(({ ctx, input }) =>
    commitAndPublish(ctx.deps, ctx.actor, (tx, emit): User => {
      tx.update(users).set({ displayName: input.displayName }).where(eq(users.id, ctx.actor.userId)).run();
      for (const { id } of listHouseholdsOf(tx, ctx.actor.userId)) {
        emit(id, { type: 'household:updated', household: getHousehold(tx, id) });
      }
      return { id: ctx.actor.userId, displayName: input.displayName };
    }),
  ),
});
