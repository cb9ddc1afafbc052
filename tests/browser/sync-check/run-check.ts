import type { Browser } from 'playwright-core';
import { seededRandom } from '../../support/seeded-random';
import { calmDown, injectFault } from './faults';
import { allTabs, openHouseholdScene } from './household-scene';
import { amountsWereWritten, eachAddOnce, noAcceptedAddLost, refusals, refusedOnlyWhenGone, tabsShowTheServer, type Violation } from './invariants';
import { OpLog } from './op-log';
import { settle } from './settling';
import { pick, UiChanges } from './ui-changes';

export interface CheckBounds {
  /** How long changes and faults go on. */
  durationMs: number;
  /** At most this many changes and faults, whichever bound comes first. */
  maxSteps: number;
}

/** Share of steps that are a fault rather than a change. */
const FAULT_SHARE = 0.25;
/** Far beyond what any step takes (opening a tab waits 15 s at most): one that takes longer hangs, and the run stops there saying so. */
const STEP_BOUND_MS = 45_000;

export interface CheckResult {
  seed: number;
  log: OpLog;
  violations: Violation[];
  refused: string[];
  ms: number;
}

/**
 * One run from `seed`: Alex and Sam change their list through the UI while
 * faults strike, then all is calmed and settled, and the invariants are
 * checked. The random choices replay from the seed; the timing does not.
 */
export async function runCheck(browser: Browser, seed: number, bounds: CheckBounds): Promise<CheckResult> {
  const started = performance.now();
  const random = seededRandom(seed);
  const log = new OpLog();
  await using scene = await openHouseholdScene(browser);
  const changes = new UiChanges(random);
  for (let step = 0; step < bounds.maxSteps && performance.now() - started < bounds.durationMs; step++) {
    if (random() < FAULT_SHARE) log.record({ kind: 'fault', what: await bounded(injectFault(scene, random), log) });
    else log.record(await bounded(changes.makeOne(pick(random, allTabs(scene))!), log));
  }
  for (const what of await bounded(calmDown(scene), log)) log.record({ kind: 'fault', what });
  const { server, tabs, violations } = await settle(scene);
  violations.push(
    ...tabsShowTheServer(server, tabs),
    ...eachAddOnce(server, log),
    ...noAcceptedAddLost(server, log, tabs),
    ...amountsWereWritten(server, log),
    ...refusedOnlyWhenGone(log, tabs),
  );
  const pageErrors = scene.people.flatMap((person) => person.phone.pageErrors);
  for (const error of pageErrors) violations.push({ says: `uncaught in a page: ${error.message}`, items: [] });
  return { seed, log, violations, refused: refusals(tabs), ms: performance.now() - started };
}

/** `step`, or an error naming where the run hung, with the faults so far, once it has taken `STEP_BOUND_MS`. */
async function bounded<T>(step: Promise<T>, log: OpLog): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hung = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const story = [`the step after #${log.entries.length} did not end within ${STEP_BOUND_MS / 1000} s; the faults before it:`, ...log.trace([])];
      reject(new Error(story.join('\n  ')));
    }, STEP_BOUND_MS);
  });
  try {
    return await Promise.race([step, hung]);
  } finally {
    clearTimeout(timer);
  }
}

/** The report of a failed run: the seed to replay it, each violation, and the changes of the items involved with the faults between. */
export function failureReport(result: CheckResult): string {
  const items = [...new Set(result.violations.flatMap((violation) => violation.items))];
  return [
    `sync check failed: SYNC_CHECK_SEED=${result.seed}`,
    ...result.violations.map((violation) => `  violation: ${violation.says}`),
    `trace (${items.length > 0 ? items.join(', ') : 'faults only'}):`,
    ...result.log.trace(items).map((line) => `  ${line}`),
  ].join('\n');
}
