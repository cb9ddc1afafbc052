import { eq } from 'drizzle-orm';
import { inputs } from '../../../shared/schemas';
import type { User } from '../../../shared/types';
import { users } from '../../db/schema';
import { authedProcedure, router, writeProcedure } from '../../trpc';
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
  update: writeProcedure.input(inputs.meUpdate).mutation(({ ctx, input }) =>
    ctx.commit((tx, emit, actor): User => {
      tx.update(users).set({ displayName: input.displayName }).where(eq(users.id, actor.userId)).run();
      for (const { id } of listHouseholdsOf(tx, actor.userId)) {
        emit(id, { type: 'household:updated', household: getHousehold(tx, id) });
      }
      return { id: actor.userId, displayName: input.displayName };
    }),
  ),
});
