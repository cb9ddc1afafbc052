/**
 * `npm run build:server`: the server compiled to one ES module,
 * `dist/server/main.js`, which `npm start` runs with plain Node
 * (docs/decisions/0017-compiled-server.md).
 *
 * Not run through tsx in production: tsx compiles with esbuild's `keepNames`,
 * which wraps every named function the code creates in `__name(fn, "name")`,
 * an `Object.defineProperty` per closure made: CPU on every call path, and a
 * property store of its own on each closure a connection keeps (1.9 KB of a
 * subscribed connection's 11 KB, docs/PERFORMANCE.md change 13).
 *
 * Packages stay imports from `node_modules`; only our own code is bundled.
 * The output sits two folders below the root, as the two files that find a
 * path from `import.meta.url` do (`server/db/client.ts`: the migrations;
 * `server/transport/http-server.ts`: `package.json`), so `../../` means the
 * root in the bundle as in the sources.
 */
import { build } from 'esbuild';

await build({
  entryPoints: ['server/main.ts'],
  outfile: 'dist/server/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  // The oldest Node that package.json's engines accept.
  target: 'node20.19',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});
