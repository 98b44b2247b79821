import type { AppContext } from '../../platform/context.js';
import { KbIndexes } from './kb-indexes.js';
import { BotSettingsCache } from './settings.js';

/** Runs tasks of the same key one after another (a conversation's turns), different keys side by side. */
export class KeyedSerial {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const result = previous.then(task, task);
    const tail = result.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }
}

/** The bot's state in this process: settings cache, built indexes, and one turn at a time per conversation. */
export type BotService = { settings: BotSettingsCache; indexes: KbIndexes; turns: KeyedSerial };

const services = new WeakMap<AppContext, BotService>();

export function botService(ctx: AppContext): BotService {
  let service = services.get(ctx);
  if (!service) {
    service = {
      settings: new BotSettingsCache(ctx.db.pool),
      indexes: new KbIndexes(ctx.db.pool, ctx.log),
      turns: new KeyedSerial(),
    };
    services.set(ctx, service);
  }
  return service;
}
