import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { KEY_PREFIX, type RedisClient } from './redis-clients';

export interface FleetEntriesOptions {
  redis: RedisClient;
  log: Pick<Logger, 'warn'>;
  /** What the entries are, for the warning when Redis cannot be reached ("presence", "connection counts"). */
  what: string;
  /** How long an entry lasts unless this process renews it. */
  ttlMs: number;
  /** How often this process renews all of its entries. */
  heartbeatMs: number;
}

/**
 * What one process of a fleet holds, written where every process can read
 * it: under each key a Redis sorted set whose members are this process's
 * entries, each scored by when it expires. Every heartbeat renews all of
 * them, so the entries of a process that is killed without cleaning up are
 * gone from every other process's reads within `ttlMs + heartbeatMs`.
 * Presence (who is online in a household) and the connection counts (per
 * user and per address) are both this.
 *
 * While Redis is down, writes are logged and dropped (the heartbeat writes
 * everything again once it is back) and reads answer `null`.
 */
export class FleetEntries {
  /** Ours, each member with this process's id in front: another process's entry for the same thing is a member of its own. */
  private readonly process = randomUUID();
  private readonly held = new Map<string, Set<string>>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly renewed: (() => void)[] = [];

  constructor(private readonly options: FleetEntriesOptions) {
    this.heartbeat = setInterval(() => void this.renew(), options.heartbeatMs).unref();
  }

  /** Calls `listener` after each heartbeat's renewal (a reader that looks again then). */
  onRenewed(listener: () => void): void {
    this.renewed.push(listener);
  }

  async hold(key: string, member: string): Promise<void> {
    const members = this.held.get(key) ?? new Set<string>();
    this.held.set(key, members);
    members.add(member);
    await this.write(key, [member]);
  }

  async release(key: string, member: string): Promise<void> {
    const members = this.held.get(key);
    if (!members?.delete(member)) return;
    if (members.size === 0) this.held.delete(key);
    try {
      await this.options.redis.zRem(this.redisKey(key), this.entry(member));
    } catch (error) {
      this.warn(error, key);
    }
  }

  /** The live members under `key`, every process's (a member held by two processes appears twice), or null when Redis cannot be read. */
  async read(key: string, options: { othersOnly?: boolean } = {}): Promise<string[] | null> {
    const redisKey = this.redisKey(key);
    const now = Date.now();
    try {
      const [, entries] = await this.options.redis.multi().zRemRangeByScore(redisKey, '-inf', now).zRange(redisKey, now, '+inf', { BY: 'SCORE' }).exec<'typed'>();
      const own = `${this.process} `;
      return entries.filter((entry) => !options.othersOnly || !entry.startsWith(own)).map((entry) => entry.slice(entry.indexOf(' ') + 1));
    } catch {
      return null;
    }
  }

  /** Stops renewing and takes this process's entries out, so the others see them go at once. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    if (!this.options.redis.isReady) return;
    const held = [...this.held];
    this.held.clear();
    await Promise.all(held.map(([key, members]) => this.options.redis.zRem(this.redisKey(key), [...members].map((member) => this.entry(member))))).catch(
      () => undefined,
    );
  }

  private async renew(): Promise<void> {
    await Promise.all([...this.held].map(([key, members]) => this.write(key, members)));
    for (const listener of this.renewed) listener();
  }

  private async write(key: string, members: Iterable<string>): Promise<void> {
    const redisKey = this.redisKey(key);
    const { ttlMs } = this.options;
    const expiresAt = Date.now() + ttlMs;
    try {
      await this.options.redis
        .multi()
        .zAdd(
          redisKey,
          [...members].map((member) => ({ score: expiresAt, value: this.entry(member) })),
        )
        // A key nobody renews goes away by itself.
        .pExpire(redisKey, ttlMs)
        .exec();
    } catch (error) {
      this.warn(error, key);
    }
  }

  private redisKey(key: string): string {
    return `${KEY_PREFIX}${key}`;
  }

  private entry(member: string): string {
    // The process first: it is a UUID, so the member after its one space may hold anything.
    return `${this.process} ${member}`;
  }

  private warn(error: unknown, key: string): void {
    this.options.log.warn({ err: error, key }, `Could not record ${this.options.what} in Redis`);
  }
}
