import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { loadOrCreateLocalKeys } from './auth/local-keys';
import { cacheSessions } from './auth/session-cache';
import { createSessionVerifier } from './auth/verify-session';
import { databaseFile, openDatabase } from './db/client';
import { Checkpoints } from './db/checkpoints';
import { GroupCommit } from './db/group-commit';
import { WalSync, type SyncFile } from './db/wal-sync';
import type { Deps } from './deps';
import type { Config } from './env';
import type { EventBus } from './events/event-bus';
import { eventLogReader } from './events/event-log';
import { FleetPresence } from './events/fleet-presence';
import { createInProcessEventBus } from './events/in-process-event-bus';
import { LatestSeen } from './events/latest-seen';
import { PresenceTracker, presenceEvent } from './events/presence';
import { createRedisEventBus } from './events/redis-event-bus';
import { createLogger } from './logger';
import { countPublished } from './events/count-published';
import { createMetrics } from './metrics';
import { createRateLimits } from './rate-limits';
import { connectRedis } from './redis/redis-clients';
import { keepWithinRetention } from './retention';
import { createHttpServer } from './transport/http-server';
import { FleetConnectionCounts } from './transport/fleet-connection-counts';
import { WebSocketConnections } from './transport/ws-connections';
import { attachWebSocketServer } from './transport/ws-server';
import { createPush, type PushServiceForTests } from './features/push/push';

/** WebSocket close code 1012 "service restart": clients reconnect at once. */
const CLOSE_SERVICE_RESTART = 1012;
/** How long in-flight HTTP requests get to finish at shutdown. */
const SHUTDOWN_GRACE_MS = 5000;

export interface App {
  deps: Deps;
  /** Starts listening; resolves with the base URL (`http://host:port`). */
  listen(): Promise<string>;
  /** Stops accepting, closes every WebSocket with 1012, then the database. */
  close(): Promise<void>;
}

/** The whole server, wired from a config; `main.ts` runs it, tests start as many as they need. */
export function createApp(config: Config, options: { log?: Logger; bus?: EventBus; syncWal?: SyncFile; pushServiceForTests?: PushServiceForTests } = {}): App {
  const log = options.log ?? createLogger(config.logLevel);
  const database = openDatabase(config.dataDir);
  const localKeys = config.auth.kind === 'local' ? loadOrCreateLocalKeys(config.dataDir) : null;
  const metrics = createMetrics();
  const walSync = new WalSync(database.walFile, options.syncWal);
  const checkpoints = new Checkpoints(database.db, databaseFile(config.dataDir), (error) => log.warn({ err: error }, 'WAL checkpoint failed'));
  // Only with REDIS_URL: the embedded default starts nothing and needs nothing.
  const redis = config.redisUrl ? connectRedis(config.redisUrl, log) : null;
  const redisBus =
    redis && !options.bus ? createRedisEventBus({ publisher: redis.commands, subscriber: redis.subscriber, log, reader: eventLogReader(database.db) }) : null;
  const counted = countPublished(options.bus ?? redisBus ?? createInProcessEventBus(), metrics);
  // Web Push watches what this process publishes, after the commit; it only files the event.
  const bus: EventBus = {
    ...counted,
    publish(published) {
      counted.publish(published);
      push.observe(published);
    },
  };
  const fleetPresence = redis
    ? new FleetPresence({ redis: redis.commands, log, announce: (householdId, online) => bus.publish({ id: null, event: presenceEvent(householdId, online), recipientId: null }) })
    : null;
  const fleetConnections = redis ? new FleetConnectionCounts({ redis: redis.commands, log }) : null;
  const groupCommit = new GroupCommit(database, walSync, checkpoints);
  const presence = fleetPresence ?? new PresenceTracker();
  const push = createPush({ config, db: database.db, groupCommit, presence, log, forTests: options.pushServiceForTests });
  const deps: Deps = {
    config,
    db: database.db,
    groupCommit,
    bus,
    presence,
    push,
    fleetConnections,
    latestSeen: new LatestSeen(),
    log,
    verifySession: cacheSessions(createSessionVerifier(config.auth, localKeys?.publicKeyPem)),
    localSigningKey: localKeys?.privateKeyPem ?? null,
    metrics,
    rateLimits: createRateLimits(config.limits, redis?.commands ?? null),
  };

  const stopPruning = keepWithinRetention(deps.db, config.eventRetentionMs, log);

  // WebSockets and SSE streams, counted together against the same limits.
  const connections = new WebSocketConnections(config.limits, config.ws, fleetConnections);
  const openConnections = () => ws.wss.clients.size + streams.size();
  const { server, streams } = createHttpServer(deps, { openConnections, redisReachable: redis ? () => redis.reachable() : null }, connections);
  const ws = attachWebSocketServer(server, deps, connections);
  metrics.countConnectionsWith(openConnections);

  return {
    deps,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.port, config.host, () => {
          const { address, port } = server.address() as AddressInfo;
          const host = address.includes(':') ? `[${address}]` : address;
          log.info({ host: address, port, auth: config.auth.kind, dataDir: config.dataDir }, 'HoneyDo is listening');
          resolve(`http://${host}:${port}`);
        });
      }),
    async close() {
      stopPruning();
      redisBus?.close();
      // Stop accepting; requests already running finish and are answered.
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      streams.close();
      await ws.close(CLOSE_SERVICE_RESTART, 'Server restarting');
      await push.close();
      const straggler = setTimeout(() => server.closeAllConnections(), SHUTDOWN_GRACE_MS);
      await closed;
      clearTimeout(straggler);
      // Commits still being synced finish, and their callers are answered, before the file closes.
      await walSync.close();
      await checkpoints.close();
      database.close();
      // After the sockets, so the presence their closes took away is written before Redis is let go.
      await fleetPresence?.close();
      await fleetConnections?.close();
      await redis?.close();
    },
  };
}
