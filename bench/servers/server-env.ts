import { readFileSync } from 'node:fs';
import path from 'node:path';

/** What the bench gives a baseline server: its port, its data folder, the shared key folder and the durability setting. */
export function baselineEnv() {
  const port = Number(process.env.PORT);
  const dataDir = process.env.DATA_DIR;
  const keyDir = process.env.BENCH_KEY_DIR;
  if (!port || !dataDir || !keyDir) throw new Error('PORT, DATA_DIR and BENCH_KEY_DIR are required');
  return {
    port,
    dataDir,
    publicKeyPem: readFileSync(path.join(keyDir, 'local-auth', 'public.pem'), 'utf8'),
    synchronous: process.env.BENCH_SYNCHRONOUS ?? 'FULL',
  };
}
