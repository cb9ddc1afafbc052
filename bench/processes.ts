import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, connect } from 'node:net';

/** Every process the bench started, so it can stop exactly those, by pid, however it ends. */
const started = new Set<ChildProcess>();

const hasTaskset = spawnSync('taskset', ['-V']).status === 0;

/** Where `npm run build:server` writes the server that `npm start` runs. */
export const HONEYDO_BUILD = 'dist/server/main.js';

/** Compiles the server as this checkout's sources say, so no older build left in `dist/` is measured. */
export function buildHoneyDo(): void {
  const built = spawnSync(process.execPath, ['scripts/build-server.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build:server failed; the bench measures the compiled server.');
}

export const pinning = hasTaskset ? 'server on CPU 0, generator on CPU 1 (taskset)' : 'not pinned (no taskset)';

/** Starts `node <script>` (through tsx when it is TypeScript), on `cpu` when taskset exists (taskset execs, so the pid is node's). */
export function startNode(script: string, env: NodeJS.ProcessEnv, cpu: number, stdio: 'inherit' | 'pipe' = 'inherit', nodeArgs: string[] = []): ChildProcess {
  const args = [...nodeArgs, ...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), script];
  const child = hasTaskset
    ? spawn('taskset', ['-c', String(cpu), process.execPath, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', stdio, 'inherit'] })
    : spawn(process.execPath, args, { env: { ...process.env, ...env }, stdio: ['ignore', stdio, 'inherit'] });
  started.add(child);
  child.once('exit', () => started.delete(child));
  return child;
}

/** SIGTERM, then SIGKILL if it is still there after `graceMs`. */
export async function stop(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export function stopAllNow(): void {
  for (const child of started) child.kill('SIGKILL');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Resolves once something accepts TCP connections on the port, or fails after `timeoutMs`. */
export async function waitForPort(port: number, child: ChildProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} before listening`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listened on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Collects a child's stdout and resolves with its `RESULT {json}` line, or rejects after `timeoutMs`. */
export function resultOf<T>(child: ChildProcess, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the generator did not finish within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const line = output.split('\n').find((entry) => entry.startsWith('RESULT '));
      if (line) resolve(JSON.parse(line.slice('RESULT '.length)) as T);
      else reject(new Error(`the generator exited with ${code} and no result`));
    });
  });
}
