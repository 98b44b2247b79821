import { useConversationCounts } from '../api/queries';

/** My open conversations with unread customer messages (the nav badge and the tab title). */
export function useMineUnread(): number {
  return useConversationCounts().data?.mineUnread ?? 0;
}
