import { inputs } from '../../../shared/schemas';
import type { HouseholdWithPresence } from '../../../shared/types';
import { authedProcedure, householdProcedure, router } from '../../trpc';
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
  create: authedProcedure.input(inputs.householdCreate).mutation(({ ctx, input }) => createHousehold(ctx.deps, ctx.actor, input)),

  // Both try an invite code, so both take from one allowance per address as
  // well as the user's own: in local mode a new account costs nothing.
  join: authedProcedure.input(inputs.householdJoin).mutation(async ({ ctx, input }) => {
    await ctx.deps.rateLimits.joins.consume(ctx.ip);
    return joinHousehold(ctx.deps, ctx.actor, input);
  }),

  previewInvite: authedProcedure.input(inputs.householdJoin).query(async ({ ctx, input }) => {
    await ctx.deps.rateLimits.joins.consume(ctx.ip);
    return previewInvite(ctx.deps.db, input.inviteCode);
  }),

  leave: authedProcedure.input(inputs.householdRef).mutation(({ ctx, input }) => {
    leaveHousehold(ctx.deps, ctx.actor, input);
    return { ok: true as const };
  }),

  get: householdProcedure.query(({ ctx, input }): HouseholdWithPresence => ({
    ...getHousehold(ctx.deps.db, input.householdId),
    online: ctx.deps.presence.online(input.householdId),
  })),

  rename: authedProcedure.input(inputs.householdRename).mutation(({ ctx, input }) => renameHousehold(ctx.deps, ctx.actor, input)),

  rotateInvite: authedProcedure.input(inputs.householdRef).mutation(({ ctx, input }) => rotateInvite(ctx.deps, ctx.actor, input)),

  removeMember: authedProcedure.input(inputs.householdRemoveMember).mutation(({ ctx, input }) => {
    removeMember(ctx.deps, ctx.actor, input);
    return { ok: true as const };
  }),

  earlierSignIns: householdProcedure.query(({ ctx, input }) => findEarlierSignIns(ctx.deps, ctx.deps.db, input.householdId, ctx.actor.userId)),

  mergeEarlierSignIn: authedProcedure.input(inputs.householdMergeEarlierSignIn).mutation(({ ctx, input }) => {
    mergeEarlierSignIn(ctx.deps, ctx.actor, input);
    return { ok: true as const };
  }),

  setCategories: authedProcedure.input(inputs.householdSetCategories).mutation(({ ctx, input }) => setCategories(ctx.deps, ctx.actor, input)),

  activity: householdProcedure.input(inputs.householdActivity).query(({ ctx, input }) =>
    householdActivity(ctx.deps.db, { householdId: input.householdId, userId: ctx.actor.userId, before: input.before, limit: input.limit }),
  ),

  notify: authedProcedure.input(inputs.householdNotify).mutation(({ ctx, input }) => {
    notify(ctx.deps, ctx.actor, input);
    return { ok: true as const };
  }),
});
