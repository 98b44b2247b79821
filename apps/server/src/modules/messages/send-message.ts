import type { Message } from '@warmdesk/protocol';
import type { AppContext } from '../../platform/context.js';
import { publishConversationChanged } from '../conversations/events.js';
import { findConversation } from '../conversations/queries.js';
import { publishMessageCreated } from './events.js';
import type { InsertMessageInput } from './insert-message.js';
import { messageWriterFor } from './message-writer.js';
import { presentMessage } from './presenter.js';

export type SendMessageInput = InsertMessageInput & { senderName: string | null };

/** Stores a message (idempotent by clientMsgId) and publishes it once it is committed. */
export async function sendMessage(ctx: AppContext, input: SendMessageInput): Promise<Message> {
  const result = await messageWriterFor(ctx.db.pool).write(input);
  const message = presentMessage(result.row, input.senderName);
  if (result.created) {
    publishMessageCreated(ctx.bus, input.accountId, {
      message,
      customer: result.customer,
      assigneeUserId: result.assigneeUserId,
    });
    if (result.statusChange) {
      const conversation = await findConversation(ctx.db.pool, input.accountId, input.conversationId);
      if (conversation) publishConversationChanged(ctx.bus, conversation, ['status']);
    }
  }
  return message;
}
