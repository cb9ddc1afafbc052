import { mkdtempSync, rmSync } from 'node:fs';
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

/**
 * Builds the SPA once for the browser tests, into a folder of its own, so
 * `npm test` on a fresh clone needs no separate build step and never
 * overwrites a developer's `dist/`. Always a local-auth build: a Clerk key in
 * the developer's environment must not turn the tests into Clerk tests.
 */
export default async function buildSpa(project: TestProject) {
  const outDir = mkdtempSync(path.join(tmpdir(), 'honeydo-spa-'));
  const emptyEnvDir = mkdtempSync(path.join(tmpdir(), 'honeydo-env-'));
  const clerkKey = process.env.VITE_CLERK_PUBLISHABLE_KEY;
  delete process.env.VITE_CLERK_PUBLISHABLE_KEY;
  try {
    await build({
      configFile: path.resolve('vite.config.ts'),
      envDir: emptyEnvDir,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    if (clerkKey !== undefined) process.env.VITE_CLERK_PUBLISHABLE_KEY = clerkKey;
    rmSync(emptyEnvDir, { recursive: true, force: true });
  }
  project.provide('spaDir', outDir);
  return () => rmSync(outDir, { recursive: true, force: true });
}
