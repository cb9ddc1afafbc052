import { rmSync } from 'node:fs';
import { freePort, startServerProcess, type ServerProcess } from './server-process';
import { migratedDataDir } from './test-server';

export interface FleetProcesses extends AsyncDisposable {
  one: ServerProcess;
  two: ServerProcess;
}

/**
 * Two HoneyDo server processes of one fleet: one SQLite folder (WAL lets
 * several processes share the file) and one Redis. The first starts alone:
 * it creates the local-mode key pair that both sign with.
 */
export async function startFleetProcesses(redisUrl: string): Promise<FleetProcesses> {
  const dataDir = migratedDataDir();
  const env = { REDIS_URL: redisUrl };
  const started: ServerProcess[] = [];
  const dispose = async () => {
    await Promise.all(started.map((server) => server[Symbol.asyncDispose]()));
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    for (let index = 0; index < 2; index++) started.push(await startServerProcess({ port: await freePort(), dataDir, env }));
  } catch (error) {
    await dispose();
    throw error;
  }
  const [one, two] = started as [ServerProcess, ServerProcess];
  return { one, two, [Symbol.asyncDispose]: dispose };
}
