import { rmSync } from 'node:fs';
import { connectClient, signIn } from './clients';
import { countOf, recordEvents } from './event-recorder';
import { newHousehold } from './household-of-one';
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

/**
 * On a fleet: Sam, signed in on the first server, with a household and its
 * list; Alex, a member of it, following its events on the second. Whatever
 * Sam changes reaches Alex only across the fleet. `await using` closes it.
 */
export async function householdAcrossFleet({ one, two }: FleetProcesses) {
  const sam = await signIn(one.url, 'Sam');
  const { home, list } = await newHousehold(sam);
  const alexOnOne = await signIn(one.url, 'Alex');
  await alexOnOne.api.household.join.mutate({ inviteCode: home.inviteCode });
  await alexOnOne.close();
  const alex = connectClient(two.url, alexOnOne.token);
  const events = recordEvents(alex.api, home.id);
  await events.waitUntil(...countOf('household:presence', 1));
  return {
    sam,
    alex,
    home,
    list,
    /** Alex's stream on the second server. */
    events,
    async [Symbol.asyncDispose]() {
      events.stop();
      await Promise.all([alex.close(), sam.close()]);
    },
  };
}
