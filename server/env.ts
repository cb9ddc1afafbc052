import path from 'node:path';
import { z } from 'zod';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

const commaList = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean),
  );

const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  CLERK_JWT_KEY: z.string().min(1).optional(),
  CLERK_SECRET_KEY: z.string().min(1).optional(),
  CLERK_AUTHORIZED_PARTIES: commaList,
  ALLOWED_ORIGINS: commaList,
  ALLOWED_HOSTS: commaList,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOCAL_PASSWORD: z.string().min(8, 'LOCAL_PASSWORD must be at least 8 characters.').optional(),
  LOCAL_TOKEN_TTL_SECONDS: positiveInt(30 * 24 * 3600),
  EVENT_RETENTION_HOURS: z.coerce.number().positive().default(7 * 24),
  WS_RENEW_LEAD_SECONDS: positiveInt(15),
  WS_AUTH_GRACE_SECONDS: positiveInt(30),
  WS_PING_INTERVAL_SECONDS: positiveInt(30),
  STATIC_DIR: z.string().min(1).default('./dist/client'),
  REDIS_URL: z
    .url({ protocol: /^rediss?$/, error: 'REDIS_URL must be a redis:// or rediss:// URL.' })
    .optional(),
  // Limits (docs/SECURITY.md says why each default).
  WS_MAX_PAYLOAD_BYTES: positiveInt(256 * 1024),
  WS_MAX_BUFFERED_BYTES: positiveInt(1024 * 1024),
  WS_AUTH_TIMEOUT_SECONDS: positiveInt(10),
  HTTP_MAX_BODY_BYTES: positiveInt(256 * 1024),
  MAX_BATCH_SIZE: positiveInt(25),
  MAX_HOUSEHOLDS_PER_USER: positiveInt(20),
  MAX_MEMBERS_PER_HOUSEHOLD: positiveInt(30),
  MAX_LISTS_PER_HOUSEHOLD: positiveInt(25),
  MAX_ITEMS_PER_LIST: positiveInt(1000),
  MAX_SUBSCRIPTIONS_PER_CONNECTION: positiveInt(10),
  MAX_CONNECTIONS_PER_USER: positiveInt(20),
  MAX_CONNECTIONS_PER_IP: positiveInt(200),
  MUTATIONS_PER_SECOND: positiveInt(10),
  MUTATION_BURST: positiveInt(40),
  SIGN_INS_PER_MINUTE: positiveInt(20),
  JOINS_PER_MINUTE: positiveInt(30),
  QUERIES_PER_SECOND: positiveInt(100),
  QUERY_BURST: positiveInt(400),
  // Web Push (docs/decisions/0020-web-push.md).
  VAPID_PUBLIC_KEY: z.string().regex(/^[A-Za-z0-9_-]{87}$/, 'VAPID_PUBLIC_KEY must be the base64url P-256 public key (87 characters).').optional(),
  VAPID_PRIVATE_KEY: z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'VAPID_PRIVATE_KEY must be the base64url P-256 private key (43 characters).').optional(),
  VAPID_SUBJECT: z
    .string()
    .regex(/^(mailto:\S+@\S+|https:\/\/\S+)$/, 'VAPID_SUBJECT must be a mailto: address or an https:// URL where the push services can reach you.')
    .default('mailto:push@honeydo.invalid'),
  PUSH_DIGEST_MS: positiveInt(3 * 60 * 1000),
  PUSH_SERVICE_HOSTS: commaList,
  MAX_PUSH_SUBSCRIPTIONS_PER_USER: positiveInt(5),
  PUSH_NOTICES_PER_MINUTE: positiveInt(6),
});

/**
 * The push services of the browsers that implement Web Push (Chrome, Firefox,
 * Safari, Edge): the only hosts a subscription's endpoint may name unless
 * `PUSH_SERVICE_HOSTS` says otherwise. A leading dot allows its subdomains.
 */
export const DEFAULT_PUSH_SERVICE_HOSTS = [
  'fcm.googleapis.com',
  'android.googleapis.com',
  'updates.push.services.mozilla.com',
  'web.push.apple.com',
  '.push.apple.com',
  '.notify.windows.com',
];

export interface PushConfig {
  /** Both keys from the environment, or null: the server keeps a generated pair in `DATA_DIR`. */
  vapidKeys: { publicKey: string; privateKey: string } | null;
  vapidSubject: string;
  /** How long a household's changes are gathered into one notice per member. */
  digestMs: number;
  /** Hosts an endpoint may name (a leading dot: and their subdomains). */
  serviceHosts: string[];
  subscriptionsPerUser: number;
  /** Notices sent at once (nudges) to one member per minute; past it they join the next digest. */
  noticesPerMinute: number;
}

export interface Limits {
  wsMaxPayloadBytes: number;
  wsMaxBufferedBytes: number;
  wsAuthTimeoutMs: number;
  httpMaxBodyBytes: number;
  maxBatchSize: number;
  householdsPerUser: number;
  membersPerHousehold: number;
  listsPerHousehold: number;
  itemsPerList: number;
  subscriptionsPerConnection: number;
  connectionsPerUser: number;
  connectionsPerIp: number;
  mutationsPerSecond: number;
  mutationBurst: number;
  signInsPerMinute: number;
  joinsPerMinute: number;
  queriesPerSecond: number;
  queryBurst: number;
}

export type AuthMode =
  | { kind: 'clerk'; jwtKey?: string; secretKey?: string; authorizedParties: string[] }
  | { kind: 'local'; password?: string; tokenTtlSeconds: number };

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  staticDir: string;
  auth: AuthMode;
  allowedOrigins: string[];
  /**
   * The host names this server answers to (the `Host` header), or null for
   * any. Local mode on loopback answers to loopback names only: a page on a
   * rebinding domain would otherwise be "same origin" with it.
   */
  allowedHosts: string[] | null;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  /** Redis, shared by the processes of a fleet (events, presence, rate limits); null: this process alone, nothing shared. */
  redisUrl: string | null;
  eventRetentionMs: number;
  ws: { renewLeadMs: number; authGraceMs: number; pingIntervalMs: number };
  limits: Limits;
  push: PushConfig;
}

/**
 * Reads the environment once at start-up and fails fast, naming every bad
 * variable, so a typo never turns into a silently different server.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid environment:\n${problems.join('\n')}`);
  }
  const e = parsed.data;
  const clerk = Boolean(e.CLERK_JWT_KEY || e.CLERK_SECRET_KEY);
  const host = e.HOST ?? (clerk ? '0.0.0.0' : '127.0.0.1');
  if (Boolean(e.VAPID_PUBLIC_KEY) !== Boolean(e.VAPID_PRIVATE_KEY)) {
    throw new Error('Invalid environment:\n  VAPID_PUBLIC_KEY, VAPID_PRIVATE_KEY: set both (a pair from `npx web-push generate-vapid-keys`), or neither for a pair kept in DATA_DIR.');
  }
  if (!clerk && !LOOPBACK.has(host) && !e.LOCAL_PASSWORD) {
    throw new Error(
      `Invalid environment:\n  HOST: local auth on ${host} would let anyone on the network sign in. ` +
        'Set LOCAL_PASSWORD (a shared household password) or configure Clerk, or keep HOST on loopback.',
    );
  }
  return {
    port: e.PORT,
    host,
    dataDir: path.resolve(e.DATA_DIR),
    staticDir: path.resolve(e.STATIC_DIR),
    auth: clerk
      ? {
          kind: 'clerk',
          jwtKey: e.CLERK_JWT_KEY,
          secretKey: e.CLERK_SECRET_KEY,
          authorizedParties: e.CLERK_AUTHORIZED_PARTIES,
        }
      : { kind: 'local', password: e.LOCAL_PASSWORD, tokenTtlSeconds: e.LOCAL_TOKEN_TTL_SECONDS },
    allowedOrigins: e.ALLOWED_ORIGINS,
    allowedHosts: !clerk && LOOPBACK.has(host) ? [...LOOPBACK, ...e.ALLOWED_HOSTS, ...hostsOf(e.ALLOWED_ORIGINS)] : null,
    logLevel: e.LOG_LEVEL,
    redisUrl: e.REDIS_URL ?? null,
    eventRetentionMs: e.EVENT_RETENTION_HOURS * 3600 * 1000,
    ws: {
      renewLeadMs: e.WS_RENEW_LEAD_SECONDS * 1000,
      authGraceMs: e.WS_AUTH_GRACE_SECONDS * 1000,
      pingIntervalMs: e.WS_PING_INTERVAL_SECONDS * 1000,
    },
    limits: {
      wsMaxPayloadBytes: e.WS_MAX_PAYLOAD_BYTES,
      wsMaxBufferedBytes: e.WS_MAX_BUFFERED_BYTES,
      wsAuthTimeoutMs: e.WS_AUTH_TIMEOUT_SECONDS * 1000,
      httpMaxBodyBytes: e.HTTP_MAX_BODY_BYTES,
      maxBatchSize: e.MAX_BATCH_SIZE,
      householdsPerUser: e.MAX_HOUSEHOLDS_PER_USER,
      membersPerHousehold: e.MAX_MEMBERS_PER_HOUSEHOLD,
      listsPerHousehold: e.MAX_LISTS_PER_HOUSEHOLD,
      itemsPerList: e.MAX_ITEMS_PER_LIST,
      subscriptionsPerConnection: e.MAX_SUBSCRIPTIONS_PER_CONNECTION,
      connectionsPerUser: e.MAX_CONNECTIONS_PER_USER,
      connectionsPerIp: e.MAX_CONNECTIONS_PER_IP,
      mutationsPerSecond: e.MUTATIONS_PER_SECOND,
      mutationBurst: e.MUTATION_BURST,
      signInsPerMinute: e.SIGN_INS_PER_MINUTE,
      joinsPerMinute: e.JOINS_PER_MINUTE,
      queriesPerSecond: e.QUERIES_PER_SECOND,
      queryBurst: e.QUERY_BURST,
    },
    push: {
      vapidKeys: e.VAPID_PUBLIC_KEY && e.VAPID_PRIVATE_KEY ? { publicKey: e.VAPID_PUBLIC_KEY, privateKey: e.VAPID_PRIVATE_KEY } : null,
      vapidSubject: e.VAPID_SUBJECT,
      digestMs: e.PUSH_DIGEST_MS,
      serviceHosts: e.PUSH_SERVICE_HOSTS.length > 0 ? e.PUSH_SERVICE_HOSTS : DEFAULT_PUSH_SERVICE_HOSTS,
      subscriptionsPerUser: e.MAX_PUSH_SUBSCRIPTIONS_PER_USER,
      noticesPerMinute: e.PUSH_NOTICES_PER_MINUTE,
    },
  };
}

/** The host names of `origins` (an origin allowed to call us is a name we may be reached by). */
function hostsOf(origins: readonly string[]): string[] {
  return origins.flatMap((origin) => {
    try {
      return [new URL(origin).hostname];
    } catch {
      return [];
    }
  });
}
