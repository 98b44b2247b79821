import cluster, { type Worker } from 'node:cluster';
import { randomBytes } from 'node:crypto';
import { setupPrimary as relaySocketEvents } from '@socket.io/cluster-adapter';
import pino, { type Logger } from 'pino';
import type { MediaClient } from '../../media/client.js';
import { startMedia } from '../../media/start.js';
import { type DemoSeed, ensureDemoAccount } from '../../modules/accounts/seed-demo.js';
import type { Config } from '../config.js';
import { openDatabase } from '../database.js';
import { EMBEDDED_MAX_CONNECTIONS } from '../db/embedded-postgres.js';
import { isWorkerReady, type Siblings, type WorkerSettings, workerEnv } from './messages.js';

export type RunningCluster = {
  url: string;
  port: number;
  demo: DemoSeed | undefined;
  embeddedPgPid: number | undefined;
  workers: number;
  log: Logger;
  close: () => Promise<void>;
  /** From a synchronous exit path: stop the workers and the embedded PostgreSQL. */
  emergencyStop: () => void;
};

const WORKER_START_TIMEOUT_MS = 120_000;
/** Within the 30 s a stop may take in all (cli/start.ts), leaving time for the SFU and PostgreSQL. */
const WORKER_STOP_GRACE_MS = 20_000;
const RESTART_DELAY_MS = 1_000;
const RESTART_DELAY_MAX_MS = 30_000;
/** A worker that ran this long before it died is restarted at the shortest delay again. */
const HEALTHY_RUN_MS = 60_000;
/** Connections the primary keeps for itself (migrations, demo seed) and leaves for tools like psql. */
const RESERVED_CONNECTIONS = 20;

/**
 * Several server processes on this machine (WARMDESK_WORKERS): this process owns the database (the embedded
 * PostgreSQL), the demo seed and the SFU processes, and forks the workers. Each worker runs the whole server
 * (HTTP API, realtime, routing) on the shared port and accepts from the listening socket itself (`SCHED_NONE`:
 * Node's round robin would hand out one connection per worker and event-loop turn), and the workers' Socket.IO
 * events reach each other through this process (`@socket.io/cluster-adapter`; with REDIS_URL, through Redis
 * instead). A worker that dies is started again.
 */
export async function startCluster(config: Config): Promise<RunningCluster> {
  const log = pino({ level: config.logLevel, base: { app: 'warmdesk', process: 'primary' } });
  const database = await openDatabase({ ...config, dbPoolSize: 2 }, (line) => log.info(line));
  let media: SharedMedia | undefined;
  try {
    const demo = config.seedDemo ? await ensureDemoAccount(database.db.pool) : undefined;
    await database.db.close();
    media = await startSharedMedia(config, log);
    const settings: WorkerSettings = {
      port: config.port,
      databaseUrl: database.url,
      dbPoolSize: database.embedded
        ? Math.min(config.dbPoolSize, Math.floor((EMBEDDED_MAX_CONNECTIONS - RESERVED_CONNECTIONS) / config.workers))
        : config.dbPoolSize,
      services: config.services.filter((s) => s !== 'media' || config.media.urls.length > 0),
      mediaUrls: media?.client.urls ?? config.media.urls,
      mediaSecret: media?.secret ?? config.media.secret,
    };
    if (!config.redisUrl) relaySocketEvents();
    // Every worker accepts from the shared listening socket itself (see WorkerSupervisor).
    cluster.schedulingPolicy = cluster.SCHED_NONE;
    const supervisor = new WorkerSupervisor(config.workers, settings, log);
    const port = await supervisor.start().catch(async (err: unknown) => {
      await supervisor.stop();
      throw err;
    });
    settings.port = port;
    const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    let closing: Promise<void> | undefined;
    const shared = media?.client;
    return {
      url,
      port,
      demo,
      embeddedPgPid: database.embedded?.pid,
      workers: config.workers,
      log,
      close: () => {
        closing ??= (async () => {
          await supervisor.stop();
          await shared?.close().catch(() => undefined);
          await database.close();
        })();
        return closing;
      },
      emergencyStop: () => {
        supervisor.kill();
        database.embedded?.stopSync();
      },
    };
  } catch (err) {
    await media?.client.close().catch(() => undefined);
    await database.close();
    throw err;
  }
}

type SharedMedia = { client: MediaClient; secret: string };

/** The live rooms' SFU processes, forked here once for all workers (they reach them over HTTP with the secret). */
async function startSharedMedia(config: Config, log: Logger): Promise<SharedMedia | undefined> {
  if (config.media.urls.length > 0 || !config.services.includes('media')) return undefined;
  const secret = config.media.secret ?? randomBytes(24).toString('base64url');
  try {
    const client = await startMedia({ ...config, media: { ...config.media, secret } }, (line) => log.warn(line));
    return client ? { client, secret } : undefined;
  } catch (err) {
    log.error({ err }, 'the media service did not start: live video is off');
    return undefined;
  }
}

class WorkerSupervisor {
  private readonly workers = new Map<number, Worker>();
  private readonly restarts = new Map<number, number>();
  private readonly privatePorts = new Map<number, number>();
  private stopping = false;

  constructor(
    private readonly count: number,
    private readonly settings: WorkerSettings,
    private readonly log: Logger,
  ) {}

  /** Forks every worker and resolves with the port once all of them serve; rejects if one cannot start. */
  async start(): Promise<number> {
    const ports = await Promise.all(Array.from({ length: this.count }, (_, index) => this.fork(index)));
    return ports[0] ?? this.settings.port;
  }

  private async fork(index: number): Promise<number> {
    // Throws when the process cannot be spawned at all (e.g. out of memory): the caller decides what follows.
    const worker = cluster.fork(workerEnv(index, this.settings, this.privatePorts));
    this.workers.set(index, worker);
    const startedAt = Date.now();
    // Spawn errors after the fact, and sends to a worker that just died, arrive here instead of being thrown.
    worker.on('error', (err) => this.log.warn({ err, worker: index + 1 }, 'server worker channel error'));
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        worker.process.kill('SIGKILL');
        reject(new Error(`worker ${index + 1} did not start within ${WORKER_START_TIMEOUT_MS / 1000} s`));
      }, WORKER_START_TIMEOUT_MS);
      worker.on('message', (message: unknown) => {
        if (!isWorkerReady(message)) return;
        clearTimeout(timer);
        this.privatePorts.set(index, message.privatePort);
        this.announceSiblings();
        resolve(message.port);
      });
      worker.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`worker ${index + 1} exited (${signal ?? code}) before it served`));
        if (this.workers.get(index) === worker) {
          this.workers.delete(index);
          this.privatePorts.delete(index);
          // Siblings stop forwarding to its port, which another process could take meanwhile.
          this.announceSiblings();
        }
        if (this.stopping) return;
        this.log.error({ worker: index + 1, code, signal }, 'a server worker exited; starting it again');
        this.restartLater(index, Date.now() - startedAt);
      });
    });
  }

  private announceSiblings(): void {
    const message: Siblings = { type: 'warmdesk:siblings', ports: [...this.privatePorts] };
    for (const worker of this.workers.values()) {
      if (worker.isConnected()) worker.send(message, undefined, {}, () => undefined);
    }
  }

  private restartLater(index: number, ranMs: number): void {
    const tries = ranMs >= HEALTHY_RUN_MS ? 0 : (this.restarts.get(index) ?? 0) + 1;
    this.restarts.set(index, tries);
    const delay = Math.min(RESTART_DELAY_MS * 2 ** tries, RESTART_DELAY_MAX_MS);
    setTimeout(() => {
      if (this.stopping) return;
      this.fork(index).catch((err: unknown) => {
        this.log.error({ err, worker: index + 1 }, 'worker restart failed');
        // A worker that could not even be spawned gets no exit event: try again later.
        if (!this.workers.has(index) && !this.stopping) this.restartLater(index, 0);
      });
    }, delay).unref();
  }

  /** SIGTERM to every worker (each closes its sockets and pool), SIGKILL after the grace period. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.workers.values()].map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            const force = setTimeout(() => worker.process.kill('SIGKILL'), WORKER_STOP_GRACE_MS);
            worker.once('exit', () => {
              clearTimeout(force);
              resolve();
            });
            worker.process.kill('SIGTERM');
          }),
      ),
    );
    this.workers.clear();
  }

  kill(): void {
    this.stopping = true;
    for (const worker of this.workers.values()) worker.process.kill('SIGKILL');
  }
}
