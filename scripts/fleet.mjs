/**
 * `npm run fleet`: two HoneyDo servers of one fleet on this machine, after
 * `npm run build` (the package script runs it first). They share one data
 * folder (the SQLite file and the local-mode signing key) and one Redis, so
 * a member on one port sees at once what a member on the other changes.
 *
 * FLEET_PORTS (default "3000,3001"): the ports, one server each.
 * REDIS_URL (default redis://127.0.0.1:6379), DATA_DIR (default ./data).
 * Ctrl-C or SIGTERM stops both, each as an operator would (1012 to its sockets).
 */
import { spawn } from 'node:child_process';
import console from 'node:console';
import process from 'node:process';
import { clearTimeout, setTimeout } from 'node:timers';

const ports = (process.env.FLEET_PORTS ?? '3000,3001').split(',').map((port) => port.trim());
const env = { ...process.env, REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', DATA_DIR: process.env.DATA_DIR ?? './data' };
const servers = [];
let stopping = false;

/** Starts one server and resolves once it listens; its log goes to this terminal, each line tagged with its port. */
function start(port) {
  const server = spawn(process.execPath, ['--enable-source-maps', 'dist/server/main.js'], { env: { ...env, PORT: port }, stdio: ['ignore', 'pipe', 'pipe'] });
  servers.push(server);
  const exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  void exited.then((code) => {
    if (stopping) return;
    console.error(`[fleet] the server on port ${port} stopped (exit code ${code}); stopping the fleet.`);
    void stop(typeof code === 'number' && code !== 0 ? code : 1);
  });
  return new Promise((resolve) => {
    for (const stream of [server.stdout, server.stderr]) {
      let pending = '';
      stream.on('data', (chunk) => {
        const lines = (pending + chunk).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          process.stdout.write(`[${port}] ${line}\n`);
          if (line.includes('HoneyDo is listening')) resolve();
        }
      });
    }
  });
}

/** SIGTERM to each server still running; one that hangs is killed after a while. */
async function stop(exitCode) {
  if (stopping) return;
  stopping = true;
  const running = servers.filter((server) => server.exitCode === null && server.signalCode === null);
  const exited = running.map((server) => new Promise((resolve) => server.once('exit', resolve)));
  for (const server of running) server.kill('SIGTERM');
  const force = setTimeout(() => running.forEach((server) => server.kill('SIGKILL')), 8000);
  await Promise.all(exited);
  clearTimeout(force);
  process.exit(exitCode);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

// One after the other: the first creates the local-mode key pair that the others sign with.
for (const port of ports) await start(port);
console.log(`[fleet] ${ports.length} servers on one data folder (${env.DATA_DIR}) and one Redis (${env.REDIS_URL}):`);
for (const port of ports) console.log(`[fleet]   http://127.0.0.1:${port}`);
