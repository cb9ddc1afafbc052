/** Quiet time after the last applied event before it is reported: a burst of events makes one report. */
const QUIET_MS = 300;
/** A stream that never goes quiet is still reported this often. */
const AT_LEAST_EVERY_MS = 2000;

export interface AppliedReporter {
  /** The page has applied the stream up to this event id. */
  applied(eventId: string): void;
  stop(): void;
}

/**
 * Tells the household, a moment after this page applied events, how far it
 * has got (`events.applied`), so the members who made those changes can see
 * that this device has them. A failed report is not retried: it is news of
 * the moment, and the next event applied (a reconnect brings at least
 * presence) sends it again.
 */
export function createAppliedReporter(send: (lastEventId: string) => Promise<unknown>): AppliedReporter {
  let latest: string | null = null;
  let reported: string | null = null;
  let quiet: ReturnType<typeof setTimeout> | undefined;
  let due: ReturnType<typeof setTimeout> | undefined;

  const report = () => {
    clearTimeout(quiet);
    clearTimeout(due);
    due = undefined;
    const eventId = latest;
    if (eventId === null || eventId === reported) return;
    send(eventId).then(
      () => (reported = eventId),
      () => undefined,
    );
  };

  return {
    applied(eventId) {
      latest = eventId;
      clearTimeout(quiet);
      quiet = setTimeout(report, QUIET_MS);
      due ??= setTimeout(report, AT_LEAST_EVERY_MS);
    },
    stop() {
      clearTimeout(quiet);
      clearTimeout(due);
      latest = null;
    },
  };
}
