import { describe, expect, it } from 'vitest';
import { eventually, openConnections } from '../support/raw-socket';
import { chromiumPerFile } from './support/chromium-per-file';
import { until } from './support/phone';
import { alexAndSamAtHome } from './support/shared-household';

const browser = chromiumPerFile();

/** A device reports a moment (0.3 s) after it applied a change: by this long after, its report has arrived. */
const REPORT_WITHIN_MS = 2000;

describe("a change of yours says when the other members' devices have it", () => {
  it("Alex's milk says \"Sam's phone has it\" once Sam's phone applied it; what Alex adds while Sam's phone is offline says so only once it is back", async () => {
    await using home = await alexAndSamAtHome(browser());
    const { phoneB, alex, sam } = home;
    const hasIt = "Sam's phone has it";

    await alex.addItem('milk');
    await sam.item('milk').waitFor();
    await alex.itemRow('milk').getByText(hasIt).waitFor();
    // It is the tick box's description, so a screen reader says it with the item.
    const description = await alex.item('milk').evaluate((box) => document.getElementById(box.getAttribute('aria-describedby') ?? '')?.textContent);
    expect(description).toBe(hasIt);

    await phoneB.context.setOffline(true);
    await until(async () => /^Connection: offline/.test(await sam.connectionLabel()), "Sam's phone to know it is offline", 10_000);
    await alex.addItem('eggs');
    await alex.savedItem('eggs').waitFor();
    // Time enough for a report to arrive, had Sam's phone sent one.
    await alex.page.waitForTimeout(REPORT_WITHIN_MS);
    expect(await alex.itemRow('eggs').textContent()).not.toContain(hasIt);
    expect(await sam.item('eggs').count()).toBe(0);

    await phoneB.context.setOffline(false);
    await sam.item('eggs').waitFor({ timeout: 20_000 });
    await alex.itemRow('eggs').getByText(hasIt).waitFor();
    // Only the latest change says it: Sam's phone having the eggs means it has the milk before them.
    expect(await alex.itemRow('milk').textContent()).not.toContain(hasIt);
    // Sam's own phone says nothing of the kind about Alex's changes.
    expect(await sam.itemRow('milk').textContent()).not.toContain('has it');
    expect(home.pageErrors()).toEqual([]);
  });

  it("Alex's phone, away while Sam's phone caught up, says \"Sam's phone has it\" once it is back", async () => {
    // The server pings every second, so it lets go of a phone that went away within seconds.
    await using home = await alexAndSamAtHome(browser(), { ws: { pingIntervalMs: 1000 } });
    const { server, phoneA, phoneB, alex, sam } = home;

    await phoneB.context.setOffline(true);
    await alex.addItem('milk');
    await alex.savedItem('milk').waitFor();
    await phoneA.context.setOffline(true);
    // Neither phone is connected: Sam's report cannot reach Alex's phone live.
    await eventually(() => openConnections(server.url), (open) => open === 0, 'the server to let go of both phones', 20_000);

    await phoneB.context.setOffline(false);
    await sam.item('milk').waitFor({ timeout: 20_000 });
    await alex.page.waitForTimeout(REPORT_WITHIN_MS);
    expect(await alex.itemRow('milk').textContent()).not.toContain("Sam's phone has it");

    await phoneA.context.setOffline(false);
    await alex.itemRow('milk').getByText("Sam's phone has it").waitFor({ timeout: 20_000 });
    expect(home.pageErrors()).toEqual([]);
  });
});
