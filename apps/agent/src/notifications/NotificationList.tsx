import { Button, Empty, List, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { conversationPath } from '../workspace/paths';
import { desktopPermission, requestDesktopPermission } from './desktop';
import { useMarkNotificationsRead, useNotifications } from './useNotifications';

/** The agent's notifications: a click opens the conversation and marks it read. */
export function NotificationList({ onNavigate }: { onNavigate: () => void }) {
  const { t } = useTranslation('workspace');
  const navigate = useNavigate();
  const { data, isPending } = useNotifications();
  const markRead = useMarkNotificationsRead();
  const [permission, setPermission] = useState(desktopPermission());
  const items = data?.items ?? [];

  return (
    <div style={{ width: 340, maxWidth: 'calc(100vw - 32px)' }} data-testid="notification-list">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Typography.Text strong>{t('notifications.title')}</Typography.Text>
        <Button
          size="small"
          type="link"
          disabled={!data?.unread}
          onClick={() => void markRead('all')}
          data-testid="notifications-mark-all"
        >
          {t('notifications.markAll')}
        </Button>
      </Space>
      {permission === 'default' && (
        <Button
          block
          size="small"
          style={{ marginBottom: 8 }}
          onClick={() => void requestDesktopPermission().then(setPermission)}
          data-testid="enable-desktop-notifications"
        >
          {t('notifications.enableDesktop')}
        </Button>
      )}
      {permission === 'denied' && (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {t('notifications.desktopDenied')}
        </Typography.Paragraph>
      )}
      {!isPending && items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <List
          size="small"
          loading={isPending}
          dataSource={items}
          style={{ maxHeight: 380, overflowY: 'auto' }}
          renderItem={(n) => (
            <List.Item
              key={n.id}
              data-testid="notification-item"
              data-read={n.readAt ? 'true' : 'false'}
              style={{ cursor: 'pointer', background: n.readAt ? undefined : '#e6f4ff', paddingInline: 8 }}
              onClick={() => {
                if (!n.readAt) void markRead([n.id]);
                onNavigate();
                navigate(conversationPath(n.conversationId));
              }}
            >
              <List.Item.Meta
                title={t(`notifications.${n.type}`, {
                  actor: n.actor?.name ?? t('notifications.someone'),
                  displayId: n.displayId,
                })}
                description={
                  <>
                    <Typography.Text type="secondary" ellipsis style={{ display: 'block' }}>
                      {n.snippet}
                    </Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {dayjs(n.createdAt).format('MM-DD HH:mm')}
                    </Typography.Text>
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </div>
  );
}
