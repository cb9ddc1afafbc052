import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prepareFixtures } from './fixtures';
import { buildHoneyDo, freePort, HONEYDO_BUILD, pinning, resultOf, startNode, stop, stopAllNow, waitForPort } from './processes';
import { FULL, QUICK, TARGETS, TARGET_LABELS, type RunResult, type Scenario, type Target } from './scenario';
import { seedHoneyDo } from './seed-honeydo';
import { renderTable, summarise } from './table';

/**
 * `npm run bench [-- --quick] [--out results.json] [--only honeydo] [--size 10000] [--rounds 1] [--profile dir] [--server-flags '--trace-gc']`: HoneyDo and both
 * baselines in alternation (A B C, A B C …) at each size of the scenario,
 * each a fresh server process on CPU 0 against the generator on CPU 1, then
 * one table of medians with a row per size and target.
 */
const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
/** `--size n` keeps one size of the scenario, `--rounds n` runs it that many times: a profile or a check at 10,000 without the whole run. */
const size = option('--size');
const rounds = option('--rounds');
const scenarios = (args.includes('--quick') ? QUICK : FULL)
  .filter((scenario) => size === undefined || scenario.connections === Number(size))
  .map((scenario) => (rounds === undefined ? scenario : { ...scenario, rounds: Number(rounds) }));
const only = option('--only');
const targets = only ? TARGETS.filter((target) => target === only) : TARGETS;
/** `--profile dir`: the servers run with `--cpu-prof` and write their profiles there. */
const profileDir = option('--profile');
/** `--server-flags '…'`: more Node flags for the servers, such as a collector trace (`--trace-gc`), written with their output. */
const serverFlags = option('--server-flags')?.split(' ').filter(Boolean) ?? [];
const synchronous = process.env.BENCH_SYNCHRONOUS ?? 'FULL';
const GENERATOR_TIMEOUT_MS = 240_000;
const SERVER_CPU = 0;
const GENERATOR_CPU = 1;

const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);

/** HoneyDo runs as `npm start` runs it: compiled (built first), with source maps. */
const SERVERS: Record<Target, string> = {
  honeydo: HONEYDO_BUILD,
  socketio: 'bench/servers/socketio-server.ts',
  ws: 'bench/servers/ws-server.ts',
};

/** HoneyDo as it ships, with the per-user and per-address limits raised so one machine can play 10,000 members. */
const HONEYDO_ENV = {
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  MAX_CONNECTIONS_PER_IP: '100000',
  MAX_CONNECTIONS_PER_USER: '100',
  MUTATIONS_PER_SECOND: '100000',
  MUTATION_BURST: '100000',
  SIGN_INS_PER_MINUTE: '100000',
  WS_AUTH_TIMEOUT_SECONDS: '600',
};

async function runOnce(root: string, scenario: Scenario, target: Target, round: number): Promise<RunResult> {
  const dataDir = path.join(root, `${target}-${scenario.connections}-${round}`);
  if (target === 'honeydo') {
    cpSync(path.join(root, 'keys', 'local-auth'), path.join(dataDir, 'local-auth'), { recursive: true });
    seedHoneyDo(dataDir, scenario.connections);
  }
  const port = await freePort();
  const env = { PORT: String(port), DATA_DIR: dataDir, BENCH_KEY_DIR: path.join(root, 'keys'), BENCH_SYNCHRONOUS: synchronous };
  const nodeArgs = [...(target === 'honeydo' ? ['--enable-source-maps'] : []), ...serverFlags, ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(profileDir)}`] : [])];
  const server = startNode(SERVERS[target], target === 'honeydo' ? { ...env, ...HONEYDO_ENV } : env, SERVER_CPU, 'inherit', nodeArgs);
  try {
    await waitForPort(port, server);
    const input = { target, round, port, serverPid: server.pid, scenario, tokensFile: path.join(root, 'tokens.json') };
    const generator = startNode('bench/generator/main.ts', { BENCH_GENERATOR: JSON.stringify(input) }, GENERATOR_CPU, 'pipe');
    return await resultOf<RunResult>(generator, GENERATOR_TIMEOUT_MS);
  } finally {
    await stop(server);
  }
}

async function main(): Promise<void> {
  if (scenarios.length === 0) throw new Error(`The scenario has no size of ${size} connections.`);
  if (synchronous !== 'FULL') log(`synchronous=${synchronous} for the baselines only: HoneyDo always fsyncs every commit before it answers`);
  if (targets.includes('honeydo')) buildHoneyDo();
  const root = mkdtempSync(path.join(tmpdir(), 'honeydo-bench-'));
  const results: RunResult[] = [];
  const started = performance.now();
  try {
    const fixtures = prepareFixtures(path.join(root, 'keys'), Math.max(...scenarios.map((scenario) => scenario.connections)));
    writeFileSync(path.join(root, 'tokens.json'), JSON.stringify(fixtures.tokens));
    for (const scenario of scenarios) {
      log(`${scenario.name}: ${scenario.connections} connections, ${scenario.rounds} round(s); ${pinning}`);
      for (let round = 1; round <= scenario.rounds; round++) {
        for (const target of targets) {
          const result = await runOnce(root, scenario, target, round);
          results.push(result);
          const steps = result.steps.map((step) => `${step.rate}:${step.p99.toFixed(0)}ms`).join(' ');
          log(
            `${scenario.connections} round ${round} ${TARGET_LABELS[target]}: connect ${(result.connectMs / 1000).toFixed(2)} s, ` +
              `p99 ${result.fixed.p99.toFixed(2)} ms, max rate ${result.maxRate}/s [${steps}], lost ${result.lost}`,
          );
        }
      }
    }
  } finally {
    stopAllNow();
    rmSync(root, { recursive: true, force: true });
  }
  log(`done in ${((performance.now() - started) / 60_000).toFixed(1)} min`);
  const outFile = option('--out');
  if (outFile) writeFileSync(outFile, JSON.stringify({ scenarios, synchronous, results }, null, 2));
  process.stdout.write(`${renderTable(summarise(results), scenarios, synchronous)}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopAllNow();
    process.exit(130);
  });
}
main().catch((error: unknown) => {
  stopAllNow();
  console.error(error);
  process.exit(1);
});
