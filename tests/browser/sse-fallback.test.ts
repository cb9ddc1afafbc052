import type { Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { connectClient } from '../support/clients';
import { startServer } from '../support/test-server';
import { chromiumPerFile } from './support/chromium-per-file';
import { HoneyDoPage } from './support/honeydo-page';
import { openPhone, until } from './support/phone';
import { alexAndSamShareHome } from './support/shared-household';
import { startSilentProxy } from './support/silent-proxy';

const browser = chromiumPerFile();

/** Three failed WebSocket attempts (1 s and 2 s apart) and the first SSE stream; the rest is slack for a busy machine. */
const FALLS_BACK_WITHIN_MS = 15_000;
/** The WebSocket is tried again every 10 s while on the fallback. */
const RETURNS_WITHIN_MS = 20_000;

interface Delivered {
  via: 'ws' | 'sse';
  id: string;
  type: string;
}

/**
 * Records, in the page, every tracked event it is delivered and by which
 * transport: the WebSocket's data frames, and the `id:`/`data:` of each
 * Server-Sent Event the page's fetch receives. Set before the app loads.
 */
async function recordDeliveries(page: Page): Promise<() => Promise<Delivered[]>> {
  await page.addInitScript(() => {
    const delivered: { via: string; id: string; type: string }[] = [];
    (window as unknown as { delivered: typeof delivered }).delivered = delivered;
    const NativeWebSocket = window.WebSocket;
    window.WebSocket = class RecordingWebSocket extends NativeWebSocket {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        this.addEventListener('message', (event: MessageEvent) => {
          if (typeof event.data !== 'string' || !event.data.startsWith('{')) return;
          // tRPC's data frame of a tracked event: `{ id, result: { type: 'data', data: { id, data: event }, id } }`.
          const message = JSON.parse(event.data) as { result?: { type?: string; id?: string; data?: { data?: { type?: string } } } };
          const result = message.result;
          if (result?.type === 'data' && typeof result.id === 'string') delivered.push({ via: 'ws', id: result.id, type: result.data?.data?.type ?? '' });
        });
      }
    };
    const nativeFetch = window.fetch.bind(window);
    window.fetch = async (...args: Parameters<typeof fetch>) => {
      const response = await nativeFetch(...args);
      if (!response.headers.get('content-type')?.startsWith('text/event-stream') || !response.body) return response;
      const [forApp, forUs] = response.body.tee();
      void (async () => {
        const reader = forUs.pipeThrough(new TextDecoderStream()).getReader();
        let text = '';
        for (;;) {
          const { done, value } = await reader.read().catch(() => ({ done: true, value: undefined }));
          if (done) return;
          text += value;
          const blocks = text.split('\n\n');
          text = blocks.pop() ?? '';
          for (const block of blocks) {
            const id = /^id: (.*)$/m.exec(block)?.[1];
            const data = /^data: (.*)$/m.exec(block)?.[1];
            if (id && data) delivered.push({ via: 'sse', id, type: (JSON.parse(data) as { type?: string }).type ?? '' });
          }
        }
      })();
      return new Response(forApp, { status: response.status, statusText: response.statusText, headers: response.headers });
    };
  });
  return () => page.evaluate(() => (window as unknown as { delivered: Delivered[] }).delivered);
}

/** The stored events among them (presence and seen reports carry the id of the last stored one), which must come each once, in order, none skipped. */
function expectEveryStoredEventOnce(delivered: Delivered[]): void {
  const ids = delivered.filter(({ type }) => type !== 'household:presence' && type !== 'household:seen').map(({ id }) => Number(id));
  expect(ids.length).toBeGreaterThan(0);
  const first = ids[0]!;
  expect(ids).toEqual(ids.map((_, index) => first + index));
}

const connectionText = (page: HoneyDoPage) => page.connection.textContent().then((text) => text ?? '');
const showsFallback = (page: HoneyDoPage) => async () => (await connectionText(page)).startsWith('Live (fallback)');
const showsLive = (page: HoneyDoPage) => async () => (await connectionText(page)).trim() === 'Live';

describe('on a network that refuses WebSocket', () => {
  it('two members stay in sync over Server-Sent Events, shown as "Live (fallback)", also across a server restart; once WebSocket is allowed the app returns to it with no event twice and none missed', async () => {
    await using server = await startServer({ staticDir: inject('spaDir') });
    await using network = await startSilentProxy(server.url);
    network.refuseWebSocketUpgrades();
    await using phoneA = await openPhone(browser());
    await using phoneB = await openPhone(browser());
    const deliveredToAlex = await recordDeliveries(phoneA.page);
    const [alex, sam] = [new HoneyDoPage(phoneA.page), new HoneyDoPage(phoneB.page)];
    await alexAndSamShareHome(network.url, alex, sam);

    await until(showsFallback(alex), 'Alex’s phone to fall back to SSE', FALLS_BACK_WITHIN_MS);
    await until(showsFallback(sam), 'Sam’s phone to fall back to SSE', FALLS_BACK_WITHIN_MS);
    expect(await alex.connectionLabel()).toMatch(/^Connection: connected \(fallback\)\. Changes appear live/);

    // Changes go both ways, live.
    await alex.addItem('milk');
    await sam.savedItem('milk').waitFor();
    await sam.addItem('coffee');
    await alex.savedItem('coffee').waitFor();
    await sam.item('milk').click();
    await until(() => alex.item('milk').isChecked(), 'Sam’s tick to reach Alex over SSE');

    // The server restarts; both phones come back on the fallback and catch up.
    const samToken = await sam.sessionToken();
    await using restarted = await server.restart();
    await using samApi = connectClient(restarted.url, samToken);
    const householdId = (await samApi.api.me.get.query()).households[0]!.id;
    const [list] = await samApi.api.shopping.lists.getByHousehold.query({ householdId });
    await samApi.api.shopping.items.add.mutate({ listId: list!.id, name: 'bread' });
    for (const page of [alex, sam]) await page.savedItem('bread').waitFor({ timeout: 20_000 });
    await until(showsFallback(alex), 'Alex’s phone live on the fallback after the restart', 20_000);
    await alex.addItem('eggs');
    await sam.savedItem('eggs').waitFor();

    // WebSocket is allowed again while Sam keeps adding: Alex's phone moves back to it.
    network.restore();
    const added: string[] = [];
    const adding = (async () => {
      for (let i = 0; !(await showsLive(alex)()) || i < 3; i++) {
        const name = `item ${i}`;
        await samApi.api.shopping.items.add.mutate({ listId: list!.id, name });
        added.push(name);
        await new Promise((resolve) => setTimeout(resolve, 300));
      }
    })();
    await until(showsLive(alex), 'Alex’s phone back on the WebSocket', RETURNS_WITHIN_MS);
    await adding;
    await samApi.api.shopping.items.add.mutate({ listId: list!.id, name: 'after the move' });
    for (const name of [...added, 'after the move']) await alex.savedItem(name).waitFor();
    expect(await alex.connectionLabel()).toBe('Connection: connected. Changes appear live.');

    const delivered = await deliveredToAlex();
    expect(delivered.some(({ via }) => via === 'sse')).toBe(true);
    expect(delivered.at(-1)?.via).toBe('ws');
    // Across the fallback, the restart and the move back: every stored event once, in order.
    expectEveryStoredEventOnce(delivered);
    for (const name of added) expect(await phoneA.page.locator('li').filter({ has: alex.item(name) }).count()).toBe(1);
    expect([...phoneA.pageErrors, ...phoneB.pageErrors]).toEqual([]);
  }, 120_000);
});
