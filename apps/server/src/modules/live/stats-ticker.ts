import type { AppContext } from '../../platform/context.js';
import type { Realtime } from '../../platform/realtime/types.js';
import { computeStats, sampleViewers } from './stats.js';

const EVERY_MS = 2_000;
const PREFIX = 'live:';

/**
 * `live:stats` every 2 s to the staff of live rooms, only when the numbers changed. Each process sends to its own
 * staff sockets (`.local`), the numbers come from the database, so processes agree and nobody gets them twice.
 * Also samples concurrent viewers for the chart (at most one sample per 10 s, whichever process is first).
 */
export function startStatsTicker(rt: Realtime, ctx: AppContext): () => void {
  const lastSent = new Map<string, string>();
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const ids = [...rt.agents.adapter.rooms.entries()]
        .filter(([room, sockets]) => room.startsWith(PREFIX) && sockets.size > 0)
        .map(([room]) => room.slice(PREFIX.length));
      for (const id of [...lastSent.keys()]) if (!ids.includes(id)) lastSent.delete(id);
      if (ids.length === 0) return;
      const { rows } = await ctx.db.pool.query<{ id: string; account_id: string }>(
        "SELECT id, account_id FROM live_rooms WHERE id = ANY($1::uuid[]) AND state = 'live'",
        [ids],
      );
      for (const room of rows) {
        await sampleViewers(ctx.db.pool, room.account_id, room.id);
        const stats = await computeStats(ctx.db.pool, room.id);
        const { averageWatchSeconds: _moving, ...counted } = stats;
        const key = JSON.stringify(counted);
        if (lastSent.get(room.id) === key) continue;
        lastSent.set(room.id, key);
        rt.agents.local.to(`${PREFIX}${room.id}`).emit('live:stats', stats);
      }
    } catch (err) {
      ctx.log.warn({ err }, 'live stats tick failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick(), EVERY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
