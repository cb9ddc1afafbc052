import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The folder holding this run's production build of the SPA. */
    spaDir: string;
  }
}

/** A warning only React's development build carries; the production build ships none. */
const REACT_DEV_ONLY = 'Each child in a list should have a unique';

/**
 * Builds the SPA once for the browser tests, into a folder of its own, so
 * `npm test` on a fresh clone needs no separate build step and never
 * overwrites a developer's `dist/`. Always a local-auth build: a Clerk key in
 * the developer's environment must not turn the tests into Clerk tests.
 */
export default async function buildSpa(project: TestProject) {
  const outDir = await buildSpaFolder();
  project.provide('spaDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}

/**
 * A production build of the SPA in a new folder: a local-auth build, or with
 * `clerkPublishableKey` a Clerk-mode one. The caller removes the folder.
 *
 * Vitest sets NODE_ENV=test, and Vite builds with whatever NODE_ENV it finds:
 * React's development build (larger, slower, with extra checks) would ship in
 * the tests. The build runs with NODE_ENV=production, so the tests exercise
 * what `npm start` serves.
 */
export async function buildSpaFolder(clerkPublishableKey?: string): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), 'honeydo-spa-'));
  const emptyEnvDir = mkdtempSync(path.join(tmpdir(), 'honeydo-env-'));
  const saved = { clerkKey: process.env.VITE_CLERK_PUBLISHABLE_KEY, nodeEnv: process.env.NODE_ENV };
  if (clerkPublishableKey) process.env.VITE_CLERK_PUBLISHABLE_KEY = clerkPublishableKey;
  else delete process.env.VITE_CLERK_PUBLISHABLE_KEY;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.resolve('vite.config.ts'),
      envDir: emptyEnvDir,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (saved.clerkKey === undefined) delete process.env.VITE_CLERK_PUBLISHABLE_KEY;
    else process.env.VITE_CLERK_PUBLISHABLE_KEY = saved.clerkKey;
    if (saved.nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = saved.nodeEnv;
    rmSync(emptyEnvDir, { recursive: true, force: true });
  }
  assertProductionReact(outDir);
  return outDir;
}

function assertProductionReact(outDir: string): void {
  const assets = path.join(outDir, 'assets');
  const withDevReact = readdirSync(assets).filter((file) => file.endsWith('.js') && readFileSync(path.join(assets, file), 'utf8').includes(REACT_DEV_ONLY));
  if (withDevReact.length > 0) throw new Error(`The SPA built for the browser tests ships React's development build (${withDevReact.join(', ')}): build it with NODE_ENV=production.`);
}
