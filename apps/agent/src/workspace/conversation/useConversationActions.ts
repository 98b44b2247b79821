import { useQueryClient } from '@tanstack/react-query';
import type { Conversation, ConversationStatus, Priority } from '@warmdesk/protocol';
import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/http';
import { keys } from '../../api/queries';
import { findCachedConversation, upsertConversation } from '../conversationCache';

export type ConversationPatch = {
  status?: ConversationStatus;
  snoozedUntil?: string | null;
  assigneeId?: string | null;
  teamId?: string | null;
  priority?: Priority;
  labels?: string[];
  note?: string;
};

/** PATCH /conversations/:id; the answer goes into the cache right away (the socket event follows). */
export function useUpdateConversation(conversationId: string) {
  const qc = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation('workspace');
  return useCallback(
    async (patch: ConversationPatch, success?: string): Promise<boolean> => {
      try {
        const updated = await api<Conversation>(`/conversations/${conversationId}`, { method: 'PATCH', body: patch });
        const cached = findCachedConversation(qc, conversationId);
        if (cached) upsertConversation(qc, { ...cached, ...updated });
        void qc.invalidateQueries({ queryKey: keys.counts });
        if (success) message.success(success);
        return true;
      } catch (err) {
        message.error(t('actions.failed', { message: (err as Error).message }));
        return false;
      }
    },
    [qc, conversationId, message, t],
  );
}
