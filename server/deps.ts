import type { Logger } from 'pino';
import type { VerifySession } from './auth/verify-session';
import type { Db } from './db/client';
import type { GroupCommit } from './db/group-commit';
import type { Config } from './env';
import type { EventBus } from './events/event-bus';
import type { LatestSeen } from './events/latest-seen';
import type { Presence } from './events/presence';
import type { Push } from './features/push/push';
import type { Metrics } from './metrics';
import type { RateLimits } from './rate-limits';
import type { FleetConnectionCounts } from './transport/fleet-connection-counts';

/** What the features need from the running server; built once in `app.ts`, passed via the context. */
export interface Deps {
  config: Config;
  db: Db;
  /** Where every mutation of `db` commits, grouped or alone, and is made durable off the event loop. */
  groupCommit: GroupCommit;
  bus: EventBus;
  presence: Presence;
  /** Web Push: the VAPID public key, what an endpoint must be, and the notices it sends. */
  push: Push;
  /** How far each device has applied its household's stream, for a stream that starts. */
  latestSeen: LatestSeen;
  log: Logger;
  verifySession: VerifySession;
  metrics: Metrics;
  rateLimits: RateLimits;
  /** With REDIS_URL only: the WebSockets the fleet's other processes hold, so the per-user and per-address limits are the fleet's. */
  fleetConnections: FleetConnectionCounts | null;
  /** Present in local auth mode only: the key that signs local session tokens. */
  localSigningKey: string | null;
}

/** What a feature service needs besides the `Commit` it writes through: the limits. */
export type ServiceDeps = Pick<Deps, 'config'>;
