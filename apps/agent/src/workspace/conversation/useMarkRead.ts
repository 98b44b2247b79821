import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../../api/http';
import { keys } from '../../api/queries';
import { patchConversation } from '../conversationCache';

/** While the conversation is open and the tab visible, what the customer wrote counts as read. */
export function useMarkRead(conversationId: string, lastSeq: number, unread: boolean, lastCustomerSeq: number) {
  const qc = useQueryClient();
  const sent = useRef(0);
  useEffect(() => {
    if (lastSeq === 0) return;
    const mark = () => {
      if (document.visibilityState !== 'visible') return;
      if (lastSeq <= sent.current || (!unread && lastCustomerSeq <= sent.current)) return;
      sent.current = lastSeq;
      patchConversation(qc, conversationId, (c) => ({ ...c, unreadCount: 0 }));
      api(`/conversations/${conversationId}/read`, { method: 'POST', body: { seq: lastSeq } })
        .then(() => qc.invalidateQueries({ queryKey: keys.counts }))
        .catch(() => {
          sent.current = 0;
        });
    };
    const timer = setTimeout(mark, 250);
    document.addEventListener('visibilitychange', mark);
    return () => {
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', mark);
    };
  }, [qc, conversationId, lastSeq, unread, lastCustomerSeq]);
}
