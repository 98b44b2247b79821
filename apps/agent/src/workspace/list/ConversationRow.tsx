import { PhoneFilled, VideoCameraFilled } from '@ant-design/icons';
import type { ConversationListItem } from '@warmdesk/protocol';
import { Avatar, Badge, Tag } from 'antd';
import type { TFunction } from 'i18next';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { useLiveCall } from '../call/callStore';
import { contactName, STATUS_COLOR, shortTime } from '../format';

export const ROW_HEIGHT = 76;

function preview(item: ConversationListItem, t: TFunction): string {
  const last = item.lastMessage;
  if (!last) return t('list.noMessages');
  const prefix = last.private
    ? t('list.prefix.note')
    : last.senderType === 'user'
      ? t('list.prefix.agent')
      : last.senderType === 'bot'
        ? t('list.prefix.bot')
        : '';
  return `${prefix}${last.content.replace(/\s+/g, ' ')}`;
}

type Props = { item: ConversationListItem; selected: boolean; showStatus: boolean; onOpen: (id: string) => void };

/** One conversation in the list: who (and a call under way), the last message, unread count, number and owner. */
export const ConversationRow = memo(function ConversationRow({ item, selected, showStatus, onOpen }: Props) {
  const { t } = useTranslation('workspace');
  const name = contactName(item.contact, t);
  const unread = item.unreadCount;
  const call = useLiveCall(item.id);
  return (
    <button
      type="button"
      data-testid="conversation-item"
      data-conversation-id={item.id}
      data-display-id={item.displayId}
      data-unread={unread}
      onClick={() => onOpen(item.id)}
      className={`wd-conv-row${selected ? ' wd-conv-row-selected' : ''}`}
      style={{ height: ROW_HEIGHT }}
    >
      <Avatar size={36} style={{ background: '#91caff', flex: 'none' }}>
        {name.slice(0, 1).toUpperCase()}
      </Avatar>
      <span className="wd-conv-row-body">
        <span className="wd-conv-row-line">
          <span className="wd-conv-row-name" style={{ fontWeight: unread > 0 ? 600 : 500 }}>
            {name}
          </span>
          {call && (
            <span className="wd-conv-row-call" data-testid="conversation-call" data-state={call.state}>
              {call.media === 'video' ? <VideoCameraFilled /> : <PhoneFilled />}
            </span>
          )}
          <span className="wd-conv-row-time">{shortTime(item.lastMessageAt ?? item.updatedAt)}</span>
        </span>
        <span className="wd-conv-row-line">
          <span className="wd-conv-row-preview" style={{ color: unread > 0 ? '#1f1f1f' : undefined }}>
            {preview(item, t)}
          </span>
          {unread > 0 && <Badge count={unread} size="small" data-testid="unread-badge" />}
        </span>
        <span className="wd-conv-row-line wd-conv-row-meta">
          <span>
            #{item.displayId}
            {item.assignee ? ` · ${item.assignee.name}` : ` · ${t('list.unassigned')}`}
          </span>
          <span>
            {item.priority !== 'none' && item.priority !== 'low' && (
              <Tag
                color={item.priority === 'urgent' ? 'red' : 'orange'}
                variant="filled"
                style={{ marginInlineEnd: 4 }}
              >
                {t(`priority.${item.priority}`)}
              </Tag>
            )}
            {showStatus && (
              <Tag color={STATUS_COLOR[item.status]} variant="filled" style={{ marginInlineEnd: 0 }}>
                {t(`status.${item.status}`)}
              </Tag>
            )}
          </span>
        </span>
      </span>
    </button>
  );
});
