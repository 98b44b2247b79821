import type { QueryClient } from '@tanstack/react-query';
import type { Message } from '@warmdesk/protocol';
import { fetchConversation, patchConversation } from './conversationCache';
import { addMessage } from './messagesCache';
import { outbox } from './outbox';

/** ISO timestamps compare as strings. */
const later = (a: string, b: string) => (a.localeCompare(b) > 0 ? a : b);

/**
 * A message that reached the server (socket event or a send's answer): into the timeline, the list's preview
 * and, when asked, the unread count. An unknown conversation is fetched so that it appears in the lists.
 */
export function receiveMessage(qc: QueryClient, message: Message, options: { unread: boolean }): void {
  addMessage(qc, message);
  outbox.remove(message.clientMsgId);
  const apply = () =>
    patchConversation(qc, message.conversationId, (c) =>
      c.lastMessage && Date.parse(c.lastMessage.createdAt) >= Date.parse(message.createdAt)
        ? c
        : {
            ...c,
            lastSeq: Math.max(c.lastSeq, message.seq),
            lastMessageAt: message.createdAt,
            updatedAt: later(message.createdAt, c.updatedAt),
            lastMessage:
              message.kind === 'event'
                ? c.lastMessage
                : {
                    content: message.content,
                    senderType: message.sender.type,
                    private: message.private,
                    createdAt: message.createdAt,
                  },
            unreadCount: options.unread ? c.unreadCount + 1 : c.unreadCount,
          },
    );
  // A conversation being fetched may come back from before this message: apply it once it is there.
  if (!apply()) void fetchConversation(qc, message.conversationId).then(apply);
}
