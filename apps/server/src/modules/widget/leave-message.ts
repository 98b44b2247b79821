import type { Message, zLeaveMessageBody } from '@warmdesk/protocol';
import type { z } from 'zod';
import type { CustomerPrincipal } from '../../platform/auth/principal.js';
import type { AppContext } from '../../platform/context.js';
import { startConversation } from '../conversations/create-conversation.js';
import type { ConversationRow } from '../conversations/presenter.js';
import { sendMessage } from '../messages/send-message.js';
import { fillContactProfile } from './profile.js';

export const OFFLINE_LABEL = 'offline_message';

/**
 * A message left while nobody is available: it goes into the customer's open conversation (or a new one),
 * labelled so the team finds it, with the contact details the customer gave for a reply.
 */
export async function leaveMessage(
  ctx: AppContext,
  c: CustomerPrincipal,
  body: z.infer<typeof zLeaveMessageBody>,
): Promise<{ conversation: ConversationRow; message: Message }> {
  await fillContactProfile(ctx, c, body);
  const started = await startConversation(ctx, c);
  const { rows } = await ctx.db.pool.query<{ labels: string[] }>(
    `UPDATE conversations SET labels = array_append(labels, $3)
      WHERE account_id = $1 AND id = $2 AND NOT ($3 = ANY(labels)) RETURNING labels`,
    [c.accountId, started.id, OFFLINE_LABEL],
  );
  const conversation = rows[0] ? { ...started, labels: rows[0].labels } : started;
  const message = await sendMessage(ctx, {
    accountId: c.accountId,
    conversationId: conversation.id,
    customerInboxId: c.inboxId,
    senderType: 'contact',
    senderId: c.contactId,
    senderName: null,
    clientMsgId: null,
    kind: 'text',
    content: body.content,
    private: false,
  });
  return { conversation, message };
}
