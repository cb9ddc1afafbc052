import { createApp } from './app';
import { loadConfig, type Config } from './env';

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }
}

const app = createApp(configOrExit());
const { log } = app.deps;
await app.listen();

/** SIGTERM/SIGINT: stop accepting, close WebSockets with 1012 so clients reconnect at once, close the database. */
let stopping = false;
async function shutdown(signal: NodeJS.Signals): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  const forced = setTimeout(() => {
    log.error('shutdown took too long; exiting');
    process.exit(1);
  }, 10_000).unref();
  await app.close();
  clearTimeout(forced);
  process.exit(0);
}
process.on('SIGTERM', (signal) => void shutdown(signal));
process.on('SIGINT', (signal) => void shutdown(signal));
