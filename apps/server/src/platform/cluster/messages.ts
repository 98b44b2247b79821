import { z } from 'zod';
import type { Service } from '../config.js';

/** What the primary tells every worker it forks, as the worker's environment (read by loadConfig). */
export type WorkerSettings = {
  port: number;
  databaseUrl: string;
  dbPoolSize: number;
  services: Service[];
  mediaUrls: string[];
  mediaSecret: string | undefined;
};

/** Set by the primary on each worker: its place (0-based) among the workers. */
const WORKER_INDEX_ENV = 'WARMDESK_WORKER_INDEX';

/** The siblings' private ports known when the worker is forked (later changes come as `warmdesk:siblings`). */
const SIBLINGS_ENV = 'WARMDESK_WORKER_SIBLINGS';

export function workerEnv(
  index: number,
  s: WorkerSettings,
  siblings: ReadonlyMap<number, number> = new Map(),
): Record<string, string> {
  return {
    [WORKER_INDEX_ENV]: String(index),
    [SIBLINGS_ENV]: JSON.stringify([...siblings]),
    WARMDESK_WORKERS: '1',
    WARMDESK_PORT: String(s.port),
    DATABASE_URL: s.databaseUrl,
    WARMDESK_DB_POOL_SIZE: String(s.dbPoolSize),
    // The primary seeded the demo account.
    WARMDESK_SEED_DEMO: 'false',
    SERVICES: s.services.join(','),
    WARMDESK_MEDIA_URLS: s.mediaUrls.join(','),
    WARMDESK_MEDIA_SECRET: s.mediaSecret ?? '',
  };
}

/** This worker's index, or undefined in a process the primary did not fork. */
export function workerIndex(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const parsed = z.coerce.number().int().min(0).safeParse(env[WORKER_INDEX_ENV]);
  return env[WORKER_INDEX_ENV] !== undefined && parsed.success ? parsed.data : undefined;
}

const zPorts = z.array(z.tuple([z.number().int().min(0), z.number().int().min(1)]));

export function siblingsAtFork(env: NodeJS.ProcessEnv = process.env): Map<number, number> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(env[SIBLINGS_ENV] ?? '[]');
  } catch {
    parsed = [];
  }
  return new Map(zPorts.safeParse(parsed).data ?? []);
}

/** Only messages of ours are parsed: the channel also carries every Socket.IO event relayed between workers. */
const typed = (message: unknown, type: string) =>
  typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type;

const zWorkerReady = z.object({
  type: z.literal('warmdesk:worker-ready'),
  /** The shared port. */
  port: z.number().int().min(1),
  /** Where siblings forward this worker's long-polling sessions (platform/cluster/sticky-sessions.ts). */
  privatePort: z.number().int().min(1),
});
export type WorkerReady = z.infer<typeof zWorkerReady>;

export function isWorkerReady(message: unknown): message is WorkerReady {
  return typed(message, 'warmdesk:worker-ready') && zWorkerReady.safeParse(message).success;
}

/** From the primary to every worker whenever one starts serving: each worker's private port by index. */
const zSiblings = z.object({
  type: z.literal('warmdesk:siblings'),
  ports: zPorts,
});
export type Siblings = z.infer<typeof zSiblings>;

export function isSiblings(message: unknown): message is Siblings {
  return typed(message, 'warmdesk:siblings') && zSiblings.safeParse(message).success;
}
