import type { Logger } from 'pino';
import { FleetEntries } from '../redis/fleet-entries';
import type { RedisClient } from '../redis/redis-clients';

/** How long a process's word that it holds a connection lasts unless it repeats it. */
export const CONNECTION_COUNT_TTL_MS = 30_000;
/** How often each process repeats it. */
export const CONNECTION_COUNT_HEARTBEAT_MS = 10_000;

/** What a WebSocket counts against: its address, and once signed in its user. */
export type CountedBy = 'ip' | 'user';

export interface FleetConnectionCountsOptions {
  redis: RedisClient;
  log: Pick<Logger, 'warn'>;
  ttlMs?: number;
  heartbeatMs?: number;
}

/**
 * The WebSockets every other process of a fleet holds per address and per
 * user, so that `MAX_CONNECTIONS_PER_IP` and `MAX_CONNECTIONS_PER_USER` hold
 * for the fleet and not once per process. Each process holds one entry per
 * connection under `connections:<ip|user>:<key>` (`FleetEntries`); a killed
 * process's entries are gone within `ttlMs + heartbeatMs` (40 s by default),
 * so for that long its connections still count.
 *
 * A limit, not a lock: two upgrades of one user on two processes at the same
 * moment can both pass. While Redis is down, each process counts its own
 * connections only (`elsewhere` answers 0): the limits fail open, per process,
 * rather than refuse everybody.
 */
export class FleetConnectionCounts {
  private readonly entries: FleetEntries;

  constructor(options: FleetConnectionCountsOptions) {
    const { redis, log } = options;
    this.entries = new FleetEntries({
      redis,
      log,
      what: 'connection counts',
      ttlMs: options.ttlMs ?? CONNECTION_COUNT_TTL_MS,
      heartbeatMs: options.heartbeatMs ?? CONNECTION_COUNT_HEARTBEAT_MS,
    });
  }

  held(by: CountedBy, key: string, connection: string): void {
    void this.entries.hold(countKey(by, key), connection);
  }

  released(by: CountedBy, key: string, connection: string): void {
    void this.entries.release(countKey(by, key), connection);
  }

  /** How many connections the other processes hold for `key`. */
  async elsewhere(by: CountedBy, key: string): Promise<number> {
    return (await this.entries.read(countKey(by, key), { othersOnly: true }))?.length ?? 0;
  }

  /** Takes this process's connections out, so the others stop counting them at once. */
  close(): Promise<void> {
    return this.entries.close();
  }
}

const countKey = (by: CountedBy, key: string) => `connections:${by}:${key}`;
