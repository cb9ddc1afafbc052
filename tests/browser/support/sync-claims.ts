import type { Page } from 'playwright-core';

export interface SyncClaims {
  /** Every text the header's sync status showed since recording began, in order. */
  shown: string[];
  /** The moments it said "All changes saved" while a row was still marked as waiting. */
  falseClaims: string[];
}

/**
 * Records, in the page, what the header said about saving at every change of
 * the page (a MutationObserver, so no state between two samples is missed),
 * and each time it claimed "All changes saved" while a row still waited.
 */
export async function recordSyncClaims(page: Page): Promise<() => Promise<SyncClaims>> {
  await page.evaluate(() => {
    const claims = { shown: [] as string[], falseClaims: [] as string[] };
    const sample = () => {
      const text = document.querySelector('.sync-status')?.textContent ?? '';
      if (claims.shown.at(-1) !== text) claims.shown.push(text);
      const waiting = [...document.querySelectorAll('li.item--pending .item__name')].map((name) => name.textContent ?? '');
      if (text === 'All changes saved' && waiting.length > 0) claims.falseClaims.push(`saved, with ${waiting.join(', ')} waiting`);
    };
    sample();
    new MutationObserver(sample).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    (window as unknown as { syncClaims: typeof claims }).syncClaims = claims;
  });
  return () => page.evaluate(() => (window as unknown as { syncClaims: SyncClaims }).syncClaims);
}
