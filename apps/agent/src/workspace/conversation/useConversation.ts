import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ConversationListItem } from '@warmdesk/protocol';
import { api } from '../../api/http';
import { keys } from '../../api/queries';
import { findCachedConversation } from '../conversationCache';
import { loadMessages } from '../messagesCache';

/** The open conversation: shown at once from the list's copy, then refreshed from the server. */
export function useConversation(id: string) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: keys.conversation(id),
    queryFn: () => api<ConversationListItem>(`/conversations/${id}`),
    initialData: () => findCachedConversation(qc, id),
    initialDataUpdatedAt: 0,
  });
}

/** The whole timeline; after the first load only newer messages are fetched (the socket adds live ones). */
export function useMessages(id: string) {
  const qc = useQueryClient();
  return useQuery({ queryKey: keys.messages(id), queryFn: () => loadMessages(qc, id) });
}
