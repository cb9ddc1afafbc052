import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import { inject } from 'vitest';
import { createApp, type App } from '../../server/app';
import type { SyncFile } from '../../server/db/wal-sync';
import { databaseFile } from '../../server/db/client';
import { loadConfig, type Config } from '../../server/env';
import type { PushServiceForTests } from '../../server/features/push/push';

export interface TestServer extends AsyncDisposable {
  app: App;
  url: string;
  wsUrl: string;
  dataDir: string;
  config: Config;
  /** Stops this server and starts a new one on the same data folder (and port). */
  restart(overrides?: ConfigOverrides): Promise<TestServer>;
  close(): Promise<void>;
}

export type ConfigOverrides = Partial<Omit<Config, 'ws' | 'limits' | 'push'>> & {
  ws?: Partial<Config['ws']>;
  limits?: Partial<Config['limits']>;
  push?: Partial<Config['push']>;
  /** A push service of the test's own on loopback (server/features/push/push.ts). */
  pushServiceForTests?: PushServiceForTests;
  env?: NodeJS.ProcessEnv;
  /** Where the server logs; silent unless given (see `captureLogs`). */
  log?: Logger;
  /** How the server's WAL reaches the disk, for a test that makes the disk slow. */
  syncWal?: SyncFile;
};

/** A fresh, empty data folder that is removed when the test's server is disposed: a server migrates it from scratch. */
export function makeDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'honeydo-test-'));
}

/** A fresh data folder holding a copy of this run's migrated template database (tests/support/template-database.ts). */
export function migratedDataDir(): string {
  const dataDir = makeDataDir();
  copyFileSync(inject('templateDatabase'), databaseFile(dataDir));
  return dataDir;
}

/**
 * A real HoneyDo server on 127.0.0.1 and an ephemeral port, with its own
 * SQLite file (a copy of the migrated template unless `dataDir` is given).
 * `await using server = await startServer()` closes it and removes its data
 * at the end of the test.
 */
export async function startServer(overrides: ConfigOverrides = {}, dataDir = migratedDataDir(), ownsDataDir = true): Promise<TestServer> {
  const { env, ws, limits, push, log, syncWal, pushServiceForTests, ...rest } = overrides;
  const base = loadConfig({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env });
  const config: Config = { ...base, ...rest, ws: { ...base.ws, ...ws }, limits: { ...base.limits, ...limits }, push: { ...base.push, ...push } };
  const app = createApp(config, { log: log ?? pino({ level: 'silent' }), syncWal, pushServiceForTests });
  const url = await app.listen();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await app.close();
  };
  return {
    app,
    url,
    wsUrl: `${url.replace(/^http/, 'ws')}/trpc`,
    dataDir,
    config,
    close,
    async restart(next = {}) {
      await close();
      // The new server takes the same port, and fetch keeps idle connections
      // to it. Their sockets are shut in the loop's close phase; let one more
      // turn pass (its poll phase reads the FIN) so the pool drops them, or
      // the next request can go out on one and fail with "other side closed".
      for (let turn = 0; turn < 2; turn++) await new Promise((resolve) => setImmediate(resolve));
      const port = Number(new URL(url).port);
      return startServer({ ...overrides, ...next, port }, dataDir, ownsDataDir);
    },
    async [Symbol.asyncDispose]() {
      await close();
      if (ownsDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
