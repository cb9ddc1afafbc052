import { madeAtOf } from './client-id';

/** One change on its way to HoneyDo: the item mutation it is, and its input, with the `clientId` it was made with. */
export interface OutgoingChange {
  path: string;
  input: { clientId?: string };
}

/** How HoneyDo answered a change: its result, or the error it failed with (a refusal, or no answer at all). */
export type Outcome = { ok: true; data: unknown } | { ok: false; error: unknown };

export interface SendRules {
  /** Sends the change to HoneyDo; rejects with HoneyDo's refusal, or with the error of a request that got no answer. */
  send(change: OutgoingChange): Promise<unknown>;
  /** The clientIds of changes that must be answered first: the adds of rows this change is about that have no server id yet. */
  waitsFor(change: OutgoingChange): string[];
  /** Whether an error is HoneyDo's final answer (a refusal), rather than a request that got none or is to be tried again. */
  isRefusal(error: unknown): boolean;
}

export interface SendQueue {
  /** Resolves or rejects with HoneyDo's answer. A change already queued (sent again by its tab, after a new writer took over) is queued once. */
  enqueue(change: OutgoingChange): Promise<unknown>;
  /** Every change still waiting here is answered with `reason` (its tab sends it again, to the next writer), and nothing more is sent. */
  stop(reason: Error): void;
}

/**
 * A change made on a row whose add has not been answered waits for that add
 * this long at most: the add may still come, from a tab that closed and
 * whose changes another tab adopts after its reload grace (tab-outbox.ts).
 * An add nobody sends in that time was refused (or is not on this device):
 * the change is then sent, and its tab told there is nothing to change.
 */
export const UNKNOWN_ADD_WAIT_MS = 10_000;
/** Enough to remember every change seen while a queue built up offline is sent. */
const REMEMBERED = 500;

interface Entry {
  change: OutgoingChange;
  clientId: string;
  madeAt: number;
  arrival: number;
  queuedAt: number;
  answer: (outcome: Outcome) => void;
  answered: Promise<unknown>;
}

/**
 * The writer's queue: every change of the person's tabs on this device goes
 * to HoneyDo from here, one at a time, the earliest made first among those
 * that can go. Each tab hands over one change at a time (its TanStack scope
 * runs them in order), so within a tab the order is kept; across tabs, a
 * change made on a row another tab added waits for that add, wherever it was
 * queued (`SendRules.waitsFor`), and ties go by when the changes were made.
 */
export function createSendQueue(rules: SendRules, onAnswered: (change: OutgoingChange, outcome: Outcome) => void = () => undefined): SendQueue {
  const waiting = new Map<string, Entry>();
  // Changes HoneyDo answered for good, and those seen here and not yet answered (sent again after no answer, they come back).
  const answered = new Set<string>();
  const pending = new Set<string>();
  let arrivals = 0;
  let sending: Entry | null = null;
  let stopped: Error | null = null;
  let wakeUp: ReturnType<typeof setTimeout> | undefined;

  const remember = (set: Set<string>, clientId: string) => {
    set.add(clientId);
    const oldest = set.values().next();
    if (set.size > REMEMBERED && !oldest.done) set.delete(oldest.value);
  };

  /** Whether `entry` can go now, or the time at which it may (its waits for unknown adds run out). */
  const readiness = (entry: Entry, now: number): true | number => {
    const open = rules.waitsFor(entry.change).filter((clientId) => !answered.has(clientId));
    if (open.length === 0) return true;
    // An add that is queued here goes first; one that failed to get through comes back; one never seen may still arrive.
    if (open.some((clientId) => waiting.has(clientId) || pending.has(clientId))) return Infinity;
    const due = entry.queuedAt + UNKNOWN_ADD_WAIT_MS;
    return due <= now ? true : due;
  };

  const next = (): Entry | null => {
    const now = Date.now();
    let best: Entry | null = null;
    let soonest = Infinity;
    for (const entry of waiting.values()) {
      const ready = readiness(entry, now);
      if (ready !== true) {
        soonest = Math.min(soonest, ready);
        continue;
      }
      if (!best || entry.madeAt < best.madeAt || (entry.madeAt === best.madeAt && entry.arrival < best.arrival)) best = entry;
    }
    clearTimeout(wakeUp);
    if (!best && Number.isFinite(soonest)) wakeUp = setTimeout(pump, soonest - now);
    return best;
  };

  function pump(): void {
    if (sending || stopped) return;
    const entry = next();
    if (!entry) return;
    sending = entry;
    void rules.send(entry.change).then(
      (data) => finish(entry, { ok: true, data }),
      (error: unknown) => finish(entry, { ok: false, error }),
    );
  }

  const finish = (entry: Entry, outcome: Outcome) => {
    if (sending === entry) sending = null;
    if (waiting.get(entry.clientId) !== entry) return;
    waiting.delete(entry.clientId);
    if (outcome.ok || rules.isRefusal(outcome.error)) {
      pending.delete(entry.clientId);
      remember(answered, entry.clientId);
    }
    onAnswered(entry.change, outcome);
    entry.answer(outcome);
    pump();
  };

  return {
    enqueue: (change) => {
      if (stopped) return Promise.reject(stopped);
      const clientId = change.input.clientId ?? `unnamed-${arrivals}`;
      const queued = waiting.get(clientId);
      if (queued) return queued.answered;
      let answer: (outcome: Outcome) => void = () => undefined;
      const answeredPromise = new Promise<unknown>((resolve, reject) => {
        answer = (outcome) => (outcome.ok ? resolve(outcome.data) : reject(outcome.error));
      });
      remember(pending, clientId);
      waiting.set(clientId, { change, clientId, madeAt: madeAtOf(clientId), arrival: arrivals++, queuedAt: Date.now(), answer, answered: answeredPromise });
      pump();
      return answeredPromise;
    },
    stop: (reason) => {
      stopped = reason;
      clearTimeout(wakeUp);
      const left = [...waiting.values()];
      waiting.clear();
      sending = null;
      for (const entry of left) {
        onAnswered(entry.change, { ok: false, error: reason });
        entry.answer({ ok: false, error: reason });
      }
    },
  };
}
