import type { Message } from '@warmdesk/protocol';
import { type AppContext, transaction } from '../../platform/context.js';
import { publishConversationChanged } from '../conversations/events.js';
import { findConversation } from '../conversations/queries.js';
import { createNotifications } from '../notifications/create-notifications.js';
import { mentionRecipients } from '../notifications/mentions.js';
import { snippetOf } from '../notifications/presenter.js';
import { messageCreatedEvent, publishMessageCreated } from './events.js';
import { type InsertMessageInput, insertMessage } from './insert-message.js';
import { messageWriterFor } from './message-writer.js';
import { presentMessage } from './presenter.js';

export type SendMessageInput = InsertMessageInput & {
  senderName: string | null;
  /** Agents' private notes only: users of the account to notify. */
  mentions?: readonly string[];
};

/** Stores a message (idempotent by clientMsgId) and publishes it once it is committed. */
export async function sendMessage(ctx: AppContext, input: SendMessageInput): Promise<Message> {
  const { senderName, mentions, ...stored } = input;
  if (mentions?.length) return sendMentioningNote(ctx, stored, senderName, mentions);
  const result = await messageWriterFor(ctx.db.pool).write(stored);
  const message = presentMessage(result.row, senderName);
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

/**
 * A note with @mentions is stored with its notifications in one transaction: every mention is checked first,
 * and a resend (same clientMsgId) returns the original without notifying again.
 */
async function sendMentioningNote(
  ctx: AppContext,
  input: InsertMessageInput,
  senderName: string | null,
  mentions: readonly string[],
): Promise<Message> {
  const recipientIds = await mentionRecipients(ctx.db.pool, {
    accountId: input.accountId,
    authorId: input.senderId,
    isPrivate: input.private,
    mentions,
  });
  return transaction(ctx, async (tx) => {
    const result = await insertMessage(tx.client, input);
    const message = presentMessage(result.row, senderName);
    if (!result.created) return message;
    tx.publishAfterCommit(
      messageCreatedEvent(input.accountId, {
        message,
        customer: result.customer,
        assigneeUserId: result.assigneeUserId,
      }),
    );
    await createNotifications(tx, {
      accountId: input.accountId,
      type: 'mention',
      conversationId: input.conversationId,
      actorUserId: input.senderId,
      snippet: snippetOf(input.content),
      recipientIds,
    });
    return message;
  });
}
