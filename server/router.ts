import { authRouter } from './features/auth/auth-router';
import { eventsRouter } from './features/events/events-router';
import { householdsRouter } from './features/households/households-router';
import { meRouter } from './features/me/me-router';
import { pushRouter } from './features/push/push-router';
import { shoppingRouter } from './features/shopping/shopping-router';
import { systemRouter } from './features/system/system-router';
import { router } from './trpc';

/** The whole API. Its type is what clients import (through `shared/api.ts`). */
export const appRouter = router({
  auth: authRouter,
  me: meRouter,
  household: householdsRouter,
  shopping: shoppingRouter,
  events: eventsRouter,
  push: pushRouter,
  system: systemRouter,
});

export type AppRouter = typeof appRouter;
