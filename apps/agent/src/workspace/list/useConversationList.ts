import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import type { ConversationListItem } from '@warmdesk/protocol';
import { useMemo } from 'react';
import { api } from '../../api/http';
import { type ListPage, listKey, reconcilePage } from '../conversationCache';
import type { ListQuery } from '../filters';

const PAGE_SIZE = 50;

/** One list of conversations, page by page (keyset cursor); the realtime bridge keeps the cached pages live. */
export function useConversationList(query: ListQuery, enabled = true) {
  const qc = useQueryClient();
  const result = useInfiniteQuery({
    queryKey: listKey(query),
    queryFn: async ({ pageParam }) => {
      const page = await api<ListPage>('/conversations', {
        query: { ...query, cursor: pageParam ?? undefined, limit: PAGE_SIZE },
      });
      return reconcilePage(qc, query, page, pageParam === null);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
  // Live inserts and the server's paging can both bring one conversation; show it once.
  const items = useMemo(() => {
    const seen = new Set<string>();
    const out: ConversationListItem[] = [];
    for (const page of result.data?.pages ?? []) {
      for (const item of page.items) {
        if (seen.has(item.id)) continue;
        seen.add(item.id);
        out.push(item);
      }
    }
    return out;
  }, [result.data]);
  return { ...result, items };
}
