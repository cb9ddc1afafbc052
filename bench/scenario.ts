/**
 * The scenario every target runs: H households of two members, one WebSocket
 * per member, authenticated at connect; a member adds an item over HTTP (the
 * item is persisted) and the other member receives the event.
 */
export type Target = 'honeydo' | 'socketio' | 'ws';

export const TARGETS: readonly Target[] = ['honeydo', 'socketio', 'ws'];

export const TARGET_LABELS: Record<Target, string> = {
  honeydo: 'HoneyDo (tRPC + ws)',
  socketio: 'Socket.IO (seed design)',
  ws: 'bare ws',
};

export interface Scenario {
  name: 'full' | 'quick';
  rounds: number;
  /** WebSocket connections (two per household). */
  connections: number;
  /** Connections being opened at once by the generator. */
  connectConcurrency: number;
  /**
   * Sent at the fixed rate before anything is measured, so the figures are
   * of a server past its start-up (JIT, the first collections after the
   * connections arrived); its events still count if lost.
   */
  warmupSeconds: number;
  /** The fixed-rate phase: mutations per second, and for how long. */
  fixedRate: number;
  fixedSeconds: number;
  /** The rate search: each step runs this long; the first step whose p99 passes the budget ends it. */
  rampRates: number[];
  rampStepSeconds: number;
  p99BudgetMs: number;
  /** How long to wait for the last deliveries of a phase. */
  drainMs: number;
}

/** The full comparison at one size; `npm run bench` runs it at 1,000 and at 10,000 connections. */
const fullAt = (connections: number): Scenario => ({
  name: 'full',
  // Three, so that each median is a measured value and not the lower of two.
  rounds: 3,
  connections,
  connectConcurrency: 200,
  warmupSeconds: 3,
  fixedRate: 200,
  fixedSeconds: 10,
  rampRates: [250, 500, 750, 1000, 1250, 1500, 2000, 2500, 3000, 3500, 4000, 5000, 6000],
  rampStepSeconds: 3,
  p99BudgetMs: 100,
  drainMs: 1500,
});

/** Both sizes: what a server does with ten times the idle connections at the same mutation rate. */
export const FULL: readonly Scenario[] = [fullAt(1_000), fullAt(10_000)];

const quick: Scenario = {
  name: 'quick',
  rounds: 1,
  connections: 1_000,
  connectConcurrency: 100,
  warmupSeconds: 1,
  fixedRate: Number(process.env.BENCH_QUICK_RATE ?? 200),
  fixedSeconds: Number(process.env.BENCH_QUICK_SECONDS ?? 2),
  rampRates: [500, 1000, 2000, 3000, 4000],
  rampStepSeconds: 1,
  p99BudgetMs: 100,
  drainMs: 700,
};

export const QUICK: readonly Scenario[] = [quick];

/** Fixed ids, so every target sees the same users, households and lists. */
export const ids = {
  user: (index: number) => `bench-user-${index}`,
  household: (index: number) => `bench-household-${index}`,
  list: (index: number) => `bench-list-${index}`,
};

/** Items carry their sequence number in the name; receivers find it with this pattern in the raw frame. */
export const itemName = (seq: number) => `bench ${seq}`;
export const ITEM_SEQ = /"name":"bench (\d+)"/;

/** What one generator run reports for one target. */
export interface RunResult {
  target: Target;
  round: number;
  connections: number;
  connectMs: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  fixed: PhaseResult;
  /** The server's CPU time (all threads) per mutation over the warm-up and fixed-rate phases, deliveries included. */
  serverCpuUsPerMutation: number;
  /** The highest step rate whose p99 stayed within budget with nothing lost (0: none did). */
  maxRate: number;
  steps: PhaseResult[];
  /** Events lost over the whole run. */
  lost: number;
  /** The generator's own CPU use during the busiest step, as a share of one core. */
  generatorCpu: number;
}

export interface PhaseResult {
  rate: number;
  sent: number;
  /** Mutations the server answered with an error. */
  failed: number;
  delivered: number;
  lost: number;
  p50: number;
  p99: number;
  max: number;
  /** Mutations per second the server acknowledged. */
  acked: number;
  generatorCpu: number;
}
