import { useQueryClient } from '@tanstack/react-query';
import type { Conversation } from '@warmdesk/protocol';
import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError, api } from '../../api/http';
import { keys } from '../../api/queries';
import { applyConversationUpdate } from '../conversationCache';

/**
 * Taking a waiting conversation (opens it) and, for supervisors, assigning it to someone. A lost race (someone
 * else took it) and a full agent get their own explanation; the queue is refetched either way.
 */
export function useQueueActions() {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { t } = useTranslation('workspace');

  const explain = useCallback(
    (err: unknown) => {
      const code = err instanceof ApiError ? err.code : '';
      if (code === 'conflict') return t('queue.errors.conflict');
      if (code === 'at_capacity') return t('queue.errors.atCapacity');
      if (code === 'not_found') return t('queue.errors.gone');
      if (code === 'forbidden') return t('queue.errors.forbidden');
      return t('actions.failed', { message: (err as Error).message });
    },
    [t],
  );

  const run = useCallback(
    async (path: string, body: unknown, done: (c: Conversation) => void) => {
      try {
        const conversation = await api<Conversation>(path, { method: 'POST', body });
        applyConversationUpdate(qc, conversation);
        done(conversation);
        return true;
      } catch (err) {
        message.error({ content: explain(err), key: `queue-${path}` });
        return false;
      } finally {
        void qc.invalidateQueries({ queryKey: keys.queue });
        void qc.invalidateQueries({ queryKey: keys.routingAgents });
        void qc.invalidateQueries({ queryKey: keys.routingReport });
        void qc.invalidateQueries({ queryKey: keys.counts });
      }
    },
    [qc, message, explain],
  );

  const pick = useCallback(
    (conversationId: string) =>
      run(`/queue/${conversationId}/pick`, {}, (c) => {
        message.success(t('queue.taken', { displayId: c.displayId }));
        navigate(`/conversations/${c.id}`);
      }),
    [run, message, navigate, t],
  );

  const assign = useCallback(
    (conversationId: string, userId: string, name: string) =>
      run(`/queue/${conversationId}/assign`, { userId }, (c) =>
        message.success(t('queue.assigned', { displayId: c.displayId, name })),
      ),
    [run, message, t],
  );

  return { pick, assign };
}
