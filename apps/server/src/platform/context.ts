import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config.js';
import type { Db } from './db/pool.js';
import { inTransaction, type Tx } from './db/transaction.js';
import type { EventBus } from './events.js';
import type { MediaService } from './media.js';
import type { Metrics } from './metrics.js';
import type { AgentPresence } from './realtime/presence.js';

/** What every module gets: configuration, database, event bus and logger. */
export type AppContext = {
  config: Config;
  db: Db;
  bus: EventBus;
  log: FastifyBaseLogger;
  metrics: Metrics;
  presence: AgentPresence;
  /** The SFU processes; undefined when this process runs without the media service configured. */
  media?: MediaService;
};

export const transaction = <T>(ctx: AppContext, fn: (tx: Tx) => Promise<T>) => inTransaction(ctx.db, ctx.bus, fn);
export type { Tx };
