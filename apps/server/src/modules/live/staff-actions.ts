import type {
  LiveAnswerPayload,
  LiveChatMessage,
  LiveChatPayload,
  LiveGreetPayload,
  LiveModeratePayload,
} from '@warmdesk/protocol';
import type { AgentPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { assertChatOpen, republish, storeLiveMessage } from './chat.js';
import { viewerPublished, youPublished } from './events.js';
import { type LiveMessageRow, presentLiveMessage, type RoomRow } from './presenter.js';
import { findLiveMessage } from './queries.js';
import { findViewer } from './viewers.js';

const agentSender = (p: AgentPrincipal) => ({ type: 'agent' as const, id: p.userId, name: p.name });
const messageNotFound = () => new AppError('not_found', 'message not found');

/** `live:chat` from staff: a public room message. */
export async function staffChat(
  ctx: AppContext,
  p: AgentPrincipal,
  room: RoomRow,
  payload: LiveChatPayload,
): Promise<LiveChatMessage> {
  assertChatOpen(room);
  const { row } = await storeLiveMessage(ctx, room, {
    sender: agentSender(p),
    clientMsgId: payload.clientMsgId,
    body: payload.body,
  });
  return presentLiveMessage(row);
}

/**
 * `live:answer`: publicly, a room message quoting the question; privately, a message only its asker (and staff)
 * receive. Either way the question is marked answered and sent again.
 */
export async function answerQuestion(
  ctx: AppContext,
  p: AgentPrincipal,
  room: RoomRow,
  payload: LiveAnswerPayload,
): Promise<LiveChatMessage> {
  assertChatOpen(room);
  const question = await findLiveMessage(ctx.db.pool, room.id, payload.messageId);
  if (!question || question.deleted) throw messageNotFound();
  if (payload.private && question.sender_type !== 'viewer') {
    throw new AppError('conflict', 'a private answer goes to a viewer; this message is not from one');
  }
  let answered: LiveMessageRow | undefined;
  const { row, created } = await storeLiveMessage(
    ctx,
    room,
    {
      sender: agentSender(p),
      clientMsgId: payload.clientMsgId,
      body: payload.body,
      quote: { id: question.id, senderName: question.sender_name, body: question.body.slice(0, 200) },
      toContactId: payload.private ? question.sender_id : null,
    },
    {
      also: async (tx) => {
        const { rows } = await tx.client.query<LiveMessageRow>(
          'UPDATE live_messages SET answered = true WHERE room_id = $1 AND id = $2 RETURNING *',
          [room.id, question.id],
        );
        answered = rows[0];
      },
    },
  );
  if (created && answered) republish(ctx, room, answered);
  return presentLiveMessage(row);
}

const GREETING = { 'zh-CN': (name: string) => `欢迎 ${name}`, en: (name: string) => `Welcome, ${name}` };

async function roomLocale(ctx: AppContext, room: RoomRow): Promise<'zh-CN' | 'en'> {
  const { rows } = await ctx.db.pool.query<{ locale: string | null }>(
    `SELECT COALESCE(NULLIF(i.config #>> '{widget,locale}', 'auto'), a.locale) AS locale
       FROM inboxes i JOIN accounts a ON a.id = i.account_id WHERE i.id = $1`,
    [room.inbox_id],
  );
  return rows[0]?.locale?.startsWith('en') ? 'en' : 'zh-CN';
}

/** `live:greet`: 欢迎 {name} / Welcome, {name} (or the body sent), in the room or privately; records the greeting. */
export async function greetViewer(
  ctx: AppContext,
  p: AgentPrincipal,
  room: RoomRow,
  payload: LiveGreetPayload,
): Promise<LiveChatMessage> {
  assertChatOpen(room);
  const viewer = await findViewer(ctx.db.pool, room.id, payload.contactId);
  if (!viewer) throw new AppError('not_found', 'viewer not found in this room');
  const body = payload.body ?? GREETING[await roomLocale(ctx, room)](viewer.name);
  const { row } = await storeLiveMessage(
    ctx,
    room,
    {
      sender: agentSender(p),
      clientMsgId: payload.clientMsgId,
      body,
      toContactId: payload.private ? payload.contactId : null,
    },
    {
      also: async (tx) => {
        await tx.client.query(
          `UPDATE live_viewers SET greeted_at = COALESCE(greeted_at, now()),
             greet_delay_ms = COALESCE(greet_delay_ms, (extract(epoch FROM now() - last_joined_at) * 1000)::int)
           WHERE room_id = $1 AND contact_id = $2`,
          [room.id, payload.contactId],
        );
      },
    },
  );
  return presentLiveMessage(row);
}

type Moderated = { removedContactId?: string };

/**
 * `live:moderate`. Mute and unmute tell the viewer (`live:you`); remove also ends their watch, is a leave in the
 * feed, and keeps them out of the room; delete empties a message for everyone. Each is an `events` row.
 */
export async function moderate(
  ctx: AppContext,
  p: AgentPrincipal,
  room: RoomRow,
  action: LiveModeratePayload,
): Promise<Moderated> {
  if (action.action === 'delete') {
    const row = await transaction(ctx, async (tx) => {
      const { rows } = await tx.client.query<LiveMessageRow>(
        'UPDATE live_messages SET deleted = true WHERE room_id = $1 AND id = $2 RETURNING *',
        [room.id, action.messageId],
      );
      const deleted = rows[0];
      if (!deleted) throw messageNotFound();
      await tx.emit({
        accountId: room.account_id,
        type: 'live.message_deleted',
        payload: { roomId: room.id, messageId: deleted.id, by: p.userId },
      });
      return deleted;
    });
    republish(ctx, room, row);
    return {};
  }
  const { contactId } = action;
  const set =
    action.action === 'remove'
      ? `removed = true, muted = true, left_at = CASE WHEN connections > 0 THEN now() ELSE left_at END,
         watch_ms = watch_ms + CASE WHEN connections > 0
                                    THEN (extract(epoch FROM now() - last_joined_at) * 1000)::bigint ELSE 0 END,
         connections = 0`
      : `muted = ${action.action === 'mute'}`;
  await transaction(ctx, async (tx) => {
    const { rowCount } = await tx.client.query(
      `UPDATE live_viewers SET ${set} WHERE room_id = $1 AND contact_id = $2`,
      [room.id, contactId],
    );
    if (!rowCount) throw new AppError('not_found', 'viewer not found in this room');
    await tx.emit({
      accountId: room.account_id,
      type: `live.viewer_${action.action === 'remove' ? 'removed' : action.action === 'mute' ? 'muted' : 'unmuted'}`,
      payload: { roomId: room.id, contactId, by: p.userId },
    });
    const event =
      action.action === 'remove'
        ? { roomId: room.id, removed: true }
        : { roomId: room.id, muted: action.action === 'mute' };
    tx.publishAfterCommit(youPublished(room.account_id, { contactId, inboxId: room.inbox_id, event }));
  });
  if (action.action !== 'remove') return {};
  const viewer = await findViewer(ctx.db.pool, room.id, contactId);
  if (viewer) {
    ctx.bus.publish([
      viewerPublished(room.account_id, { roomId: room.id, kind: 'leave', viewer, at: new Date().toISOString() }),
    ]);
  }
  return { removedContactId: contactId };
}
