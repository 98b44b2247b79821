import type { Conversation, LiveActivity, LivePrivatePayload } from '@warmdesk/protocol';
import type { AgentPrincipal } from '../../platform/auth/principal.js';
import { type AppContext, transaction } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { startConversation } from '../conversations/create-conversation.js';
import { presentConversation } from '../conversations/presenter.js';
import { updateConversation } from '../conversations/update-conversation.js';
import { messageCreatedEvent } from '../messages/events.js';
import { insertMessage } from '../messages/insert-message.js';
import { presentMessage } from '../messages/presenter.js';
import { routingRequestedEvent } from '../routing/request-routing.js';
import { youPublished } from './events.js';
import type { RoomRow } from './presenter.js';
import { findLiveMessage } from './queries.js';
import { viewerState } from './viewers.js';

const contextLine = (locale: string, title: string, quote: string | null) =>
  locale === 'en'
    ? `Private chat from the live room "${title}"${quote ? `: "${quote}"` : ''}`
    : `来自直播间「${title}」的私聊${quote ? `：“${quote}”` : ''}`;

/**
 * `live:private`: the viewer's open conversation in the room's inbox (or a new one), with the room as context (a
 * private timeline line quoting the viewer's message, and the room's record of it), assigned to the caller or routed
 * to the room's team. The viewer is told (`live:you`) and talks in it through their widget session.
 */
export async function openPrivateChat(
  ctx: AppContext,
  p: AgentPrincipal,
  room: RoomRow,
  payload: LivePrivatePayload,
): Promise<Conversation> {
  const state = await viewerState(ctx.db.pool, room.id, payload.contactId);
  if (!state || state.removed) throw new AppError('not_found', 'viewer not found in this room');
  const { rows } = await ctx.db.pool.query<{ id: string; locale: string }>(
    `SELECT ci.id, a.locale FROM contact_inboxes ci JOIN accounts a ON a.id = ci.account_id
      WHERE ci.account_id = $1 AND ci.contact_id = $2 AND ci.inbox_id = $3
      ORDER BY ci.last_seen_at DESC NULLS LAST, ci.created_at DESC LIMIT 1`,
    [room.account_id, payload.contactId, room.inbox_id],
  );
  const session = rows[0];
  if (!session) throw new AppError('conflict', 'this viewer has no widget session in the room’s inbox');
  let quote: string | null = null;
  if (payload.messageId) {
    const m = await findLiveMessage(ctx.db.pool, room.id, payload.messageId);
    if (m?.sender_type !== 'viewer' || m.sender_id !== payload.contactId) {
      throw new AppError('not_found', 'message not found (quote one of this viewer’s messages)');
    }
    quote = m.deleted ? null : m.body.slice(0, 500);
  }
  const conversation = await startConversation(ctx, {
    accountId: room.account_id,
    inboxId: room.inbox_id,
    contactId: payload.contactId,
    contactInboxId: session.id,
  });
  const activity: LiveActivity = {
    type: 'activity',
    action: 'live',
    roomId: room.id,
    roomTitle: room.title,
    quote,
    by: p.name,
  };
  await transaction(ctx, async (tx) => {
    const inserted = await insertMessage(tx.client, {
      accountId: room.account_id,
      conversationId: conversation.id,
      senderType: 'system',
      senderId: '',
      clientMsgId: null,
      kind: 'event',
      content: contextLine(session.locale, room.title, quote),
      private: true,
      attachments: [activity],
    });
    tx.publishAfterCommit(
      messageCreatedEvent(room.account_id, {
        message: presentMessage(inserted.row, null),
        customer: inserted.customer,
        assigneeUserId: inserted.assigneeUserId,
      }),
    );
    await tx.client.query(
      `INSERT INTO live_private_chats (account_id, room_id, conversation_id, contact_id, opened_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [room.account_id, room.id, conversation.id, payload.contactId, p.userId],
    );
    await tx.emit({
      accountId: room.account_id,
      type: 'live.private_started',
      payload: { roomId: room.id, conversationId: conversation.id, contactId: payload.contactId, by: p.userId },
    });
    tx.publishAfterCommit(
      youPublished(room.account_id, {
        contactId: payload.contactId,
        inboxId: room.inbox_id,
        event: { roomId: room.id, privateConversationId: conversation.id },
      }),
    );
  });
  if (payload.route) {
    // The room's team takes it through routing (unless someone already has it).
    const routed =
      room.team_id && room.team_id !== conversation.team_id
        ? await updateConversation(ctx, p, conversation.id, { teamId: room.team_id })
        : conversation;
    if (!routed.assignee_user_id) {
      ctx.bus.publish([routingRequestedEvent(room.account_id, { inboxId: room.inbox_id, conversationId: routed.id })]);
    }
    return presentConversation(routed);
  }
  const assigned =
    conversation.assignee_user_id === p.userId
      ? conversation
      : await updateConversation(ctx, p, conversation.id, { assigneeId: p.userId });
  return presentConversation(assigned);
}
