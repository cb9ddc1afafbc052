import type { Logger } from 'pino';
import type { Db } from '../../db/client';
import type { GroupCommit } from '../../db/group-commit';
import type { Config } from '../../env';
import type { PublishedEvent } from '../../events/event-bus';
import type { Presence } from '../../events/presence';
import { pushAgent, type EndpointRules } from './endpoint-guard';
import { PushNotices } from './push-notices';
import { PushSender } from './push-sender';
import { deleteGoneEndpoint } from './push-store';
import { loadOrCreateVapidKeys } from './vapid-keys';

/**
 * Tests only, never from the environment: the push service of the test's
 * own, on 127.0.0.1 with a self-signed certificate. Its CA is trusted and
 * loopback endpoints are allowed; everything else (https, the host list, the
 * payload and rate limits) stays as in production.
 */
export interface PushServiceForTests {
  ca: string;
}

/** Web Push as the rest of the server sees it (docs/decisions/0020-web-push.md). */
export interface Push {
  /** The VAPID public key browsers subscribe with. */
  publicKey: string;
  /** What an endpoint must be. */
  rules: EndpointRules;
  notices: PushNotices;
  /** The tap on the bus: every published event passes here after its commit. */
  observe(published: PublishedEvent): void;
  close(): Promise<void>;
}

export function createPush(deps: {
  config: Config;
  db: Db;
  groupCommit: GroupCommit;
  presence: Presence;
  log: Logger;
  forTests?: PushServiceForTests;
}): Push {
  const { config, db, groupCommit, presence } = deps;
  const log = deps.log.child({ feature: 'push' });
  const keys = loadOrCreateVapidKeys(config.dataDir, config.push);
  const rules: EndpointRules = { serviceHosts: config.push.serviceHosts, allowLoopback: Boolean(deps.forTests) };
  const agent = pushAgent(deps.forTests ?? null);
  const sender = new PushSender({
    vapid: { ...keys, subject: config.push.vapidSubject },
    agent,
    rules,
    log,
    onGone: (endpoint) => void groupCommit.runAlone((batch) => deleteGoneEndpoint(batch.tx, endpoint)).catch((error: unknown) => log.error({ err: error }, 'removing a gone push subscription failed')),
  });
  const notices = new PushNotices({ db, presence, sender, config: config.push, log });
  return {
    publicKey: keys.publicKey,
    rules,
    notices,
    observe: (published) => notices.observe(published),
    async close() {
      await notices.close();
      agent.destroy();
    },
  };
}
