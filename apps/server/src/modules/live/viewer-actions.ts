import type { LiveChatMessage, LiveChatPayload } from '@warmdesk/protocol';
import type { CustomerPrincipal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { removedError } from './attendance.js';
import { assertChatOpen, republish, slowModeWait, storeLiveMessage } from './chat.js';
import { presentLiveMessage, type RoomRow } from './presenter.js';
import { findLiveMessage } from './queries.js';
import { viewerState } from './viewers.js';

/** The viewer may act in the room: joined it, not removed. */
async function activeViewer(ctx: AppContext, room: RoomRow, p: CustomerPrincipal) {
  const state = await viewerState(ctx.db.pool, room.id, p.contactId);
  if (!state) throw new AppError('forbidden', 'join the live room first');
  if (state.removed) throw removedError();
  return state;
}

/** `live:chat` from a viewer: mute and slow mode apply; a resend returns the original. */
export async function viewerChat(
  ctx: AppContext,
  p: CustomerPrincipal,
  room: RoomRow,
  payload: LiveChatPayload,
): Promise<LiveChatMessage> {
  assertChatOpen(room);
  const state = await activeViewer(ctx, room, p);
  const { row } = await storeLiveMessage(
    ctx,
    room,
    {
      sender: { type: 'viewer', id: p.contactId, name: state.name },
      clientMsgId: payload.clientMsgId,
      body: payload.body,
      question: payload.question,
    },
    {
      guard: async () => {
        if (state.muted)
          throw new AppError('forbidden', 'a moderator muted you in this live room', { reason: 'muted' });
        const wait = await slowModeWait(ctx.db.pool, room, p.contactId);
        if (wait > 0) {
          throw new AppError('rate_limited', `slow mode: you can write again in ${wait} s`, {
            reason: 'slow_mode',
            retryAfterSeconds: wait,
          });
        }
      },
    },
  );
  return presentLiveMessage(row);
}

/** `live:question`: a viewer marks one of their own messages as a question. */
export async function markQuestion(
  ctx: AppContext,
  p: CustomerPrincipal,
  room: RoomRow,
  messageId: string,
): Promise<LiveChatMessage> {
  assertChatOpen(room);
  await activeViewer(ctx, room, p);
  const row = await findLiveMessage(ctx.db.pool, room.id, messageId);
  if (!row || row.deleted || row.sender_type !== 'viewer' || row.sender_id !== p.contactId) {
    throw new AppError('not_found', 'message not found (viewers mark their own messages)');
  }
  if (row.question) return presentLiveMessage(row);
  const { rows } = await ctx.db.pool.query<typeof row>(
    'UPDATE live_messages SET question = true WHERE room_id = $1 AND id = $2 RETURNING *',
    [room.id, messageId],
  );
  const updated = rows[0] ?? row;
  republish(ctx, room, updated);
  return presentLiveMessage(updated);
}
