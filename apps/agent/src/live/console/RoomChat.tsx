import { DeleteOutlined, MessageOutlined, MoreOutlined } from '@ant-design/icons';
import type { LiveChatMessage, LiveRoom, LiveViewer } from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import { App, Avatar, Button, Card, Dropdown, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIVE_NS } from '../i18n';
import { liveEmit } from './useLiveConsole';

type Props = {
  room: LiveRoom;
  messages: LiveChatMessage[];
  viewers: Map<string, LiveViewer>;
  canModerate: boolean;
  onPrivate: (contactId: string, messageId?: string) => void;
};

/** The room's chat as staff see it: every message (private ones marked), and moderation on viewers' lines. */
export function RoomChat({ room, messages, viewers, canModerate, onPrivate }: Props) {
  const { t } = useTranslation(LIVE_NS);
  const { message, modal } = App.useApp();
  const [text, setText] = useState('');
  /** Mutes done here, until the viewer list says otherwise. */
  const [mutedHere, setMutedHere] = useState<ReadonlyMap<string, boolean>>(new Map());
  const isMuted = (contactId: string) => mutedHere.get(contactId) ?? viewers.get(contactId)?.muted ?? false;
  const list = useRef<HTMLDivElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: scrolls to the end when a message arrives
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length]);

  const run = async (action: () => Promise<unknown>) => {
    try {
      await action();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  const send = async () => {
    const body = text.trim();
    if (!body) return;
    setText('');
    await run(() => liveEmit('live:chat', { roomId: room.id, clientMsgId: uuidv7(), body }));
  };

  const moderate = (m: LiveChatMessage) => {
    const contactId = m.sender.id;
    const muted = isMuted(contactId);
    return [
      {
        key: 'private',
        icon: <MessageOutlined />,
        label: t('chat.privateChat'),
        onClick: () => onPrivate(contactId, m.id),
      },
      {
        key: 'mute',
        label: <span data-testid="live-chat-mute">{muted ? t('chat.unmute') : t('chat.mute')}</span>,
        onClick: () =>
          void run(async () => {
            await liveEmit('live:moderate', { roomId: room.id, action: muted ? 'unmute' : 'mute', contactId });
            setMutedHere((before) => new Map(before).set(contactId, !muted));
          }),
      },
      {
        key: 'remove',
        danger: true,
        label: <span data-testid="live-chat-remove">{t('chat.remove')}</span>,
        onClick: () =>
          modal.confirm({
            title: t('chat.removeConfirm', { name: m.sender.name }),
            okButtonProps: { danger: true },
            onOk: () => run(() => liveEmit('live:moderate', { roomId: room.id, action: 'remove', contactId })),
          }),
      },
      {
        key: 'delete',
        danger: true,
        icon: <DeleteOutlined />,
        label: <span data-testid="live-chat-delete">{t('chat.delete')}</span>,
        onClick: () =>
          void run(() => liveEmit('live:moderate', { roomId: room.id, action: 'delete', messageId: m.id })),
      },
    ];
  };

  return (
    <Card
      size="small"
      title={t('chat.title')}
      style={{ display: 'flex', flexDirection: 'column', minHeight: 0, height: '100%' }}
      styles={{ body: { display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0, padding: 8 } }}
      data-testid="live-room-chat"
    >
      <div ref={list} style={{ flex: 1, overflowY: 'auto', minHeight: 200 }}>
        {messages.map((m) => {
          return (
            <div
              key={m.id}
              style={{ display: 'flex', gap: 8, padding: '4px 2px', background: m.toContactId ? '#f0f6ff' : undefined }}
              data-testid="live-chat-message"
              data-sender={m.sender.type}
              data-message-id={m.id}
            >
              <Avatar size="small" src={m.sender.avatarUrl ?? undefined}>
                {m.sender.name.slice(0, 1)}
              </Avatar>
              <div style={{ flex: 1, minWidth: 0 }}>
                <Space size={4} wrap>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {m.sender.name}
                  </Typography.Text>
                  {m.toContactId && (
                    <Tag color="blue">{t('chat.toViewer', { name: viewers.get(m.toContactId)?.name ?? '' })}</Tag>
                  )}
                  {m.question && (
                    <Tag color={m.answered ? 'green' : 'orange'}>
                      {m.answered ? t('chat.answered') : t('chat.question')}
                    </Tag>
                  )}
                  {m.sender.type === 'viewer' && isMuted(m.sender.id) && (
                    <Tag data-testid="live-chat-muted">{t('chat.muted')}</Tag>
                  )}
                </Space>
                {m.quote && (
                  <div style={{ borderLeft: '3px solid #d9d9d9', paddingLeft: 6, color: '#888', fontSize: 12 }}>
                    {m.quote.senderName}: {m.quote.body}
                  </div>
                )}
                <div style={{ overflowWrap: 'anywhere' }}>
                  {m.deleted ? (
                    <Typography.Text type="secondary" italic>
                      {t('chat.deleted')}
                    </Typography.Text>
                  ) : (
                    m.body
                  )}
                </div>
              </div>
              {canModerate && m.sender.type === 'viewer' && !m.deleted && (
                <Dropdown menu={{ items: moderate(m) }} trigger={['click']}>
                  <Button size="small" type="text" icon={<MoreOutlined />} data-testid="live-chat-actions" />
                </Dropdown>
              )}
            </div>
          );
        })}
      </div>
      {room.state !== 'ended' && (
        <Space.Compact style={{ marginTop: 8 }}>
          <Input
            value={text}
            maxLength={500}
            placeholder={t('chat.placeholder')}
            onChange={(e) => setText(e.target.value)}
            onPressEnter={() => void send()}
            data-testid="live-chat-input"
          />
          <Button type="primary" onClick={() => void send()} disabled={!text.trim()} data-testid="live-chat-send">
            {t('chat.send')}
          </Button>
        </Space.Compact>
      )}
    </Card>
  );
}
