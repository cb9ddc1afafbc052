import type { Logger } from 'pino';
import { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

/** Every key and channel HoneyDo uses starts with this, so one Redis may serve other things too. */
export const KEY_PREFIX = 'honeydo:';

export interface RedisClients {
  /**
   * Commands (publish, presence, rate limits, connection counts). Its offline
   * queue is off: while the connection is down a command fails at once
   * instead of waiting, so no mutation, sign-in or upgrade waits on Redis.
   */
  commands: RedisClient;
  /** Subscriptions only: a connection in subscribe mode takes no other command. It queues while down and resubscribes by itself. */
  subscriber: RedisClient;
  /** Both connections are up (`/healthz`). */
  reachable(): boolean;
  close(): Promise<void>;
}

/**
 * The two connections of one process to Redis. They connect in the
 * background and reconnect by themselves (node-redis's default backoff);
 * nothing waits for them. Each outage is logged once when it starts and once
 * when it ends, not at every retry.
 */
export function connectRedis(url: string, log: Logger): RedisClients {
  const commands: RedisClient = createClient({ url, disableOfflineQueue: true });
  const subscriber: RedisClient = commands.duplicate({ disableOfflineQueue: false });
  for (const [name, client] of [
    ['commands', commands],
    ['subscriber', subscriber],
  ] as const) {
    reportOutages(client, name, log);
    // Rejects only when closed before it ever connected; the outage is already reported.
    client.connect().catch(() => undefined);
  }
  return {
    commands,
    subscriber,
    reachable: () => commands.isReady && subscriber.isReady,
    async close() {
      // A connection that is up answers what is in flight first; one that is down is not waited for.
      await Promise.all([commands, subscriber].map((client) => (client.isReady ? client.close() : client.isOpen ? client.destroy() : undefined)));
    },
  };
}

function reportOutages(client: RedisClient, connection: string, log: Logger): void {
  let down = false;
  // node-redis emits `error` at every failed attempt; without a listener it would crash the process.
  client.on('error', (error: unknown) => {
    if (down) return;
    down = true;
    log.warn({ err: error, connection }, 'Redis unreachable; events, presence and limits stay local until it is back');
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    log.info({ connection }, 'Redis reachable again');
  });
}
