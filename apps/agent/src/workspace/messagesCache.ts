import type { QueryClient } from '@tanstack/react-query';
import type { Message, MessagePage } from '@warmdesk/protocol';
import { api } from '../api/http';
import { keys } from '../api/queries';

/** A conversation's whole timeline in seq order; `lastSeq` also counts messages hidden from the caller. */
export type MessagesData = { messages: Message[]; lastSeq: number };

const PAGE = 200;

function mergeMessages(current: Message[], incoming: Message[]): Message[] {
  if (incoming.length === 0) return current;
  const byId = new Map(current.map((m) => [m.id, m]));
  for (const m of incoming) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.seq - b.seq);
}

/**
 * Loads what the cache does not have yet: the whole history on first open, only newer messages after a
 * reconnect (the server pages forward from `afterSeq`).
 */
export async function loadMessages(qc: QueryClient, conversationId: string): Promise<MessagesData> {
  const cached = qc.getQueryData<MessagesData>(keys.messages(conversationId));
  let messages = cached?.messages ?? [];
  let lastSeq = cached?.lastSeq ?? 0;
  for (;;) {
    const page = await api<MessagePage>(`/conversations/${conversationId}/messages`, {
      query: { afterSeq: lastSeq, limit: PAGE },
    });
    messages = mergeMessages(messages, page.messages);
    lastSeq = Math.max(lastSeq, page.lastSeq);
    if (!page.hasMore || page.messages.length === 0) break;
  }
  return { messages, lastSeq };
}

/** A message from the socket or a send's answer; ignored until the conversation's timeline has been loaded. */
export function addMessage(qc: QueryClient, message: Message): void {
  qc.setQueryData<MessagesData>(keys.messages(message.conversationId), (data) =>
    data ? { messages: mergeMessages(data.messages, [message]), lastSeq: Math.max(data.lastSeq, message.seq) } : data,
  );
}
