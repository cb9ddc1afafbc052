import type { Logger } from 'pino';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import type { DigestEvent, PushNotice } from '../../../shared/push';
import type { Db } from '../../db/client';
import type { PushConfig } from '../../env';
import type { PublishedEvent } from '../../events/event-bus';
import type { Presence } from '../../events/presence';
import { composeDigest, composeNudge, type NudgeEvent } from './compose-notice';
import type { Delivery, PushSender } from './push-sender';
import { findRecipients, hasRecipients, namesFor, type Recipient } from './push-store';

/** A digest waits on the push service up to half a day for a device that is off; past that it is old news. */
const DIGEST_DELIVERY: Delivery = { ttlSeconds: 12 * 3600, urgency: 'normal' };
/** A nudge is meant for now: it wakes the device, and is dropped after four hours. */
const NUDGE_DELIVERY: Delivery = { ttlSeconds: 4 * 3600, urgency: 'high' };

/** Changes one household's digest remembers; past it only the newest are worded ("made 500 changes" is no more use). */
const MAX_EVENTS_PER_DIGEST = 500;

const DIGEST_TYPES = new Set(['shopping:item:added', 'shopping:item:updated', 'shopping:item:removed']);

/**
 * How long a household where nobody wants notices is left alone before it is
 * asked again: its changes are not even kept meanwhile. A change of settings
 * or a new device on this process asks again at once; on another process of
 * a fleet it counts from the next ask.
 */
const QUIET_RECHECK_MS = 60_000;

/** A household's changes gathered for its next digest. */
interface Gathering {
  changes: DigestEvent[];
  /** Nudges, each with the members who already had it pushed at once. */
  nudges: { event: NudgeEvent; sentTo: Set<string> }[];
  timer: NodeJS.Timeout;
}

export interface PushNoticesDeps {
  db: Db;
  presence: Presence;
  sender: PushSender;
  config: Pick<PushConfig, 'digestMs' | 'noticesPerMinute'>;
  log: Logger;
}

/**
 * What is pushed, and when (docs/decisions/0020-web-push.md). It watches the
 * events the server publishes after they committed (`observe`, a tap on the
 * bus that only files the event and returns) and pushes to the members who
 * have no connection open to that household:
 *
 * - the changes by others, as one digest per household every
 *   `PUSH_DIGEST_MS` at most: the first change starts the wait, everything
 *   until it ends is one notice per member;
 * - a nudge (`household.notify`) to its recipient, or to everyone but its
 *   sender: at once for `everything`, in the digest for `digest`, and in the
 *   digest too past `PUSH_NOTICES_PER_MINUTE` at once;
 * - `goingShopping`, the seam for shopping mode's notice.
 */
export class PushNotices {
  private readonly gatherings = new Map<string, Gathering>();
  /** Households nobody wants notices from, until when that is taken as known. */
  private readonly quietUntil = new Map<string, number>();
  private readonly atOnce: RateLimiterMemory;
  private readonly sends = new Set<Promise<unknown>>();
  private closed = false;

  constructor(private readonly deps: PushNoticesDeps) {
    this.atOnce = new RateLimiterMemory({ keyPrefix: 'push-at-once', points: deps.config.noticesPerMinute, duration: 60 });
  }

  /** Files a committed event for the notices it causes; called on the publishing path, so it does no I/O. */
  observe(published: PublishedEvent): void {
    if (this.closed || published.id === null) return;
    const { event } = published;
    const quiet = this.quietUntil.get(event.householdId);
    if (quiet !== undefined) {
      if (quiet > Date.now()) return;
      this.quietUntil.delete(event.householdId);
    }
    if (DIGEST_TYPES.has(event.type)) {
      const { changes } = this.gathering(event.householdId);
      changes.push(event as DigestEvent);
      if (changes.length > MAX_EVENTS_PER_DIGEST) changes.shift();
    } else if (event.type === 'system:notification' && event.actorId) {
      const nudge = { event, sentTo: new Set<string>() };
      this.gathering(event.householdId).nudges.push(nudge);
      this.track(this.pushNudgeAtOnce(nudge));
    }
  }

  /**
   * Shopping mode's "going shopping" notice will come through here: pushed
   * at once to the `everything` members of the household who are not in the
   * app, as `kind: 'going-shopping'`. Shopping mode does not exist yet;
   * nothing calls this.
   */
  goingShopping(householdId: string, notice: Omit<PushNotice, 'kind' | 'householdId'>): Promise<void> {
    return this.pushAtOnce(householdId, (recipient) => (recipient.mode === 'everything' ? { ...notice, kind: 'going-shopping', householdId } : null));
  }

  /** Someone's settings or devices changed: the household (or, without one, every household) may want notices now. */
  wake(householdId?: string): void {
    if (householdId) this.quietUntil.delete(householdId);
    else this.quietUntil.clear();
  }

  /** Waits for the notices on their way (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.sends.size > 0) await Promise.allSettled([...this.sends]);
  }

  /** Stops: gathered digests are dropped, notices on their way finish. */
  async close(): Promise<void> {
    this.closed = true;
    for (const gathering of this.gatherings.values()) clearTimeout(gathering.timer);
    this.gatherings.clear();
    await this.settled();
  }

  private gathering(householdId: string): Gathering {
    let gathering = this.gatherings.get(householdId);
    if (!gathering) {
      const timer = setTimeout(() => this.track(this.sendDigest(householdId)), this.deps.config.digestMs);
      timer.unref();
      gathering = { changes: [], nudges: [], timer };
      this.gatherings.set(householdId, gathering);
      // Off the publishing path: a household nobody wants notices from keeps nothing.
      setImmediate(() => this.dropIfQuiet(householdId));
    }
    return gathering;
  }

  private dropIfQuiet(householdId: string): void {
    if (this.closed || !hasRecipients(this.deps.db, householdId)) {
      clearTimeout(this.gatherings.get(householdId)?.timer);
      this.gatherings.delete(householdId);
      if (!this.closed) this.quietUntil.set(householdId, Date.now() + QUIET_RECHECK_MS);
    }
  }

  private track(sending: Promise<void>): void {
    const tracked = sending.catch((error: unknown) => this.deps.log.error({ err: error }, 'push notices failed'));
    this.sends.add(tracked);
    void tracked.finally(() => this.sends.delete(tracked));
  }

  /** The members of the household to push to now: who want its notices and have no connection open to it. */
  private offlineRecipients(householdId: string): Recipient[] {
    const online = new Set(this.deps.presence.online(householdId));
    return findRecipients(this.deps.db, householdId).filter((recipient) => !online.has(recipient.userId));
  }

  private async sendDigest(householdId: string): Promise<void> {
    const gathering = this.gatherings.get(householdId);
    this.gatherings.delete(householdId);
    if (!gathering || this.closed) return;
    const recipients = this.offlineRecipients(householdId);
    if (recipients.length === 0) return;
    const actors = new Set([...gathering.changes, ...gathering.nudges.map((nudge) => nudge.event)].map((event) => event.actorId ?? ''));
    const names = namesFor(this.deps.db, householdId, [...actors]);
    await Promise.all(
      recipients.map((recipient) => {
        const changes = gathering.changes.filter((event) => event.actorId !== recipient.userId);
        const nudges = gathering.nudges
          .filter(({ event, sentTo }) => !sentTo.has(recipient.userId) && isFor(event, recipient.userId))
          .map(({ event }) => event);
        if (changes.length === 0 && nudges.length === 0) return undefined;
        return this.sendTo(recipient, composeDigest({ householdId, names, details: recipient.details, changes, nudges }), DIGEST_DELIVERY);
      }),
    );
  }

  private async pushNudgeAtOnce(nudge: { event: NudgeEvent; sentTo: Set<string> }): Promise<void> {
    // Off the publishing path: the mutation that sent the nudge is answered first.
    await new Promise((resolve) => setImmediate(resolve));
    const { event } = nudge;
    let names: ReturnType<typeof namesFor> | null = null;
    await this.pushAtOnce(event.householdId, async (recipient) => {
      if (recipient.mode !== 'everything' || !isFor(event, recipient.userId)) return null;
      if (!(await this.takeAtOnce(recipient.userId))) return null;
      nudge.sentTo.add(recipient.userId);
      names ??= namesFor(this.deps.db, event.householdId, event.actorId ? [event.actorId] : []);
      return composeNudge(event, names, recipient.details);
    }, NUDGE_DELIVERY);
  }

  private async pushAtOnce(
    householdId: string,
    noticeFor: (recipient: Recipient) => PushNotice | null | Promise<PushNotice | null>,
    delivery: Delivery = NUDGE_DELIVERY,
  ): Promise<void> {
    if (this.closed) return;
    await Promise.all(
      this.offlineRecipients(householdId).map(async (recipient) => {
        const notice = await noticeFor(recipient);
        if (notice) await this.sendTo(recipient, notice, delivery);
      }),
    );
  }

  /** Whether `userId` may get one more notice at once this minute. */
  private async takeAtOnce(userId: string): Promise<boolean> {
    try {
      await this.atOnce.consume(userId);
      return true;
    } catch {
      return false;
    }
  }

  private async sendTo(recipient: Recipient, notice: PushNotice, delivery: Delivery): Promise<void> {
    await Promise.all(recipient.subscriptions.map((subscription) => this.deps.sender.send(subscription, notice, delivery)));
  }
}

/** A nudge to everyone is for every member but its sender; a targeted one for its recipient alone. */
function isFor(nudge: NudgeEvent, userId: string): boolean {
  return nudge.toUserId === null ? nudge.actorId !== userId : nudge.toUserId === userId;
}
