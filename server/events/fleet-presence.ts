import type { Logger } from 'pino';
import { FleetEntries } from '../redis/fleet-entries';
import type { RedisClient } from '../redis/redis-clients';
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

const presenceKey = (householdId: string) => `presence:${householdId}`;

/**
 * Who is online across every process of a fleet: a member is online while
 * any process holds a connection of theirs to the household. Each process
 * counts its own connections (`PresenceTracker`) and holds one entry per
 * member it has in the household's sorted set in Redis (`FleetEntries`),
 * renewed every heartbeat. A process killed without cleanup stops renewing,
 * and its members are gone from every other process's view within
 * `ttlMs + heartbeatMs` (25 s by default).
 *
 * The online set is read back after each local change and each heartbeat,
 * and announced only when it differs from the one last announced here.
 * While Redis is down, it is this process's own members.
 */
export class FleetPresence implements Presence {
  private readonly local = new PresenceTracker();
  private readonly entries: FleetEntries;
  /** The fleet-wide set last read, per household with a member here. */
  private readonly fleet = new Map<string, string[]>();
  /** Households being read: `true` when another read was asked for meanwhile. */
  private readonly reading = new Map<string, boolean>();

  constructor(private readonly options: FleetPresenceOptions) {
    const { redis, log } = options;
    this.entries = new FleetEntries({ redis, log, what: 'presence', ttlMs: options.ttlMs ?? PRESENCE_TTL_MS, heartbeatMs: options.heartbeatMs ?? PRESENCE_HEARTBEAT_MS });
    this.entries.onRenewed(() => {
      for (const [householdId] of this.local.entries()) void this.refresh(householdId);
    });
  }

  add(householdId: string, userId: string): boolean {
    if (this.local.add(householdId, userId)) void this.entries.hold(presenceKey(householdId), userId).then(() => this.refresh(householdId));
    return false;
  }

  remove(householdId: string, userId: string): boolean {
    if (this.local.remove(householdId, userId)) void this.entries.release(presenceKey(householdId), userId).then(() => this.refresh(householdId));
    return false;
  }

  /** The fleet-wide set as last read, with this process's own members (which it knows at once). */
  online(householdId: string): string[] {
    return [...new Set([...(this.fleet.get(householdId) ?? []), ...this.local.online(householdId)])].sort();
  }

  /** Stops renewing and takes this process's members out, so the others see them go at once. */
  close(): Promise<void> {
    return this.entries.close();
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
    const online = await this.entries.read(presenceKey(householdId));
    // Null: Redis cannot be read (the write before says so in the log); what this process knows is all there is.
    return online ? [...new Set(online)].sort() : this.local.online(householdId);
  }

  private settle(householdId: string, online: string[]): void {
    const before = this.fleet.get(householdId) ?? [];
    const here = this.local.online(householdId);
    if (here.length > 0) this.fleet.set(householdId, online);
    else this.fleet.delete(householdId);
    if (online.length !== before.length || online.some((userId, index) => userId !== before[index])) this.options.announce(householdId, online);
  }
}
