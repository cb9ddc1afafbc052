import type { HouseholdEvent } from '../../shared/events';
import type { ApiClient } from './clients';

export interface Received {
  id: string;
  event: HouseholdEvent;
  /** `Date.now()` when it arrived: the same clock as the event's `at` when server and client share a process. */
  receivedAt: number;
}

export interface EventRecorder extends Disposable {
  readonly received: Received[];
  readonly errors: unknown[];
  /** The id of the last event received, to resume from. */
  lastId(): string | undefined;
  /** Events of the given types, in arrival order (presence left out unless asked for). */
  ofType<T extends HouseholdEvent['type']>(...types: T[]): Extract<HouseholdEvent, { type: T }>[];
  /** Resolves once `predicate` holds over what was received, or fails after `timeoutMs`. */
  waitUntil(predicate: (received: Received[]) => boolean, description: string, timeoutMs?: number): Promise<void>;
  /** Resolves with the first error the subscription ends with. */
  waitForError(timeoutMs?: number): Promise<unknown>;
  stop(): void;
}

/** Subscribes to `events.household` and records everything it yields. */
export function recordEvents(api: ApiClient, householdId: string, lastEventId?: string): EventRecorder {
  const received: Received[] = [];
  const errors: unknown[] = [];
  const waiters = new Set<() => void>();
  const notify = () => waiters.forEach((wake) => wake());
  const subscription = api.events.household.subscribe(
    { householdId, lastEventId },
    {
      onData: ({ id, data }) => {
        received.push({ id, event: data, receivedAt: Date.now() });
        notify();
      },
      onError: (error) => {
        errors.push(error);
        notify();
      },
    },
  );
  const waitFor = (check: () => boolean, description: string, timeoutMs: number) =>
    new Promise<void>((resolve, reject) => {
      const wake = () => {
        if (!check()) return;
        clearTimeout(timer);
        waiters.delete(wake);
        resolve();
      };
      const timer = setTimeout(() => {
        waiters.delete(wake);
        const seen = received.map(({ id, event }) => `${id}:${event.type}`).join(', ');
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${description}; received [${seen}], errors ${errors.length}`));
      }, timeoutMs);
      waiters.add(wake);
      wake();
    });
  return {
    received,
    errors,
    lastId: () => received.at(-1)?.id,
    ofType: <T extends HouseholdEvent['type']>(...types: T[]) =>
      received.map(({ event }) => event).filter((event): event is Extract<HouseholdEvent, { type: T }> => types.includes(event.type as T)),
    waitUntil: (predicate, description, timeoutMs = 5000) => waitFor(() => predicate(received), description, timeoutMs),
    async waitForError(timeoutMs = 5000) {
      await waitFor(() => errors.length > 0, 'the subscription to fail', timeoutMs);
      return errors[0];
    },
    stop: () => subscription.unsubscribe(),
    [Symbol.dispose]: () => subscription.unsubscribe(),
  };
}

/** Waits for `count` events of `type`. */
export function countOf(type: HouseholdEvent['type'], count: number) {
  return [(received: Received[]) => received.filter((r) => r.event.type === type).length >= count, `${count} × ${type}`] as const;
}
