import axe, { type AxeResults, type Result } from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * Runs axe-core's rules (WCAG 2.x A and AA, and its best practices) on what
 * the page shows now, and returns each violation as a readable line with the
 * elements it found, or none. The engine is put into the page as one script:
 * no browser extension, no network.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: axe.source });
  const results = await page.evaluate(() => (window as unknown as { axe: typeof axe }).axe.run(document) as Promise<AxeResults>);
  return results.violations.map(describe);
}

function describe(violation: Result): string {
  const where = violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`);
  return [`${violation.id} (${violation.impact ?? 'unrated'}): ${violation.help}`, ...where].join('\n');
}
