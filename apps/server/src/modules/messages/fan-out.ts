import type { AppContext } from '../../platform/context.js';
import { type Realtime, rooms } from '../../platform/realtime/types.js';
import { onConversationChanged } from '../conversations/events.js';
import { presentConversation } from '../conversations/presenter.js';
import { ConversationBatches } from './conversation-batches.js';
import { onMessageCreated } from './events.js';
import { onReadUpdated } from './mark-read.js';

/** Agent rooms that follow one conversation's traffic: its watchers, the account-wide watchers, its assignee. */
export const agentRoomsFor = (accountId: string, conversationId: string, assigneeUserId?: string | null) => [
  rooms.conversation(conversationId),
  rooms.accountMessages(accountId),
  ...(assigneeUserId ? [rooms.user(assigneeUserId)] : []),
];

/** Sends committed events to the sockets allowed and wanting to see them. */
export function messagingFanOut(rt: Realtime, ctx: AppContext): void {
  onMessageCreated(ctx.bus, (accountId, { message, customer, assigneeUserId }) => {
    rt.agents.to(agentRoomsFor(accountId, message.conversationId, assigneeUserId)).emit('message:new', message);
    if (!message.private)
      rt.customers.to(rooms.customer(customer.contactId, customer.inboxId)).emit('message:new', message);
  });

  const batches = new ConversationBatches((accountId, conversations) =>
    rt.agents.to(rooms.accountBatches(accountId)).emit('conversations:updated', conversations),
  );
  onConversationChanged(ctx.bus, ({ conversation }) => {
    const presented = presentConversation(conversation);
    const accountId = conversation.account_id;
    // One by one: sockets that asked for that, and those the change concerns most (its assignee, its watchers).
    rt.agents
      .to([
        rooms.accountUpdates(accountId),
        rooms.conversation(conversation.id),
        ...(conversation.assignee_user_id ? [rooms.user(conversation.assignee_user_id)] : []),
      ])
      .emit('conversation:updated', presented);
    batches.add(accountId, presented);
    rt.customers
      .to(rooms.customer(conversation.contact_id, conversation.inbox_id))
      .emit('conversation:updated', presentConversation(conversation, 'customer'));
  });

  onReadUpdated(ctx.bus, (accountId, { read, customer }) => {
    rt.agents.to(agentRoomsFor(accountId, read.conversationId)).emit('read', read);
    if (read.readerType === 'user')
      rt.customers.to(rooms.customer(customer.contactId, customer.inboxId)).emit('read', read);
  });
}
