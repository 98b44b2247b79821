import type { AgentPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { roomChanged } from './events.js';
import { roomNotFound } from './policy.js';
import type { RoomRow } from './presenter.js';
import { findRoom } from './queries.js';
import { computeStats, sampleViewers } from './stats.js';

/** scheduled -> live. Starting a live room again returns it; an ended room cannot start again. */
export async function startRoom(ctx: AppContext, p: AgentPrincipal, row: RoomRow): Promise<RoomRow> {
  if (row.state === 'live') return row;
  if (row.state === 'ended') throw new AppError('conflict', 'this room has ended; create a new one');
  return transaction(ctx, async (tx) => {
    const { rowCount } = await tx.client.query(
      `UPDATE live_rooms SET state = 'live', started_at = now(), updated_at = now()
        WHERE account_id = $1 AND id = $2 AND state = 'scheduled'`,
      [p.accountId, row.id],
    );
    const now = await findRoom(tx.client, p.accountId, row.id);
    if (!now) throw roomNotFound();
    if (!rowCount) return now;
    await sampleViewers(tx.client, p.accountId, row.id, true);
    await tx.emit({ accountId: p.accountId, type: 'live.started', payload: { roomId: row.id, by: p.userId } });
    tx.publishAfterCommit(roomChanged(p.accountId, row.id));
    return now;
  });
}

/**
 * live (or scheduled) -> ended: every viewer's watch is closed, the final stats are saved with the room, and the
 * media of the room is closed on every SFU process. Ending an ended room returns it.
 */
export async function endRoom(ctx: AppContext, p: AgentPrincipal, row: RoomRow): Promise<RoomRow> {
  if (row.state === 'ended') return row;
  const ended = await transaction(ctx, async (tx) => {
    const { rowCount } = await tx.client.query(
      `UPDATE live_rooms SET state = 'ended', ended_at = now(), publishing = false, updated_at = now()
        WHERE account_id = $1 AND id = $2 AND state <> 'ended'`,
      [p.accountId, row.id],
    );
    if (!rowCount) return undefined;
    await sampleViewers(tx.client, p.accountId, row.id, true);
    await tx.client.query(
      `UPDATE live_viewers SET watch_ms = watch_ms + (extract(epoch FROM now() - last_joined_at) * 1000)::bigint,
                               connections = 0, left_at = now()
        WHERE room_id = $1 AND connections > 0`,
      [row.id],
    );
    const stats = await computeStats(tx.client, row.id);
    await tx.client.query('UPDATE live_rooms SET final_stats = $2 WHERE id = $1', [row.id, stats]);
    await tx.emit({ accountId: p.accountId, type: 'live.ended', payload: { roomId: row.id, by: p.userId, stats } });
    tx.publishAfterCommit(roomChanged(p.accountId, row.id));
    return true;
  });
  if (ended) {
    await ctx.media
      ?.closeRoom(row.id)
      .catch((err: unknown) => ctx.log.warn({ err, roomId: row.id }, 'closing live media failed'));
  }
  const now = await findRoom(ctx.db.pool, p.accountId, row.id);
  if (!now) throw roomNotFound();
  return now;
}
