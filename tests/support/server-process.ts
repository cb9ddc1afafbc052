import { createServer, type AddressInfo } from 'node:net';
import { run, type Running } from './processes';

const LISTENING = /HoneyDo is listening/;
const START_TIMEOUT_MS = 20_000;
const EXIT_TIMEOUT_MS = 15_000;
/** pino's numeric levels: 40 warn, 50 error, 60 fatal. */
const WARN = 40;
const ERROR = 50;

/** A port that was free a moment ago: bind port 0, read the port the system chose, let it go. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerProcess extends AsyncDisposable {
  readonly url: string;
  /** How often the server was SIGKILLed. */
  readonly kills: number;
  /** How often it was started again after a kill. */
  readonly restarts: number;
  /** SIGKILLs the running server (by its pid, nothing else) and waits for it to be gone. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data folder; resolves once it logs that it listens. */
  restart(): Promise<void>;
  /** SIGTERM, as an operator stops it; resolves with the exit code. */
  stop(): Promise<number | null>;
  /** Log lines at warn level or above, from every run so far. */
  warnings(): string[];
  /** Log lines at error level or above, from every run so far. */
  errors(): string[];
}

/**
 * The real server as a child process (`node --import tsx server/main.ts`),
 * so a SIGKILL is a real crash: no shutdown hook runs, the WAL is left as the
 * kernel has it. Every start uses the same port and data folder.
 *
 * It logs at `info`: the "HoneyDo is listening" line it is started by is an
 * info line, which `warn` would hide. Its warnings and errors are collected
 * for the report.
 */
export async function startServerProcess(options: { port: number; dataDir: string; env?: NodeJS.ProcessEnv }): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    PORT: String(options.port),
    HOST: '127.0.0.1',
    DATA_DIR: options.dataDir,
    LOG_LEVEL: 'info',
    ...options.env,
  };
  const finished: Running[] = [];
  let current: Running | null = null;
  let kills = 0;
  let restarts = 0;

  const start = async () => {
    const running = run(process.execPath, ['--import', 'tsx', 'server/main.ts'], env);
    current = running;
    const line = await running.waitForLine(LISTENING, START_TIMEOUT_MS);
    const { port } = JSON.parse(line) as { port: number };
    if (port !== options.port) throw new Error(`the server listens on port ${port}, not on ${options.port} as asked`);
  };
  const disposeCurrent = async () => {
    // Kills only the child this helper started, if it still runs.
    if (current) await current[Symbol.asyncDispose]();
    current = null;
  };
  /** Lines at `level` or above; a line that is not pino's JSON (a stack trace, a Node warning) counts as a warning. */
  const linesAtLeast = (level: number) =>
    [...finished, ...(current ? [current] : [])].flatMap((running) =>
      running
        .output()
        .split('\n')
        .filter((line) => {
          if (line.trim() === '') return false;
          try {
            return ((JSON.parse(line) as { level?: number }).level ?? 0) >= level;
          } catch {
            return level <= WARN;
          }
        }),
    );
  const alive = (running: Running) => running.child.exitCode === null && running.child.signalCode === null;

  try {
    await start();
  } catch (error) {
    await disposeCurrent();
    throw error;
  }

  return {
    url: `http://127.0.0.1:${options.port}`,
    get kills() {
      return kills;
    },
    get restarts() {
      return restarts;
    },
    async kill() {
      const running = current;
      if (!running || !alive(running)) throw new Error('kill(): the server is not running');
      running.child.kill('SIGKILL');
      await running.exited(EXIT_TIMEOUT_MS);
      finished.push(running);
      current = null;
      kills++;
    },
    async restart() {
      if (current) throw new Error('restart(): the server is still running');
      await start();
      restarts++;
    },
    async stop() {
      const running = current;
      if (!running) return null;
      running.child.kill('SIGTERM');
      const code = await running.exited(EXIT_TIMEOUT_MS);
      finished.push(running);
      current = null;
      return code;
    },
    warnings: () => linesAtLeast(WARN),
    errors: () => linesAtLeast(ERROR),
    [Symbol.asyncDispose]: disposeCurrent,
  };
}
