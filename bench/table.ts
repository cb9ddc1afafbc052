import { median } from './stats';
import { TARGET_LABELS, TARGETS, type RunResult, type Scenario, type Target } from './scenario';

interface Row {
  target: Target;
  connections: number;
  connectS: number;
  p50: number;
  p99: number;
  max: number;
  maxRate: number;
  cpuUs: number;
  kbPerConnection: number;
  lost: number;
  generatorCpu: number;
}

/** Medians over rounds, per size and target. `lost` is the total, not a median: one lost event anywhere counts. */
export function summarise(results: readonly RunResult[]): Row[] {
  const sizes = [...new Set(results.map((run) => run.connections))].sort((a, b) => a - b);
  return sizes.flatMap((connections) =>
    TARGETS.filter((target) => results.some((run) => run.target === target && run.connections === connections)).map((target) => {
      const runs = results.filter((run) => run.target === target && run.connections === connections);
      const pick = (value: (run: RunResult) => number) => median(runs.map(value));
      return {
        target,
        connections,
        connectS: pick((run) => run.connectMs / 1000),
        p50: pick((run) => run.fixed.p50),
        p99: pick((run) => run.fixed.p99),
        max: pick((run) => run.fixed.max),
        maxRate: pick((run) => run.maxRate),
        cpuUs: pick((run) => run.serverCpuUsPerMutation),
        kbPerConnection: pick((run) => (run.rssAfterBytes - run.rssBeforeBytes) / run.connections / 1024),
        lost: runs.reduce((sum, run) => sum + run.lost, 0),
        generatorCpu: Math.max(...runs.map((run) => run.generatorCpu)),
      };
    }),
  );
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ratio = (value: number, base: Row | undefined, figure: (row: Row) => number) => {
  const of = base ? figure(base) : Number.NaN;
  return of > 0 && Number.isFinite(value) ? `${(value / of).toFixed(2)}×` : 'n/a';
};

/** The figures the goals compare, each as a ratio to one baseline of the same size. */
const COMPARED: readonly { label: string; figure: (row: Row) => number }[] = [
  { label: 'p99', figure: (row) => row.p99 },
  { label: 'rate', figure: (row) => row.maxRate },
  { label: 'CPU', figure: (row) => row.cpuUs },
  { label: 'memory', figure: (row) => row.kbPerConnection },
];

/** One Markdown table: a row per size and target, medians, and each compared figure as a ratio to Socket.IO and to bare `ws` of the same size. */
export function renderTable(rows: readonly Row[], scenarios: readonly Scenario[], synchronous: string): string {
  const scenario = scenarios[0] as Scenario;
  const baselines = [
    { target: 'socketio' as const, name: 'Socket.IO' },
    { target: 'ws' as const, name: 'ws' },
  ];
  const header = [
    'connections',
    'target',
    'connect (s)',
    `p50 ms @${scenario.fixedRate}/s`,
    `p99 ms @${scenario.fixedRate}/s`,
    `max ms @${scenario.fixedRate}/s`,
    `max rate /s (p99 ≤ ${scenario.p99BudgetMs} ms)`,
    `server CPU µs / mutation @${scenario.fixedRate}/s`,
    'KB / idle conn',
    'lost',
    ...baselines.flatMap(({ name }) => COMPARED.map(({ label }) => `${label} vs ${name}`)),
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) {
    const ofSize = (target: Target) => rows.find((other) => other.target === target && other.connections === row.connections);
    lines.push(
      `| ${[
        String(row.connections),
        TARGET_LABELS[row.target],
        fixed(row.connectS, 2),
        fixed(row.p50, 2),
        fixed(row.p99, 2),
        fixed(row.max, 1),
        String(row.maxRate),
        fixed(row.cpuUs, 0),
        fixed(row.kbPerConnection, 1),
        String(row.lost),
        ...baselines.flatMap(({ target }) => COMPARED.map(({ figure }) => ratio(figure(row), ofSize(target), figure))),
      ].join(' | ')} |`,
    );
  }
  const cpu = rows.map((row) => `${row.target}@${row.connections} ${(row.generatorCpu * 100).toFixed(0)}%`).join(', ');
  const rounds = scenarios.map((each) => `${each.rounds} round(s) at ${each.connections}`).join(', ');
  lines.push(
    '',
    `Households of 2, one connection per member; medians of ${rounds}; ` +
      `SQLite WAL, every commit fsynced before it is acknowledged: the baselines with synchronous=${synchronous}, ` +
      `HoneyDo's mutations with NORMAL and its own fdatasync (docs/decisions/0015-wal-sync-off-the-event-loop.md). ` +
      `Generator peak CPU (share of one core): ${cpu}.`,
  );
  return lines.join('\n');
}
