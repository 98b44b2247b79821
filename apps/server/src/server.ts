import type { Server as HttpServer } from 'node:http';
import pino from 'pino';
import { startMedia } from './media/start.js';
import { type DemoSeed, ensureDemoAccount } from './modules/accounts/seed-demo.js';
import { callsSocket } from './modules/calls/index.js';
import { wakeSnoozedConversations } from './modules/conversations/wake-snoozed.js';
import { watchSocket } from './modules/conversations/watch-socket.js';
import { allRoutes } from './modules/index.js';
import { liveSocket } from './modules/live/index.js';
import { messagingFanOut } from './modules/messages/fan-out.js';
import { messagingSocket } from './modules/messages/socket.js';
import { notificationFanOut } from './modules/notifications/fan-out.js';
import { routingSocket } from './modules/routing/socket.js';
import { isSiblings, siblingsAtFork, workerIndex } from './platform/cluster/messages.js';
import { type StickySessions, stickySessions } from './platform/cluster/sticky-sessions.js';
import type { Config } from './platform/config.js';
import type { AppContext } from './platform/context.js';
import { openDatabase } from './platform/database.js';
import { EventBus } from './platform/events.js';
import { addAcceptHandles, LISTEN_BACKLOG } from './platform/http/accept-handles.js';
import { createHttpApp } from './platform/http/app.js';
import type { RouteRecord } from './platform/http/policy.js';
import { createMetrics } from './platform/metrics.js';
import { createRealtime } from './platform/realtime/gateway.js';
import { AgentPresence } from './platform/realtime/presence.js';
import type { Realtime } from './platform/realtime/types.js';

export type RunningServer = {
  url: string;
  port: number;
  ctx: AppContext;
  realtime: Realtime;
  routes: RouteRecord[];
  demo: DemoSeed | undefined;
  databaseUrl: string;
  /** A worker's own port on 127.0.0.1 (WARMDESK_WORKERS), where siblings forward its long-polling sessions. */
  privatePort: number | undefined;
  embeddedPgPid: number | undefined;
  close: () => Promise<void>;
  /** From a synchronous exit path: ask the embedded PostgreSQL to stop. */
  emergencyStop: () => void;
};

/** A worker's long-polling sessions reach it from its siblings; the primary says where they are. */
async function shareSessions(server: HttpServer, index: number, realtime: Realtime): Promise<StickySessions> {
  const sticky = await stickySessions(server, index, (generate) => {
    realtime.io.engine.generateId = generate;
  });
  sticky.setSiblings(siblingsAtFork());
  process.on('message', (message: unknown) => {
    if (isSiblings(message)) sticky.setSiblings(new Map(message.ports));
  });
  return sticky;
}

/** Starts everything in this process: database (embedded unless DATABASE_URL), HTTP API, realtime gateway. */
export async function startServer(config: Config): Promise<RunningServer> {
  const worker = workerIndex();
  const log = pino({
    level: config.logLevel,
    base: worker === undefined ? { app: 'warmdesk' } : { app: 'warmdesk', process: `worker-${worker + 1}` },
  });
  const database = await openDatabase(config, (line) => log.info(line));
  const metrics = createMetrics();
  const bus = new EventBus((err, event) => log.error({ err, type: event.type }, 'event handler failed'));
  const ctx: AppContext = { config, db: database.db, bus, log, metrics, presence: new AgentPresence() };
  // The SFU processes (live rooms) start alongside the rest; ctx.media is set before the API listens.
  const mediaStarting = startMedia(config, (line) => log.warn(line));
  mediaStarting.catch(() => undefined);
  try {
    const demo = config.seedDemo ? await ensureDemoAccount(database.db.pool) : undefined;
    const routes: RouteRecord[] = [];
    const app = await createHttpApp(ctx, routes);
    for (const register of allRoutes) register(app, ctx);
    await app.ready();
    // Without its SFU the server still serves everything else; live rooms then answer that video is unavailable.
    ctx.media = await mediaStarting.catch((err: unknown) => {
      log.error({ err }, 'the media service did not start: live video is off');
      return undefined;
    });
    const realtime = createRealtime(ctx, app.server, [
      messagingSocket,
      watchSocket,
      messagingFanOut,
      routingSocket,
      notificationFanOut,
      callsSocket,
      liveSocket,
    ]);
    // Before the first connection: session ids marked with this worker, siblings' sessions forwarded to them.
    const sticky = worker === undefined ? undefined : await shareSessions(app.server, worker, realtime);
    // A long accept queue: in a surge of new visitors, connections wait to be accepted instead of being dropped
    // and retried by the client seconds later (the kernel caps it at net.core.somaxconn).
    await app.listen({ port: config.port, host: config.host, backlog: LISTEN_BACKLOG });
    const accepting = await addAcceptHandles(app.server, config.acceptHandles, (err) =>
      log.warn({ err }, 'extra accept handles: the server accepts on its own handle only'),
    );
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = config.publicUrl ?? `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`;
    const snoozeTimer = setInterval(() => {
      wakeSnoozedConversations(ctx).catch((err) => log.warn({ err }, 'waking snoozed conversations failed'));
    }, 30_000);
    snoozeTimer.unref();
    let closing: Promise<void> | undefined;
    const close = () => {
      closing ??= (async () => {
        clearInterval(snoozeTimer);
        accepting.close();
        sticky?.close();
        await realtime.close().catch(() => undefined);
        await app.close().catch(() => undefined);
        await ctx.media?.close().catch(() => undefined);
        await database.close();
      })();
      return closing;
    };
    return {
      url,
      port,
      ctx,
      realtime,
      routes,
      demo,
      databaseUrl: database.url,
      privatePort: sticky?.privatePort,
      embeddedPgPid: database.embedded?.pid,
      close,
      emergencyStop: () => database.embedded?.stopSync(),
    };
  } catch (err) {
    await (await mediaStarting.catch(() => undefined))?.close().catch(() => undefined);
    await database.close();
    throw err;
  }
}
