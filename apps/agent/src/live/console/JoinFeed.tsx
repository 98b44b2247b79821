import { MessageOutlined, SmileOutlined } from '@ant-design/icons';
import type { LiveViewer, LiveViewerEvent } from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import { App, Avatar, Button, Card, Empty, Space, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIVE_NS } from '../i18n';
import { liveEmit } from './useLiveConsole';

type Props = {
  roomId: string;
  feed: LiveViewerEvent[];
  viewers: Map<string, LiveViewer>;
  canModerate: boolean;
  onPrivate: (contactId: string, messageId?: string) => void;
};

/** Each viewer's arrival and leave as it happens, with what is known of them and one-click greetings. */
export function JoinFeed({ roomId, feed, viewers, canModerate, onPrivate }: Props) {
  const { t } = useTranslation(LIVE_NS);
  const { message } = App.useApp();
  const watching = [...viewers.values()].filter((v) => !v.leftAt).length;
  const [greeted, setGreeted] = useState<ReadonlySet<string>>(new Set());

  const greet = async (viewer: LiveViewer, privately: boolean) => {
    try {
      await liveEmit('live:greet', {
        roomId,
        contactId: viewer.contactId,
        clientMsgId: uuidv7(),
        body: t('feed.greeting', { name: viewer.name }),
        private: privately,
      });
      setGreeted((g) => new Set(g).add(viewer.contactId));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <Card
      size="small"
      title={t('feed.title')}
      extra={<span data-testid="live-watching">{t('feed.watching', { count: watching })}</span>}
      styles={{ body: { maxHeight: 360, overflowY: 'auto', padding: 8 } }}
      data-testid="live-feed"
    >
      {feed.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('feed.empty')} />}
      {feed.map((event) => {
        // the latest known state of the viewer (greeted, muted) rather than the one at the event
        const viewer = viewers.get(event.viewer.contactId) ?? event.viewer;
        return (
          <div
            key={`${event.viewer.contactId}-${event.kind}-${event.at}`}
            style={{ display: 'flex', gap: 8, padding: '6px 4px', borderBottom: '1px solid #f0f0f0' }}
            data-testid="live-feed-item"
            data-kind={event.kind}
            data-contact-id={event.viewer.contactId}
          >
            <Avatar size="small" src={viewer.avatarUrl ?? undefined}>
              {viewer.name.slice(0, 1)}
            </Avatar>
            <div style={{ flex: 1, minWidth: 0 }}>
              <Space size={4} wrap>
                <Typography.Text strong>{viewer.name}</Typography.Text>
                <Typography.Text type="secondary">
                  {event.kind === 'join' ? t('feed.joined') : t('feed.left')} · {dayjs(event.at).format('HH:mm:ss')}
                </Typography.Text>
                {viewer.returning && (
                  <Tag color="gold" data-testid="live-feed-returning">
                    {t('feed.returning')}
                  </Tag>
                )}
                {viewer.verified && <Tag color="green">{t('feed.verified')}</Tag>}
                {viewer.tags.map((tag) => (
                  <Tag key={tag}>{tag}</Tag>
                ))}
              </Space>
              {viewer.lastConversation && (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('feed.lastConversation', {
                      id: viewer.lastConversation.displayId,
                      status: viewer.lastConversation.status,
                    })}
                  </Typography.Text>
                </div>
              )}
              {event.kind === 'join' && canModerate && (
                <Space size={4} style={{ marginTop: 4 }}>
                  {viewer.greetedAt || greeted.has(viewer.contactId) ? (
                    <Tag color="blue" data-testid="live-feed-greeted">
                      {t('feed.greeted')}
                    </Tag>
                  ) : (
                    <>
                      <Button
                        size="small"
                        icon={<SmileOutlined />}
                        onClick={() => void greet(viewer, false)}
                        data-testid="live-greet"
                      >
                        {t('feed.greet')}
                      </Button>
                      <Button size="small" onClick={() => void greet(viewer, true)} data-testid="live-greet-private">
                        {t('feed.greetPrivately')}
                      </Button>
                    </>
                  )}
                  <Tooltip title={t('feed.private')}>
                    <Button
                      size="small"
                      icon={<MessageOutlined />}
                      onClick={() => onPrivate(viewer.contactId)}
                      data-testid="live-feed-private"
                    />
                  </Tooltip>
                </Space>
              )}
            </div>
          </div>
        );
      })}
    </Card>
  );
}
