import { fork, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { prepareFixtures } from './fixtures';
import { buildHoneyDo, freePort, HONEYDO_BUILD, waitForPort } from './processes';
import { ids } from './scenario';
import { seedHoneyDo } from './seed-honeydo';

/**
 * `npm run bench:memory`: what one connection costs the server's heap, for
 * HoneyDo and for the least a tRPC subscription over `ws` can cost, each
 * signed in only and signed in with one subscription. N connections, opened
 * one at a time; the heap is measured after two collections, before and
 * after. Prints one table.
 */
const CONNECTIONS = 2000;
const SETTLE_MS = 1500;

type Server = 'honeydo' | 'trpc';
type Mode = 'signed-in' | 'subscribed';

interface Measurement {
  heapUsed: number;
  rss: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function measure(child: ChildProcess): Promise<Measurement> {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message as Measurement));
    child.send('measure');
  });
}

/** One connection as each server expects it: connectionParams, then a query or a subscription; resolves once answered. */
function connect(port: number, server: Server, mode: Mode, token: string, userIndex: number): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/trpc?connectionParams=1`, { perMessageDeflate: false });
    socket.on('message', (data) => {
      const frame = String(data);
      if (frame === 'PING') socket.send('PONG');
      else if (frame.includes('"result"')) resolve(socket);
    });
    socket.once('open', () => {
      socket.send(JSON.stringify({ method: 'connectionParams', data: { token } }));
      const request =
        mode === 'subscribed'
          ? { id: 1, method: 'subscription', params: { path: server === 'honeydo' ? 'events.household' : 'events', input: { householdId: ids.household(userIndex >> 1) } } }
          : { id: 1, method: 'query', params: { path: server === 'honeydo' ? 'system.whoami' : 'whoami' } };
      socket.send(JSON.stringify(request));
    });
    socket.once('error', reject);
  });
}

async function run(root: string, tokens: string[], server: Server, mode: Mode): Promise<{ heapKb: number; rssKb: number }> {
  const port = await freePort();
  const dataDir = path.join(root, `${server}-${mode}`);
  if (server === 'honeydo') {
    cpSync(path.join(root, 'keys', 'local-auth'), path.join(dataDir, 'local-auth'), { recursive: true });
    seedHoneyDo(dataDir, CONNECTIONS);
  }
  const script = server === 'honeydo' ? HONEYDO_BUILD : 'bench/memory/trpc-floor-server.ts';
  const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', MAX_CONNECTIONS_PER_IP: '100000', WS_AUTH_TIMEOUT_SECONDS: '600' };
  const child = fork(script, { env, execArgv: ['--expose-gc', '--import', 'tsx', '--import', './bench/memory/heap-probe.ts'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  try {
    await waitForPort(port, child);
    await sleep(SETTLE_MS);
    const before = await measure(child);
    const sockets: WebSocket[] = [];
    for (let index = 0; index < CONNECTIONS; index++) sockets.push(await connect(port, server, mode, tokens[index] as string, index));
    await sleep(SETTLE_MS);
    const after = await measure(child);
    for (const socket of sockets) socket.terminate();
    return { heapKb: (after.heapUsed - before.heapUsed) / CONNECTIONS / 1024, rssKb: (after.rss - before.rss) / CONNECTIONS / 1024 };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

async function main(): Promise<void> {
  buildHoneyDo();
  const root = mkdtempSync(path.join(tmpdir(), 'honeydo-memory-'));
  try {
    const { tokens } = prepareFixtures(path.join(root, 'keys'), CONNECTIONS);
    const lines = ['| server | connection | heap KB / conn | RSS KB / conn |', '|---|---|---|---|'];
    for (const server of ['trpc', 'honeydo'] as const) {
      for (const mode of ['signed-in', 'subscribed'] as const) {
        const { heapKb, rssKb } = await run(root, tokens, server, mode);
        const label = server === 'honeydo' ? 'HoneyDo' : 'tRPC over ws, nothing else';
        lines.push(`| ${label} | ${mode} | ${heapKb.toFixed(1)} | ${rssKb.toFixed(1)} |`);
        process.stderr.write(`[memory] ${label}, ${mode}: heap ${heapKb.toFixed(1)} KB, RSS ${rssKb.toFixed(1)} KB per connection\n`);
      }
    }
    process.stdout.write(`${lines.join('\n')}\n\n${CONNECTIONS} connections each, heap after two collections.\n`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
