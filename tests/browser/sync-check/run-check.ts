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
    if (random() < FAULT_SHARE) log.record({ kind: 'fault', what: await injectFault(scene, random) });
    else log.record(await changes.makeOne(pick(random, allTabs(scene))!));
  }
  for (const what of await calmDown(scene)) log.record({ kind: 'fault', what });
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
