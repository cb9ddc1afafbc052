import { inputs } from '../../../shared/schemas';
import type { HouseholdWithPresence } from '../../../shared/types';
import { authedProcedure, householdProcedure, router, writeProcedure } from '../../trpc';
import { getHousehold } from './household-queries';
import {
  createHousehold,
  joinHousehold,
  leaveHousehold,
  notify,
  removeMember,
  renameHousehold,
  rotateInvite,
  setCategories,
} from './households-service';
import { findEarlierSignIns, mergeEarlierSignIn } from './earlier-sign-ins';
import { householdActivity } from './household-activity';
import { previewInvite } from './invite-preview';

export const householdsRouter = router({
  create: writeProcedure.input(inputs.householdCreate).mutation(({ ctx, input }) => createHousehold(ctx.deps, ctx.commit, input)),

  // Both try an invite code, so both take from one allowance per address as
  // well as the user's own: in local mode a new account costs nothing.
  join: writeProcedure.input(inputs.householdJoin).mutation(async ({ ctx, input }) => {
    await ctx.deps.rateLimits.joins.consume(ctx.ip);
    return joinHousehold(ctx.deps, ctx.commit, input);
  }),

  previewInvite: authedProcedure.input(inputs.householdJoin).query(async ({ ctx, input }) => {
    await ctx.deps.rateLimits.joins.consume(ctx.ip);
    return previewInvite(ctx.deps.db, input.inviteCode);
  }),

  leave: writeProcedure.input(inputs.householdRef).mutation(async ({ ctx, input }) => {
    await leaveHousehold(ctx.commit, input);
    return { ok: true as const };
  }),

  get: householdProcedure.query(({ ctx, input }): HouseholdWithPresence => ({
    ...getHousehold(ctx.deps.db, input.householdId),
    online: ctx.deps.presence.online(input.householdId),
  })),

  rename: writeProcedure.input(inputs.householdRename).mutation(({ ctx, input }) => renameHousehold(ctx.commit, input)),

  rotateInvite: writeProcedure.input(inputs.householdRef).mutation(({ ctx, input }) => rotateInvite(ctx.commit, input)),

  removeMember: writeProcedure.input(inputs.householdRemoveMember).mutation(async ({ ctx, input }) => {
    await removeMember(ctx.commit, input);
    return { ok: true as const };
  }),

  earlierSignIns: householdProcedure.query(({ ctx, input }) => findEarlierSignIns(ctx.deps, ctx.deps.db, input.householdId, ctx.actor.userId)),

  mergeEarlierSignIn: writeProcedure.input(inputs.householdMergeEarlierSignIn).mutation(async ({ ctx, input }) => {
    await mergeEarlierSignIn(ctx.deps, ctx.commit, input);
    return { ok: true as const };
  }),

  setCategories: writeProcedure.input(inputs.householdSetCategories).mutation(({ ctx, input }) => setCategories(ctx.commit, input)),

  activity: householdProcedure.input(inputs.householdActivity).query(({ ctx, input }) =>
    householdActivity(ctx.deps.db, { householdId: input.householdId, userId: ctx.actor.userId, before: input.before, limit: input.limit }),
  ),

  notify: writeProcedure.input(inputs.householdNotify).mutation(async ({ ctx, input }) => {
    await notify(ctx.commit, input);
    return { ok: true as const };
  }),
});
