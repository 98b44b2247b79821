import { createAdapter } from '@socket.io/redis-adapter';
import type { FastifyBaseLogger } from 'fastify';
import { createClient } from 'redis';

/**
 * Cluster mode: the Socket.IO Redis adapter, so an emit to a room on any server process reaches the sockets
 * in that room on every process (pub/sub channels `<prefix>#<namespace>#...`).
 *
 * A Redis outage never stops the process: while Redis is unreachable, events reach only this process's
 * sockets (publishes are dropped, not queued), the clients keep reconnecting, subscriptions are restored
 * when Redis is back, and the outage is logged once at its start and once at its end.
 */
export type ClusterAdapter = {
  adapter: ReturnType<typeof createAdapter>;
  /** Closes both Redis connections (after Socket.IO has closed its namespaces). */
  close: () => Promise<void>;
};

type RedisClient = ReturnType<typeof createClient>;

/** What to log about a Redis URL: never its password. */
export function redisTarget(url: string): string {
  const u = new URL(url);
  return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
}

/** Fire-and-forget calls the adapter makes without handling their promise; a failure must not surface. */
const FIRE_AND_FORGET = new Set<PropertyKey>(['publish', 'pSubscribe', 'subscribe', 'pUnsubscribe', 'unsubscribe']);

/**
 * The client as the adapter sees it: a publish while Redis is down is dropped (the event still reaches this
 * process's sockets), and the adapter's unhandled command promises cannot reject.
 */
function guarded(client: RedisClient, dropWhenDown: boolean): RedisClient {
  return new Proxy(client, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (typeof value !== 'function') return value;
      if (!FIRE_AND_FORGET.has(prop)) return value.bind(target);
      return (...args: unknown[]) => {
        if (dropWhenDown && !target.isReady) return Promise.resolve(0);
        const result: unknown = value.apply(target, args);
        return result instanceof Promise ? result.catch(() => 0) : result;
      };
    },
  });
}

function watchConnection(client: RedisClient, role: 'pub' | 'sub', log: FastifyBaseLogger, target: string): void {
  let down = false;
  client.on('error', (err: unknown) => {
    if (down) return;
    down = true;
    log.error(
      { err, redis: target, role },
      'Redis unreachable: realtime events reach only sockets on this process until it is back',
    );
  });
  client.on('ready', () => {
    if (!down) return;
    down = false;
    log.warn({ redis: target, role }, 'Redis connection restored: realtime events reach every process again');
  });
}

export function createClusterAdapter(url: string, prefix: string, log: FastifyBaseLogger): ClusterAdapter {
  const target = redisTarget(url);
  const pub: RedisClient = createClient({
    url,
    name: `${prefix}:pub`,
    socket: { connectTimeout: 5_000, reconnectStrategy: (retries) => Math.min(100 * 2 ** retries, 5_000) },
  });
  const sub: RedisClient = pub.duplicate({ name: `${prefix}:sub` });
  watchConnection(pub, 'pub', log, target);
  watchConnection(sub, 'sub', log, target);
  // connect() settles only once connected (or when closed); the clients retry in the background meanwhile
  for (const client of [pub, sub]) client.connect().catch(() => undefined);
  const adapter = createAdapter(guarded(pub, true), guarded(sub, false), { key: prefix });
  return {
    adapter,
    close: async () => {
      await Promise.allSettled(
        [pub, sub].map((client) => (client.isReady ? client.close() : Promise.resolve(client.destroy()))),
      );
    },
  };
}
