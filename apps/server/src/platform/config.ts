import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { zPortRange } from '../media/settings.js';
import { zJsonEnv, zOptionalIp } from './env-schemas.js';
import { persistedSecretFor } from './secrets.js';

const zIceServer = z.object({
  urls: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof zIceServer>;

const zPort = z.coerce.number().int().min(0).max(65535);
const zBool = z.enum(['0', '1', 'true', 'false']).transform((v) => v === '1' || v === 'true');

/** Server workers on one machine at most (WARMDESK_WORKERS; `auto` is capped here too). */
const MAX_WORKERS = 32;

export const SERVICES = ['api', 'realtime', 'worker', 'media'] as const;
export type Service = (typeof SERVICES)[number];

const zCommaList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((u) => u.trim())
      .filter(Boolean),
  );

const zEnv = z.object({
  // Which services this process runs (comma list); default all of them.
  SERVICES: zCommaList
    .pipe(z.array(z.enum(SERVICES, `each must be one of ${SERVICES.join(', ')}`)))
    .transform((v) => (v.length > 0 ? [...new Set(v)] : [...SERVICES])),
  // Live rooms' SFU (docs/operations.md "Live rooms media (SFU)").
  WARMDESK_MEDIA_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  WARMDESK_MEDIA_URLS: zCommaList.pipe(z.array(z.url({ protocol: /^https?$/, error: 'each must be an http(s) URL' }))),
  WARMDESK_MEDIA_SECRET: z
    .string()
    .optional()
    .transform((v) => v || undefined)
    .pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  WARMDESK_MEDIA_PUBLIC_IP: zOptionalIp(),
  WARMDESK_MEDIA_PORT_RANGE: zPortRange(),
  WARMDESK_MEDIA_MAX_VIEWERS_PER_PROCESS: z.coerce.number().int().min(1).max(100_000).default(200),
  WARMDESK_MEDIA_CASCADE_HOST: z.string().min(1).default('127.0.0.1'),
  WARMDESK_MEDIA_USE_ICE_SERVERS: zBool.default(false),
  WARMDESK_PORT: zPort.default(3000),
  WARMDESK_HOST: z.string().min(1).default('0.0.0.0'),
  WARMDESK_PUBLIC_URL: z.url().optional(),
  WARMDESK_DATA_DIR: z.string().min(1).default('./data'),
  WARMDESK_PG_PORT: zPort.default(5499),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  // Cluster mode: several processes share Socket.IO events through Redis pub/sub. Empty counts as unset.
  REDIS_URL: z
    .union([z.literal(''), z.url({ protocol: /^rediss?$/, error: 'must be a redis:// or rediss:// URL' })])
    .optional()
    .transform((v) => v || undefined),
  WARMDESK_REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.:-]{1,64}$/, '1-64 letters, digits or _ . : -')
    .default('warmdesk'),
  WARMDESK_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  WARMDESK_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WARMDESK_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  WARMDESK_SOCKET_MESSAGES_PER_SECOND: z.coerce.number().positive().default(20),
  WARMDESK_SOCKET_CONNECTS_PER_MINUTE: z.coerce.number().int().min(1).default(300),
  WARMDESK_WIDGET_SESSIONS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  WARMDESK_LOGINS_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  WARMDESK_PING_INTERVAL_MS: z.coerce.number().int().min(1000).default(300_000),
  WARMDESK_PING_TIMEOUT_MS: z.coerce.number().int().min(1000).default(30_000),
  WARMDESK_SEED_DEMO: zBool.default(true),
  WARMDESK_SECURE_COOKIES: zBool.default(false),
  WARMDESK_DB_POOL_SIZE: z.coerce.number().int().min(1).max(500).default(100),
  WARMDESK_ACCEPT_HANDLES: z.coerce.number().int().min(0).max(64).default(8),
  // Server processes on this machine sharing the port (docs/operations.md "Several processes on one machine").
  WARMDESK_WORKERS: z
    .union(
      [z.literal('auto'), z.coerce.number().int().min(1).max(MAX_WORKERS)],
      `a number from 1 to ${MAX_WORKERS}, or auto`,
    )
    .default(1)
    .transform((v) => (v === 'auto' ? Math.min(MAX_WORKERS, availableParallelism()) : v)),
  // attachments.byte_size is a 32-bit integer; 1 GiB is far above any chat upload.
  WARMDESK_UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int('must be a whole number of bytes')
    .min(1, 'must be at least 1 byte')
    .max(1024 * 1024 * 1024, 'must be at most 1 GiB (1073741824)')
    .default(10 * 1024 * 1024),
  // Calls (docs/operations.md "Calls and TURN"). RTCIceServer entries given to every call, as JSON.
  WARMDESK_ICE_SERVERS: zJsonEnv('must be a JSON array of ICE servers').pipe(
    z.array(zIceServer, 'must be a JSON array of ICE servers'),
  ),
  // coturn with `use-auth-secret`: these URLs get time-limited credentials made with WARMDESK_TURN_SECRET.
  WARMDESK_TURN_URLS: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(/^turns?:/, 'each must start with turn: or turns:'))),
  WARMDESK_TURN_SECRET: z
    .string()
    .optional()
    .transform((v) => v || undefined),
  WARMDESK_TURN_TTL_SECONDS: z.coerce.number().int().min(60).max(604_800).default(3600),
  WARMDESK_CALL_RING_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(45_000),
  WARMDESK_CALL_REJOIN_WINDOW_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  WARMDESK_CALL_RECORDING_MAX_BYTES: z.coerce
    .number()
    .int('must be a whole number of bytes')
    .min(1, 'must be at least 1 byte')
    .max(1024 * 1024 * 1024, 'must be at most 1 GiB (1073741824)')
    .default(200 * 1024 * 1024),
  // Empty counts as unset: `WARMDESK_SMTP_URL=` in an env file turns mail off.
  WARMDESK_SMTP_URL: z
    .union([z.literal(''), z.url({ protocol: /^smtps?$/, error: 'must be an smtp:// or smtps:// URL' })])
    .optional()
    .transform((v) => v || undefined),
  WARMDESK_MAIL_FROM: z
    .string()
    .regex(/^([^<>\r\n]*<[^<>\s@]+@[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+)$/, 'an address, or a name and <address>')
    .default('Warmdesk <no-reply@localhost>'),
});

export type Config = {
  port: number;
  host: string;
  publicUrl: string | undefined;
  dataDir: string;
  embeddedPgPort: number;
  databaseUrl: string | undefined;
  /** Redis for cross-process realtime fan-out; undefined: the in-process adapter (one process). */
  redisUrl: string | undefined;
  /** Prefix of the Redis pub/sub channels, so several deployments (or test runs) can share one Redis. */
  redisPrefix: string;
  sessionSecret: string;
  logLevel: z.infer<typeof zEnv>['WARMDESK_LOG_LEVEL'];
  rateLimitPerMinute: number;
  socketMessagesPerSecond: number;
  socketConnectsPerMinute: number;
  widgetSessionsPerMinute: number;
  loginsPerMinute: number;
  pingIntervalMs: number;
  pingTimeoutMs: number;
  seedDemo: boolean;
  secureCookies: boolean;
  dbPoolSize: number;
  /** Duplicates of the listening socket, each accepting one new connection per event-loop turn (0: none). */
  acceptHandles: number;
  /** Server processes sharing the port on this machine (1: this process serves; more: it supervises them). */
  workers: number;
  /** Largest file accepted by the attachment upload routes. */
  uploadMaxBytes: number;
  /** Calls: ICE servers given as they are, and TURN URLs that get coturn REST credentials from the secret. */
  iceServers: IceServer[];
  turnUrls: string[];
  turnSecret: string | undefined;
  turnTtlSeconds: number;
  /** A ringing call nobody answers ends as missed after this long. */
  callRingTimeoutMs: number;
  /** A side of a call whose socket went away may rejoin within this long; then the call is dropped. */
  callRejoinWindowMs: number;
  /** Largest call recording accepted by the upload route. */
  callRecordingMaxBytes: number;
  /** Outgoing mail relay; undefined: the server sends no email. */
  smtpUrl: string | undefined;
  mailFrom: string;
  /** The services this process runs. */
  services: Service[];
  media: MediaConfig;
};

export type MediaConfig = {
  /** SFU processes spawned by this process when it runs `media` and no `urls` are given. */
  processes: number;
  /** Remote SFU processes' control URLs (cluster); empty: spawn locally. */
  urls: string[];
  /** Control API and cascade secret; generated at start when undefined (spawned processes only). */
  secret: string | undefined;
  publicIp: string | undefined;
  portRange: { begin: number; end: number } | undefined;
  maxViewersPerProcess: number;
  cascadeHost: string;
  /** Give the SFU the calls' ICE servers (WARMDESK_ICE_SERVERS, TURN); default host candidates only. */
  useIceServers: boolean;
};

export class ConfigError extends Error {}

/** Reads and validates configuration once; a bad value stops the start with a message naming it. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = zEnv.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  if (e.WARMDESK_TURN_URLS.length > 0 && !e.WARMDESK_TURN_SECRET) {
    throw new ConfigError('Invalid configuration:\n  WARMDESK_TURN_SECRET: required when WARMDESK_TURN_URLS is set');
  }
  if (e.WARMDESK_MEDIA_URLS.length > 0 && !e.WARMDESK_MEDIA_SECRET) {
    throw new ConfigError('Invalid configuration:\n  WARMDESK_MEDIA_SECRET: required when WARMDESK_MEDIA_URLS is set');
  }
  const dataDir = resolve(e.WARMDESK_DATA_DIR);
  return {
    port: e.WARMDESK_PORT,
    host: e.WARMDESK_HOST,
    publicUrl: e.WARMDESK_PUBLIC_URL,
    dataDir,
    embeddedPgPort: e.WARMDESK_PG_PORT,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.WARMDESK_REDIS_PREFIX,
    sessionSecret: e.WARMDESK_SESSION_SECRET ?? persistedSecretFor(dataDir, 'session-secret'),
    logLevel: e.WARMDESK_LOG_LEVEL,
    rateLimitPerMinute: e.WARMDESK_RATE_LIMIT_PER_MINUTE,
    socketMessagesPerSecond: e.WARMDESK_SOCKET_MESSAGES_PER_SECOND,
    socketConnectsPerMinute: e.WARMDESK_SOCKET_CONNECTS_PER_MINUTE,
    widgetSessionsPerMinute: e.WARMDESK_WIDGET_SESSIONS_PER_MINUTE,
    loginsPerMinute: e.WARMDESK_LOGINS_PER_MINUTE,
    pingIntervalMs: e.WARMDESK_PING_INTERVAL_MS,
    pingTimeoutMs: e.WARMDESK_PING_TIMEOUT_MS,
    seedDemo: e.WARMDESK_SEED_DEMO,
    secureCookies: e.WARMDESK_SECURE_COOKIES,
    dbPoolSize: e.WARMDESK_DB_POOL_SIZE,
    acceptHandles: e.WARMDESK_ACCEPT_HANDLES,
    workers: e.WARMDESK_WORKERS,
    uploadMaxBytes: e.WARMDESK_UPLOAD_MAX_BYTES,
    iceServers: e.WARMDESK_ICE_SERVERS,
    turnUrls: e.WARMDESK_TURN_URLS,
    turnSecret: e.WARMDESK_TURN_SECRET,
    turnTtlSeconds: e.WARMDESK_TURN_TTL_SECONDS,
    callRingTimeoutMs: e.WARMDESK_CALL_RING_TIMEOUT_MS,
    callRejoinWindowMs: e.WARMDESK_CALL_REJOIN_WINDOW_MS,
    callRecordingMaxBytes: e.WARMDESK_CALL_RECORDING_MAX_BYTES,
    smtpUrl: e.WARMDESK_SMTP_URL,
    mailFrom: e.WARMDESK_MAIL_FROM,
    services: e.SERVICES,
    media: {
      processes: e.WARMDESK_MEDIA_PROCESSES,
      urls: e.WARMDESK_MEDIA_URLS,
      secret: e.WARMDESK_MEDIA_SECRET,
      publicIp: e.WARMDESK_MEDIA_PUBLIC_IP,
      portRange: e.WARMDESK_MEDIA_PORT_RANGE,
      maxViewersPerProcess: e.WARMDESK_MEDIA_MAX_VIEWERS_PER_PROCESS,
      cascadeHost: e.WARMDESK_MEDIA_CASCADE_HOST,
      useIceServers: e.WARMDESK_MEDIA_USE_ICE_SERVERS,
    },
  };
}
