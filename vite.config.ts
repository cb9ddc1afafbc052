import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const repoRoot = fileURLToPath(new URL('.', import.meta.url));
/** Where `npm run dev` runs the API server; the dev server proxies /trpc to it. */
const apiTarget = `http://127.0.0.1:${process.env.API_PORT ?? '3001'}`;

export default defineConfig({
  root: 'client',
  // VITE_CLERK_PUBLISHABLE_KEY and friends live in the repository's .env, not in client/.
  envDir: repoRoot,
  plugins: [
    react(),
    // The service worker (client/sw.ts) precaches the app shell (HTML, JS,
    // CSS, icons) so that HoneyDo opens with no connection and shows the list
    // and the changes waiting to be sent, and shows pushed notices (Web Push).
    // Only production builds get one: the dev server has none (devOptions
    // off), so HMR is never served from a stale cache.
    VitePWA({
      injectRegister: 'script-defer',
      manifest: false,
      strategies: 'injectManifest',
      srcDir: '.',
      filename: 'sw.ts',
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,ico,webmanifest}'],
      },
    }),
  ],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
  },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.DEV_PORT ?? 5173),
    strictPort: true,
    proxy: {
      // Queries and mutations over HTTP and subscriptions over WebSocket share
      // the path. The Host header is kept (no changeOrigin), so the API's
      // same-origin check sees the page's own origin and lets it through.
      '/trpc': { target: apiTarget, ws: true },
    },
  },
  preview: {
    proxy: { '/trpc': { target: apiTarget, ws: true } },
  },
});
