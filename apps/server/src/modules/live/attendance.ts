import type { CustomerPrincipal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { viewerPublished } from './events.js';
import { countJoin, findViewer } from './viewers.js';

export const removedError = () =>
  new AppError('forbidden', 'you were removed from this live room', { reason: 'removed' });

/**
 * A viewer's socket joins a room that is not over: one more connection of theirs. Their first connection is a
 * join in the staff's feed, published at once (before anything else the join needs). A removed viewer is refused.
 */
export async function viewerJoined(ctx: AppContext, p: CustomerPrincipal, roomId: string): Promise<{ muted: boolean }> {
  const joined = await countJoin(ctx.db.pool, { accountId: p.accountId, roomId, contactId: p.contactId });
  if (!joined) throw removedError();
  if (joined.connections === 1) {
    ctx.bus.publish([
      viewerPublished(p.accountId, { roomId, kind: 'join', viewer: joined.viewer, at: new Date().toISOString() }),
    ]);
  }
  return { muted: joined.viewer.muted };
}

/**
 * A viewer's socket left the room (or went away): one connection fewer; the last one ends their watch (its time is
 * added up) and is a leave in the staff's feed.
 */
export async function viewerLeft(ctx: AppContext, accountId: string, roomId: string, contactId: string): Promise<void> {
  const { rows } = await ctx.db.pool.query<{ connections: number }>(
    `UPDATE live_viewers SET
       connections = connections - 1,
       watch_ms = watch_ms + CASE WHEN connections = 1
                                  THEN (extract(epoch FROM now() - last_joined_at) * 1000)::bigint ELSE 0 END,
       left_at = CASE WHEN connections = 1 THEN now() ELSE left_at END
     WHERE room_id = $1 AND contact_id = $2 AND connections > 0
     RETURNING connections`,
    [roomId, contactId],
  );
  if (rows[0]?.connections !== 0) return;
  const viewer = await findViewer(ctx.db.pool, roomId, contactId);
  if (viewer)
    ctx.bus.publish([viewerPublished(accountId, { roomId, kind: 'leave', viewer, at: new Date().toISOString() })]);
}
