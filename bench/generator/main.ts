import { readFileSync } from 'node:fs';
import { ids, itemName, type PhaseResult, type RunResult, type Scenario, type Target } from '../scenario';
import { connectAll } from './connections';
import { DeliveryTracker } from './deliveries';
import { createMutationSender } from './mutations';
import { runPhase } from './phase';
import { PROTOCOLS } from './protocols';
import { cpuMsOf } from './server-cpu';
import { rssOf } from './server-rss';

/**
 * The load generator, a process of its own: connects every member, measures
 * the server's memory, runs the fixed-rate phase and the rate search, and
 * prints one `RESULT {json}` line. Everything it starts is bounded in count
 * and time; it exits when done.
 */
interface GeneratorInput {
  target: Target;
  round: number;
  port: number;
  serverPid: number;
  scenario: Scenario;
  tokensFile: string;
}

const SETTLE_MS = 2000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
  const input = JSON.parse(process.env.BENCH_GENERATOR ?? '') as GeneratorInput;
  const { scenario, target } = input;
  const tokens = (JSON.parse(readFileSync(input.tokensFile, 'utf8')) as string[]).slice(0, scenario.connections);
  const households = scenario.connections / 2;
  const capacity =
    Math.round(scenario.fixedRate * (scenario.warmupSeconds + scenario.fixedSeconds)) + scenario.rampRates.reduce((sum, rate) => sum + Math.round(rate * scenario.rampStepSeconds), 0);
  const tracker = new DeliveryTracker(capacity);
  const protocol = PROTOCOLS[target];
  let unexpectedCloses = 0;

  await sleep(500);
  const rssBeforeBytes = rssOf(input.serverPid);
  const connectStarted = performance.now();
  const sockets = await connectAll({
    port: input.port,
    protocol,
    tokens,
    concurrency: scenario.connectConcurrency,
    tracker,
    onUnexpectedClose: () => unexpectedCloses++,
  });
  const connectMs = performance.now() - connectStarted;
  await sleep(SETTLE_MS);
  const rssAfterBytes = rssOf(input.serverPid);

  const post = createMutationSender(input.port, protocol.mutationPath);
  const send = (seq: number) => {
    const household = seq % households;
    const sender = 2 * household + (Math.floor(seq / households) % 2);
    tracker.sent(seq, sender);
    return post(tokens[sender] as string, ids.list(household), itemName(seq));
  };

  // The server's CPU over warm-up and fixed rate: the same mutations for every target and round.
  const cpuBeforeMs = cpuMsOf(input.serverPid);
  const warmup = await runPhase({ rate: scenario.fixedRate, seconds: scenario.warmupSeconds, drainMs: scenario.drainMs, firstSeq: 0, tracker, send });
  const fixed = await runPhase({ rate: scenario.fixedRate, seconds: scenario.fixedSeconds, drainMs: scenario.drainMs, firstSeq: warmup.nextSeq, tracker, send });
  const serverCpuUsPerMutation = ((cpuMsOf(input.serverPid) - cpuBeforeMs) * 1000) / (warmup.sent + fixed.sent);
  let seq = fixed.nextSeq;
  const steps: PhaseResult[] = [];
  let maxRate = 0;
  for (const rate of scenario.rampRates) {
    const step = await runPhase({ rate, seconds: scenario.rampStepSeconds, drainMs: scenario.drainMs, firstSeq: seq, tracker, send });
    seq = step.nextSeq;
    steps.push(step);
    const sustained = step.p99 <= scenario.p99BudgetMs && step.lost === 0 && step.failed === 0 && step.acked >= 0.95 * rate;
    if (!sustained) break;
    maxRate = rate;
  }

  const result: RunResult = {
    target,
    round: input.round,
    connections: sockets.length,
    connectMs,
    rssBeforeBytes,
    rssAfterBytes,
    fixed,
    serverCpuUsPerMutation,
    maxRate,
    steps,
    lost: warmup.lost + fixed.lost + steps.reduce((sum, step) => sum + step.lost, 0) + unexpectedCloses,
    generatorCpu: Math.max(fixed.generatorCpu, ...steps.map((step) => step.generatorCpu)),
  };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  for (const socket of sockets) socket.terminate();
  process.exit(0);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
