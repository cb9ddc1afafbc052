import { pushInputs } from '../../../shared/push';
import { authedProcedure, router, writeProcedure } from '../../trpc';
import { changeSettings, settingsOf, subscribe, unsubscribe } from './push-service';

/** Web Push: a device subscribes, a member chooses per household what is pushed (docs/decisions/0020-web-push.md). */
export const pushRouter = router({
  subscribe: writeProcedure.input(pushInputs.subscribe).mutation(async ({ ctx, input }) => {
    await subscribe(ctx.commit, ctx.deps.push.rules, ctx.deps.config.push.subscriptionsPerUser, input);
    ctx.deps.push.notices.wake();
    return { ok: true as const };
  }),

  unsubscribe: writeProcedure.input(pushInputs.unsubscribe).mutation(({ ctx, input }) => unsubscribe(ctx.commit, input)),

  settings: writeProcedure.input(pushInputs.settings).mutation(async ({ ctx, input }) => {
    const settings = await changeSettings(ctx.commit, input);
    ctx.deps.push.notices.wake(input.householdId);
    return settings;
  }),

  getSettings: authedProcedure
    .input(pushInputs.getSettings)
    .query(({ ctx, input }) => settingsOf(ctx.deps.db, input.householdId, ctx.actor.userId, ctx.deps.push.publicKey)),
});
