import { median } from './stats';
import { TARGET_LABELS, TARGETS, type RunResult, type Scenario, type Target } from './scenario';

interface Row {
  target: Target;
  connectS: number;
  p50: number;
  p99: number;
  max: number;
  maxRate: number;
  kbPerConnection: number;
  lost: number;
  generatorCpu: number;
}

/** Medians over rounds, per target. `lost` is the total, not a median: one lost event anywhere counts. */
export function summarise(results: readonly RunResult[]): Row[] {
  return TARGETS.filter((target) => results.some((run) => run.target === target)).map((target) => {
    const runs = results.filter((run) => run.target === target);
    const pick = (value: (run: RunResult) => number) => median(runs.map(value));
    return {
      target,
      connectS: pick((run) => run.connectMs / 1000),
      p50: pick((run) => run.fixed.p50),
      p99: pick((run) => run.fixed.p99),
      max: pick((run) => run.fixed.max),
      maxRate: pick((run) => run.maxRate),
      kbPerConnection: pick((run) => (run.rssAfterBytes - run.rssBeforeBytes) / run.connections / 1024),
      lost: runs.reduce((sum, run) => sum + run.lost, 0),
      generatorCpu: Math.max(...runs.map((run) => run.generatorCpu)),
    };
  });
}

const fixed = (value: number, digits: number) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const ratio = (value: number, base: number) => (base > 0 && Number.isFinite(value) ? `${(value / base).toFixed(2)}×` : 'n/a');

/** One Markdown table: medians per target and each figure as a ratio to bare `ws`. */
export function renderTable(rows: readonly Row[], scenario: Scenario, synchronous: string, rounds: number): string {
  const base = rows.find((row) => row.target === 'ws') ?? (rows[0] as Row);
  const header = [
    'target',
    `connect ${scenario.connections} (s)`,
    `p50 ms @${scenario.fixedRate}/s`,
    `p99 ms @${scenario.fixedRate}/s`,
    `max ms @${scenario.fixedRate}/s`,
    'max rate /s (p99 ≤ 100 ms)',
    'KB / idle conn',
    'lost',
    'p99 vs ws',
    'rate vs ws',
    'memory vs ws',
    'connect vs ws',
  ];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const row of rows) {
    lines.push(
      `| ${[
        TARGET_LABELS[row.target],
        fixed(row.connectS, 2),
        fixed(row.p50, 2),
        fixed(row.p99, 2),
        fixed(row.max, 1),
        String(row.maxRate),
        fixed(row.kbPerConnection, 1),
        String(row.lost),
        ratio(row.p99, base.p99),
        ratio(row.maxRate, base.maxRate),
        ratio(row.kbPerConnection, base.kbPerConnection),
        ratio(row.connectS, base.connectS),
      ].join(' | ')} |`,
    );
  }
  const cpu = rows.map((row) => `${row.target} ${(row.generatorCpu * 100).toFixed(0)}%`).join(', ');
  lines.push(
    '',
    `${scenario.connections} connections (${scenario.connections / 2} households of 2), medians of ${rounds} round(s); ` +
      `SQLite WAL with synchronous=${synchronous} for every target. Generator peak CPU (share of one core): ${cpu}.`,
  );
  return lines.join('\n');
}
