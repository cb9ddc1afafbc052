import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll } from 'vitest';
import { run, type Running } from './processes';
import { freePort } from './server-process';

const READY = /Ready to accept connections/;
const START_TIMEOUT_MS = 10_000;
const EXIT_TIMEOUT_MS = 10_000;

/**
 * Whether `redis-server` can be run here. Under CI its absence is a failure;
 * elsewhere the Redis tests are skipped, and say so loudly.
 */
export function redisServerAvailable(): boolean {
  const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (found) return true;
  if (process.env.CI === 'true') throw new Error('redis-server is not installed, and CI needs the Redis tests to run (apt-get install redis-server).');
  console.warn('\n*** redis-server is not installed: the Redis tests are SKIPPED (apt-get install redis-server) ***\n');
  return false;
}

export interface RedisServer extends AsyncDisposable {
  readonly url: string;
  /** Stops the server (SIGKILL, by its pid): every connection to it drops and every key is gone. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty. */
  start(): Promise<void>;
}

/**
 * A `redis-server` of the test's own on a free loopback port, with nothing
 * written to disk, so the test may stop and restart it as an outage.
 */
export async function startRedisServer(): Promise<RedisServer> {
  const port = await freePort();
  let current: Running | null = null;
  const start = async () => {
    const running = run('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no']);
    current = running;
    await running.waitForLine(READY, START_TIMEOUT_MS);
  };
  const stop = async () => {
    const running = current;
    current = null;
    if (!running || running.child.exitCode !== null || running.child.signalCode !== null) return;
    running.child.kill('SIGKILL');
    await running.exited(EXIT_TIMEOUT_MS);
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, stop, start, [Symbol.asyncDispose]: stop };
}

/**
 * The test file's own Redis: started before its tests, killed after them.
 * `available` is false (and the tests are to be skipped) where there is no
 * `redis-server` outside CI.
 */
export function redisForTests(): { available: boolean; server(): RedisServer } {
  const available = redisServerAvailable();
  let server: RedisServer | null = null;
  beforeAll(async () => {
    if (available) server = await startRedisServer();
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
  });
  return {
    available,
    server() {
      if (!server) throw new Error('Redis is not running: the test should have been skipped');
      return server;
    },
  };
}
