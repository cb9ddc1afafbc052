import type { PhaseResult } from '../scenario';
import type { DeliveryTracker } from './deliveries';

const TICK_MS = 2;
/** A step the server cannot keep up with still gets this long to answer what it was sent. */
const ACK_TIMEOUT_MS = 20_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends `rate` mutations per second for `seconds`, open loop (on schedule,
 * whether or not earlier ones were answered), then waits for the answers and
 * for the deliveries, and summarises the phase.
 */
export async function runPhase(options: {
  rate: number;
  seconds: number;
  drainMs: number;
  firstSeq: number;
  tracker: DeliveryTracker;
  send(seq: number): Promise<boolean>;
}): Promise<PhaseResult & { nextSeq: number }> {
  const { rate, tracker, firstSeq } = options;
  const total = Math.round(rate * options.seconds);
  if (firstSeq + total > tracker.capacity) throw new Error('the tracker is too small for this phase');
  let sent = 0;
  let answered = 0;
  let failed = 0;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      for (; sent < due; sent++) {
        const seq = firstSeq + sent;
        void options.send(seq).then((ok) => {
          answered++;
          if (ok) tracker.ack(seq);
          else failed++;
        });
      }
      if (sent >= total) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  const sendEnded = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  const generatorCpu = (cpu.user + cpu.system) / 1000 / (sendEnded - started);
  while (answered < total && performance.now() - sendEnded < ACK_TIMEOUT_MS) await sleep(10);
  const ackedAt = performance.now() - started;
  const lastSeq = firstSeq + total;
  const drainStarted = performance.now();
  while (tracker.pending(firstSeq, lastSeq) > 0 && performance.now() - drainStarted < options.drainMs) await sleep(10);
  const summary = tracker.summary(firstSeq, lastSeq);
  return {
    rate,
    sent: total,
    failed: failed + (total - answered),
    delivered: summary.delivered,
    lost: summary.lost,
    p50: summary.p50,
    p99: summary.p99,
    max: summary.max,
    acked: summary.acked / (Math.max(ackedAt, options.seconds * 1000) / 1000),
    generatorCpu,
    nextSeq: lastSeq,
  };
}
