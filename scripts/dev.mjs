/**
 * `npm run dev`: the API server, restarted when its code changes, and Vite
 * with hot reload, side by side. Vite proxies /trpc (HTTP and WebSocket) to
 * the API, so the browser talks to one origin as in production. Ctrl-C stops
 * both.
 *
 * API_PORT (default 3001) is the API's port, passed to it as PORT;
 * DEV_PORT (default 5173) is the page's.
 */
import { spawn } from 'node:child_process';
import console from 'node:console';
import { createRequire } from 'node:module';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';
import { createServer } from 'vite';

const apiPort = process.env.API_PORT ?? '3001';
process.env.API_PORT = apiPort;

const tsxCli = createRequire(import.meta.url).resolve('tsx/cli');
const api = spawn(process.execPath, [tsxCli, 'watch', '--clear-screen=false', 'server/main.ts'], {
  stdio: 'inherit',
  env: { ...process.env, PORT: apiPort, NODE_ENV: process.env.NODE_ENV ?? 'development' },
});
const apiExited = new Promise((resolve) => api.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));

let vite;
let stopping = false;

/**
 * Ctrl-C in a terminal signals the whole process group, so the API already
 * has its SIGINT and is shutting down: signalling it again would make tsx
 * kill it mid-shutdown. Anything else (SIGTERM to this process alone, the
 * API failing) forwards SIGTERM. A server that hangs is killed after a while.
 */
async function stop(exitCode, { apiAlreadySignalled = false } = {}) {
  if (stopping) return;
  stopping = true;
  const running = () => api.exitCode === null && api.signalCode === null;
  if (running() && !apiAlreadySignalled) api.kill('SIGTERM');
  const force = setTimeout(() => running() && api.kill('SIGKILL'), 8000);
  await Promise.allSettled([vite?.close(), apiExited]);
  clearTimeout(force);
  process.exit(exitCode);
}

process.on('SIGINT', () => void stop(0, { apiAlreadySignalled: true }));
process.on('SIGTERM', () => void stop(0));
// If the API cannot run (a port in use, a bad environment), the page is useless without it.
void apiExited.then((code) => {
  if (!stopping) {
    console.error(`The API server stopped (exit code ${code}); stopping the dev server too.`);
    void stop(typeof code === 'number' && code !== 0 ? code : 1);
  }
});

try {
  vite = await createServer({ configFile: 'vite.config.ts' });
  await vite.listen();
  vite.printUrls();
  console.log(`  ➜  API:     http://127.0.0.1:${apiPort} (proxied at /trpc)\n`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  await stop(1);
}
