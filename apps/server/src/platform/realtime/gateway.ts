import type { Server as HttpServer } from 'node:http';
import { createAdapter as createSiblingsAdapter } from '@socket.io/cluster-adapter';
import { NAMESPACES, PROTOCOL_VERSION, zAgentHandshake } from '@warmdesk/protocol';
import { Server } from 'socket.io';
import { workerIndex } from '../cluster/messages.js';
import type { AppContext } from '../context.js';
import { AppError } from '../errors.js';
import { authenticateAgent, authenticateCustomer } from './authenticate.js';
import { createClusterAdapter, redisTarget } from './cluster-adapter.js';
import { KeyedBuckets, TokenBucket } from './token-bucket.js';
import { type IoNamespace, type IoServer, type IoSocket, type Realtime, rooms } from './types.js';

export type SocketModule = (rt: Realtime, ctx: AppContext) => void;

/**
 * The realtime gateway. Clients never choose rooms: after authentication the server joins each socket
 * to the rooms its principal may see (agents: account and user; customers: their contact in their inbox).
 */
export function createRealtime(ctx: AppContext, http: HttpServer, modules: SocketModule[]): Realtime {
  const { redisUrl, redisPrefix } = ctx.config;
  const redis = redisUrl ? createClusterAdapter(redisUrl, redisPrefix, ctx.log) : undefined;
  // A worker forked by our primary (WARMDESK_WORKERS; not any cluster worker, e.g. PM2's) without Redis:
  // events go through the primary.
  const siblings = !redis && workerIndex() !== undefined ? createSiblingsAdapter() : undefined;
  if (redisUrl)
    ctx.log.info({ redis: redisTarget(redisUrl), prefix: redisPrefix }, 'realtime adapter: Redis (cluster mode)');
  else if (siblings) ctx.log.info('realtime adapter: between the workers of this machine (WARMDESK_WORKERS)');
  else ctx.log.info('realtime adapter: in-process (single process; set REDIS_URL for several)');
  const adapter = redis?.adapter ?? siblings;
  const io: IoServer = new Server(http, {
    ...(adapter ? { adapter } : {}),
    path: '/socket.io',
    serveClient: false,
    pingInterval: ctx.config.pingIntervalMs,
    pingTimeout: ctx.config.pingTimeoutMs,
    maxHttpBufferSize: 100_000,
    perMessageDeflate: false,
    cors: { origin: true, credentials: false },
  });
  const connects = new KeyedBuckets(ctx.config.socketConnectsPerMinute / 60, ctx.config.socketConnectsPerMinute);
  const rate = ctx.config.socketMessagesPerSecond;

  const guard = (ns: IoNamespace, authenticate: (s: IoSocket) => Promise<IoSocket['data']['principal'] | null>) =>
    ns.use(async (socket, next) => {
      if (!connects.take(socket.handshake.address)) {
        ctx.metrics.socketRejected.inc({ reason: 'connect_rate' });
        return next(
          Object.assign(new Error('rate_limited'), {
            data: new AppError('rate_limited', 'too many connections').toBody(),
          }),
        );
      }
      try {
        const principal = await authenticate(socket);
        if (!principal) {
          ctx.metrics.socketRejected.inc({ reason: 'unauthorized' });
          return next(
            Object.assign(new Error('unauthorized'), {
              data: new AppError('unauthorized', 'invalid credentials').toBody(),
            }),
          );
        }
        socket.data.principal = principal;
        socket.data.queues = new Map();
        socket.data.bucket = new TokenBucket(rate, rate * 2);
        next();
      } catch (err) {
        ctx.log.error({ err }, 'socket authentication failed');
        next(new Error('internal'));
      }
    });

  const customers: IoNamespace = io.of(NAMESPACES.customer);
  const agents: IoNamespace = io.of(NAMESPACES.agent);
  guard(customers, (s) => authenticateCustomer(ctx, s));
  guard(agents, (s) => authenticateAgent(ctx, s));

  const track = (side: 'customer' | 'agent') => (socket: IoSocket) => {
    ctx.metrics.socketConnections.inc({ side });
    socket.on('disconnect', () => ctx.metrics.socketConnections.dec({ side }));
  };
  customers.on('connection', (socket) => {
    track('customer')(socket);
    const p = socket.data.principal;
    if (p.kind !== 'customer') return void socket.disconnect(true);
    socket.join(rooms.customer(p.contactId, p.inboxId));
    socket.emit('ready', { protocol: PROTOCOL_VERSION, kind: 'customer', id: p.contactId });
  });
  agents.on('connection', (socket) => {
    track('agent')(socket);
    const p = socket.data.principal;
    if (p.kind !== 'agent') return void socket.disconnect(true);
    ctx.presence.connected(p.accountId, p.userId);
    socket.on('disconnect', () => ctx.presence.disconnected(p.accountId, p.userId));
    const batched = zAgentHandshake.safeParse(socket.handshake.auth ?? {}).data?.conversationUpdates === 'batched';
    const updates = batched ? rooms.accountBatches(p.accountId) : rooms.accountUpdates(p.accountId);
    socket.join([rooms.account(p.accountId), updates, rooms.user(p.userId)]);
    socket.emit('ready', { protocol: PROTOCOL_VERSION, kind: 'agent', id: p.userId });
  });

  const pending = new Set<Promise<unknown>>();
  const rt: Realtime = {
    io,
    customers,
    agents,
    clustered: adapter !== undefined,
    track: (work) => {
      const settled: Promise<unknown> = work.then(
        () => pending.delete(settled),
        () => pending.delete(settled),
      );
      pending.add(settled);
    },
    close: async () => {
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      // The disconnect handlers io.close() just ran may still be querying; several rounds, as work may start more.
      for (let round = 0; round < 10 && pending.size > 0; round++) await Promise.allSettled([...pending]);
      await redis?.close();
    },
  };
  for (const register of modules) register(rt, ctx);
  return rt;
}
