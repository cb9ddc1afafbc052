import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A production build of the SPA with the given Clerk key (or none), and what it produced. */
async function buildSpa(clerkKey: string | undefined) {
  const outDir = mkdtempSync(path.join(tmpdir(), 'honeydo-build-'));
  const envDir = mkdtempSync(path.join(tmpdir(), 'honeydo-env-'));
  folders.push(outDir, envDir);
  const saved = process.env.VITE_CLERK_PUBLISHABLE_KEY;
  if (clerkKey) process.env.VITE_CLERK_PUBLISHABLE_KEY = clerkKey;
  else delete process.env.VITE_CLERK_PUBLISHABLE_KEY;
  try {
    await build({ configFile: path.resolve('vite.config.ts'), envDir, logLevel: 'silent', build: { outDir, emptyOutDir: true } });
  } finally {
    if (saved === undefined) delete process.env.VITE_CLERK_PUBLISHABLE_KEY;
    else process.env.VITE_CLERK_PUBLISHABLE_KEY = saved;
  }
  const html = readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const assets = path.join(outDir, 'assets');
  const chunks = readdirSync(assets)
    .filter((file) => file.endsWith('.js'))
    .map((file) => ({ file, code: readFileSync(path.join(assets, file), 'utf8') }));
  const entryFile = html.match(/src="\/assets\/([^"]+\.js)"/)?.[1];
  const serviceWorker = readFileSync(path.join(outDir, 'sw.js'), 'utf8');
  return { html, chunks, entry: chunks.find((chunk) => chunk.file === entryFile), serviceWorker };
}

/** Clerk's React SDK names the script it fetches from Clerk's servers; our code never does. */
const isClerkSdk = (code: string) => code.includes('@clerk/clerk-js');

describe('the SPA build', () => {
  it('a local build ships nothing of Clerk, so it runs without reaching Clerk’s servers', async () => {
    const { chunks } = await buildSpa(undefined);
    expect(chunks).toHaveLength(1);
    expect(chunks.some((chunk) => isClerkSdk(chunk.code))).toBe(false);
  });

  it('registers a service worker that precaches the app shell, so the app opens offline, and never answers the API from a cache', async () => {
    const { html, chunks, serviceWorker } = await buildSpa(undefined);
    expect(html).toContain('src="/registerSW.js"');
    const precached = [...serviceWorker.matchAll(/"?url"?:\s*"([^"]+)"/g)].map((match) => match[1]);
    expect(precached).toEqual(expect.arrayContaining(['index.html', ...chunks.map((chunk) => `assets/${chunk.file}`)]));
    // One route besides the precache (client/sw.ts, bundled and minified): navigations get index.html, except these paths.
    expect(serviceWorker).toMatch(/\w+\(new \w+\(\w+\(`index\.html`\),\{denylist:\[\/\^\\\/trpc\/,\/\^\\\/healthz\/,\/\^\\\/metrics\/\]\}\)\)/);
    expect(serviceWorker.match(/\{denylist:/g)).toHaveLength(1);
    // And it shows pushed notices (tests/browser/push-notifications.test.ts runs them).
    expect(serviceWorker).toContain('addEventListener(`push`');
    expect(serviceWorker).toContain('addEventListener(`notificationclick`');
  });

  it('a Clerk build loads Clerk lazily, from a chunk of its own that the page does not preload, and precaches it so Clerk mode opens offline', async () => {
    const { html, chunks, entry, serviceWorker } = await buildSpa('pk_test_Y2xlcmsuZXhhbXBsZS5jb20k');
    expect(entry).toBeDefined();
    expect(isClerkSdk(entry!.code)).toBe(false);
    const clerkChunks = chunks.filter((chunk) => isClerkSdk(chunk.code));
    expect(clerkChunks).toHaveLength(1);
    expect(html).not.toContain(clerkChunks[0]!.file);
    // Workbox leaves out, with a mere warning, any file over its size limit.
    expect(serviceWorker).toContain(`assets/${clerkChunks[0]!.file}`);
  });
});
