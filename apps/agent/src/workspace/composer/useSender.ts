import { useQueryClient } from '@tanstack/react-query';
import type { Message } from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import { useCallback, useMemo } from 'react';
import { api } from '../../api/http';
import { receiveMessage } from '../liveMessage';
import { outbox, type PendingMessage } from '../outbox';

/**
 * Sends over REST with a client message id (a retry with the same id cannot post twice); the bubble shows at
 * once and turns into the server's message when it answers, or offers a retry when it fails.
 */
export function useSender(conversationId: string) {
  const qc = useQueryClient();

  const deliver = useCallback(
    async (p: PendingMessage) => {
      try {
        let message: Message;
        if (p.file) {
          // clientMsgId before the file, so a resend is recognised before its bytes are read.
          const form = new FormData();
          form.append('clientMsgId', p.clientMsgId);
          form.append('file', p.file, p.file.name);
          message = await api<Message>(`/conversations/${p.conversationId}/attachments`, {
            method: 'POST',
            body: form,
          });
        } else {
          message = await api<Message>(`/conversations/${p.conversationId}/messages`, {
            method: 'POST',
            body: {
              content: p.content,
              clientMsgId: p.clientMsgId,
              private: p.private,
              ...(p.private && p.mentions.length > 0 ? { mentions: p.mentions } : {}),
            },
          });
        }
        receiveMessage(qc, message, { unread: false });
      } catch (err) {
        outbox.update(p.clientMsgId, { state: 'failed', error: (err as Error).message });
      }
    },
    [qc],
  );

  return useMemo(
    () => ({
      sendText(content: string, isPrivate: boolean, mentions: string[]) {
        const p: PendingMessage = {
          clientMsgId: uuidv7(),
          conversationId,
          content,
          private: isPrivate,
          mentions,
          state: 'sending',
          createdAt: new Date().toISOString(),
        };
        outbox.add(p);
        void deliver(p);
      },
      sendFiles(files: File[]) {
        for (const file of files) {
          const p: PendingMessage = {
            clientMsgId: uuidv7(),
            conversationId,
            content: file.name,
            private: false,
            mentions: [],
            file,
            state: 'sending',
            createdAt: new Date().toISOString(),
          };
          outbox.add(p);
          void deliver(p);
        }
      },
      retry(clientMsgId: string) {
        const p = outbox.get(clientMsgId);
        if (!p) return;
        outbox.update(clientMsgId, { state: 'sending', error: undefined });
        void deliver({ ...p, state: 'sending' });
      },
      discard(clientMsgId: string) {
        outbox.remove(clientMsgId);
      },
    }),
    [conversationId, deliver],
  );
}

export type Sender = ReturnType<typeof useSender>;
