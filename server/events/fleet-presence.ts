import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import { KEY_PREFIX, type RedisClient } from '../redis/redis-clients';
import { PresenceTracker, type Presence } from './presence';

/** How long a process's word that a member is online lasts unless it repeats it. */
export const PRESENCE_TTL_MS = 20_000;
/** How often each process repeats it, and looks for members whose process stopped repeating. */
export const PRESENCE_HEARTBEAT_MS = 5_000;

export interface FleetPresenceOptions {
  redis: RedisClient;
  log: Pick<Logger, 'warn'>;
  /** Called with a household's online set, fleet-wide, when it changed. */
  announce(householdId: string, online: string[]): void;
  ttlMs?: number;
  heartbeatMs?: number;
}

const presenceKey = (householdId: string) => `${KEY_PREFIX}presence:${householdId}`;

/**
 * Who is online across every process of a fleet: a member is online while
 * any process holds a connection of theirs to the household. Each process
 * counts its own connections (`PresenceTracker`) and writes one entry per
 * member it holds into the household's sorted set in Redis, scored by when
 * that entry expires; it renews them every heartbeat. A process killed
 * without cleanup stops renewing, and its members are gone from every
 * other process's view within `ttlMs + heartbeatMs` (25 s by default).
 *
 * The online set is read back after each local change and each heartbeat,
 * and announced only when it differs from the one last announced here.
 * While Redis is down, it is this process's own members.
 */
export class FleetPresence implements Presence {
  private readonly local = new PresenceTracker();
  private readonly process = randomUUID();
  /** The fleet-wide set last read, per household with a member here. */
  private readonly fleet = new Map<string, string[]>();
  /** Households being read: `true` when another read was asked for meanwhile. */
  private readonly reading = new Map<string, boolean>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly ttlMs: number;

  constructor(private readonly options: FleetPresenceOptions) {
    this.ttlMs = options.ttlMs ?? PRESENCE_TTL_MS;
    this.heartbeat = setInterval(() => void this.renew(), options.heartbeatMs ?? PRESENCE_HEARTBEAT_MS).unref();
  }

  add(householdId: string, userId: string): boolean {
    if (this.local.add(householdId, userId)) void this.write(householdId, [userId]).then(() => this.refresh(householdId));
    return false;
  }

  remove(householdId: string, userId: string): boolean {
    if (this.local.remove(householdId, userId)) void this.erase(householdId, userId).then(() => this.refresh(householdId));
    return false;
  }

  /** The fleet-wide set as last read, with this process's own members (which it knows at once). */
  online(householdId: string): string[] {
    return [...new Set([...(this.fleet.get(householdId) ?? []), ...this.local.online(householdId)])].sort();
  }

  /** Stops renewing and takes this process's members out, so the others see them go at once. */
  async close(): Promise<void> {
    clearInterval(this.heartbeat);
    const { redis } = this.options;
    if (!redis.isReady) return;
    const entries = [...this.local.entries()];
    await Promise.all(entries.map(([householdId, userIds]) => redis.zRem(presenceKey(householdId), [...userIds].map((userId) => this.entry(userId))))).catch(
      () => undefined,
    );
  }

  private entry(userId: string): string {
    // The process first: it is a UUID, so the user id after its one space may hold anything.
    return `${this.process} ${userId}`;
  }

  private async write(householdId: string, userIds: Iterable<string>): Promise<void> {
    const key = presenceKey(householdId);
    const expiresAt = Date.now() + this.ttlMs;
    try {
      await this.options.redis
        .multi()
        .zAdd(
          key,
          [...userIds].map((userId) => ({ score: expiresAt, value: this.entry(userId) })),
        )
        // An abandoned household's set goes away by itself.
        .pExpire(key, this.ttlMs)
        .exec();
    } catch (error) {
      this.options.log.warn({ err: error, householdId }, 'Could not record presence in Redis');
    }
  }

  private async erase(householdId: string, userId: string): Promise<void> {
    try {
      await this.options.redis.zRem(presenceKey(householdId), this.entry(userId));
    } catch (error) {
      this.options.log.warn({ err: error, householdId }, 'Could not record presence in Redis');
    }
  }

  /** The heartbeat: renew every entry of this process, then look again at each of its households. */
  private async renew(): Promise<void> {
    const households = [...this.local.entries()];
    await Promise.all(households.map(([householdId, userIds]) => this.write(householdId, userIds)));
    await Promise.all(households.map(([householdId]) => this.refresh(householdId)));
  }

  /** Reads the household's online set and announces it if it changed; one read at a time per household, the last one wins. */
  private async refresh(householdId: string): Promise<void> {
    if (this.reading.has(householdId)) return void this.reading.set(householdId, true);
    this.reading.set(householdId, false);
    try {
      do {
        this.reading.set(householdId, false);
        this.settle(householdId, await this.read(householdId));
      } while (this.reading.get(householdId));
    } finally {
      this.reading.delete(householdId);
    }
  }

  private async read(householdId: string): Promise<string[]> {
    const key = presenceKey(householdId);
    const now = Date.now();
    try {
      const [, entries] = await this.options.redis.multi().zRemRangeByScore(key, '-inf', now).zRange(key, now, '+inf', { BY: 'SCORE' }).exec<'typed'>();
      return [...new Set(entries.map((entry) => entry.slice(entry.indexOf(' ') + 1)))].sort();
    } catch {
      // Already logged by whichever write failed; what this process knows is all there is.
      return this.local.online(householdId);
    }
  }

  private settle(householdId: string, online: string[]): void {
    const before = this.fleet.get(householdId) ?? [];
    const here = this.local.online(householdId);
    if (here.length > 0) this.fleet.set(householdId, online);
    else this.fleet.delete(householdId);
    if (online.length !== before.length || online.some((userId, index) => userId !== before[index])) this.options.announce(householdId, online);
  }
}
