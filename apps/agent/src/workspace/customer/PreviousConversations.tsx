import type { ConversationListItem } from '@warmdesk/protocol';
import { Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useInboxes } from '../../api/queries';
import { STATUS_COLOR, shortTime } from '../format';
import { useConversationList } from '../list/useConversationList';
import { conversationPath } from '../paths';

/** The customer's other conversations, on every inbox and channel; a click opens one. */
export function PreviousConversations({ conversation }: { conversation: ConversationListItem }) {
  const { t } = useTranslation('workspace');
  const navigate = useNavigate();
  const inboxes = useInboxes().data ?? [];
  const query = useMemo(() => ({ contactId: conversation.contactId }), [conversation.contactId]);
  const { items, isPending } = useConversationList(query);
  const others = items.filter((i) => i.id !== conversation.id);
  if (isPending) return null;
  if (others.length === 0) return <Typography.Text type="secondary">{t('customer.noPrevious')}</Typography.Text>;
  return (
    <div data-testid="previous-conversations">
      {others.slice(0, 20).map((item) => (
        <button
          key={item.id}
          type="button"
          className="wd-conv-row"
          style={{ padding: '6px 0', flexDirection: 'column', gap: 2 }}
          onClick={() => navigate(conversationPath(item.id))}
          data-testid="previous-conversation"
          data-conversation-id={item.id}
        >
          <span className="wd-conv-row-line" style={{ width: '100%' }}>
            <span>
              #{item.displayId}{' '}
              <Tag color={STATUS_COLOR[item.status]} style={{ fontSize: 11, lineHeight: '16px', marginInlineStart: 4 }}>
                {t(`status.${item.status}`)}
              </Tag>
            </span>
            <span className="wd-conv-row-time">{shortTime(item.lastMessageAt ?? item.createdAt)}</span>
          </span>
          <span className="wd-conv-row-preview" style={{ width: '100%' }}>
            {inboxes.find((i) => i.id === item.inboxId)?.name ?? ''} ·{' '}
            {item.lastMessage?.content ?? t('list.noMessages')}
          </span>
        </button>
      ))}
    </div>
  );
}
