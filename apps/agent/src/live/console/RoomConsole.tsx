import { ArrowLeftOutlined, EditOutlined, ExportOutlined } from '@ant-design/icons';
import type { LiveRoom } from '@warmdesk/protocol';
import { Alert, App, Button, Grid, Space, Spin, Tag, Typography } from 'antd';
import { useCallback, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useBlocker, useParams } from 'react-router';
import { hasRole, useCurrentUser } from '../../auth/session';
import { useLiveStats } from '../api';
import { LIVE_NS } from '../i18n';
import { SharePanel } from '../SharePanel';
import { BroadcastPanel } from './BroadcastPanel';
import { CardsPanel } from './CardsPanel';
import { JoinFeed } from './JoinFeed';
import { QuestionList } from './QuestionList';
import { RoomChat } from './RoomChat';
import { RoomSettings } from './RoomSettings';
import { StatsPanel } from './StatsPanel';
import { liveEmit, useLiveConsole } from './useLiveConsole';
import { usePublisher } from './usePublisher';

/**
 * One room's console (/live/:id): broadcast, join feed, chat with moderation, questions, cards, stats. The host
 * broadcasts; co-hosts and supervisors get the same console without the publish controls.
 */
export function RoomConsole() {
  const { id = '' } = useParams();
  const { t } = useTranslation(LIVE_NS);
  const { message, modal } = App.useApp();
  const user = useCurrentUser();
  const live = useLiveConsole(id);
  const publisher = usePublisher(id);
  const wide = Grid.useBreakpoint().lg !== false;
  // After the end the saved figures (the socket sends no more stats)
  const saved = useLiveStats(id, live.room?.state === 'ended');

  // Tests and the page around it read the publisher's state.
  useEffect(() => {
    (window as unknown as { __warmdeskLivePublisher?: unknown }).__warmdeskLivePublisher = publisher;
  }, [publisher]);

  const onRoom = useCallback((room: LiveRoom) => live.setRoom(room), [live.setRoom]);

  // Leaving the console while broadcasting would stop the broadcast: ask first (other routes and closing the tab).
  const broadcasting = publisher.stream !== null;
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => broadcasting && currentLocation.pathname !== nextLocation.pathname,
  );
  const asking = useRef(false);
  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    const settle = (leave: boolean) => {
      asking.current = false;
      if (leave) blocker.proceed();
      else blocker.reset();
    };
    modal.confirm({ title: t('console.leaveConfirm'), onOk: () => settle(true), onCancel: () => settle(false) });
  }, [blocker, modal, t]);
  useEffect(() => {
    if (!broadcasting) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [broadcasting]);

  /**
   * Opens a 1:1 conversation with the viewer and shows it in the workspace in another tab, so the broadcast here
   * goes on. The tab is opened within the click (pop-up blockers allow that) and pointed at the conversation once
   * the server answers.
   */
  const openPrivate = useCallback(
    (contactId: string, messageId?: string) => {
      const tab = window.open('', '_blank');
      liveEmit('live:private', { roomId: id, contactId, ...(messageId ? { messageId } : {}) })
        .then(({ conversation }) => {
          const path = `/app/conversations/${conversation.id}`;
          if (tab) tab.location.href = path;
          message.success(t('privateOpened'));
        })
        .catch((e: unknown) => {
          tab?.close();
          message.error(e instanceof Error ? e.message : String(e));
        });
    },
    [id, message, t],
  );

  if (live.error && !live.room) return <Alert type="error" showIcon title={live.error} style={{ margin: 24 }} />;
  const room = live.room;
  if (!room) return <Spin style={{ margin: 48 }} />;

  const isHost = room.host.id === user.id;
  const canModerate = isHost || room.coHosts.some((c) => c.id === user.id) || hasRole(user, 'supervisor');
  const column = { display: 'flex', flexDirection: 'column' as const, gap: 12, minWidth: 0 };

  return (
    <main
      style={{ flex: 1, overflow: 'auto', padding: wide ? 16 : 8 }}
      data-testid="live-console"
      data-room-state={room.state}
    >
      <Space style={{ marginBottom: 12 }} wrap>
        <Link to="/live">
          <ArrowLeftOutlined /> {t('console.back')}
        </Link>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {room.title}
        </Typography.Title>
        <Tag
          color={room.state === 'live' ? 'red' : room.state === 'ended' ? 'default' : 'blue'}
          data-testid="live-state"
        >
          {t(`state.${room.state}`)}
        </Tag>
        <Link to={`/live/${room.id}/edit`}>
          <Button size="small" icon={<EditOutlined />}>
            {t('console.edit')}
          </Button>
        </Link>
        <Button
          size="small"
          icon={<ExportOutlined />}
          href={room.shareUrl}
          target="_blank"
          data-testid="live-open-viewer"
        >
          {t('console.viewerPage')}
        </Button>
      </Space>
      <div
        style={{
          display: 'grid',
          gap: 12,
          gridTemplateColumns: wide ? 'minmax(300px, 1.1fr) minmax(300px, 1fr) minmax(280px, 0.9fr)' : '1fr',
          alignItems: 'start',
        }}
      >
        <div style={column}>
          <BroadcastPanel room={room} publisher={publisher} isHost={isHost} onRoom={onRoom} />
          <StatsPanel stats={room.state === 'ended' ? (saved.data ?? live.stats) : live.stats} />
          <CardsPanel roomId={room.id} cards={room.cards} canModerate={canModerate && room.state !== 'ended'} />
          <SharePanel room={room} />
        </div>
        <div style={{ ...column, height: wide ? 'calc(100dvh - 150px)' : 520 }}>
          {canModerate && room.state !== 'ended' && <RoomSettings room={room} onRoom={onRoom} />}
          <div style={{ flex: 1, minHeight: 0 }}>
            <RoomChat
              room={room}
              messages={live.messages}
              viewers={live.viewers}
              canModerate={canModerate}
              onPrivate={openPrivate}
            />
          </div>
        </div>
        <div style={column}>
          <JoinFeed
            roomId={room.id}
            feed={live.feed}
            viewers={live.viewers}
            canModerate={canModerate}
            onPrivate={openPrivate}
          />
          <QuestionList roomId={room.id} messages={live.messages} />
        </div>
      </div>
    </main>
  );
}
