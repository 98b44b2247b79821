import { PlusOutlined } from '@ant-design/icons';
import type { LiveRoom } from '@warmdesk/protocol';
import { Button, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { AdminPage } from '../admin/shared/AdminPage';
import { useLiveRooms, useLiveStats } from './api';
import { LIVE_NS } from './i18n';

const stateColor = { scheduled: 'blue', live: 'red', ended: 'default' } as const;

/** Every live room of the account, live ones first. */
export function RoomsPage() {
  const { t } = useTranslation(LIVE_NS);
  const navigate = useNavigate();
  const rooms = useLiveRooms();
  const order = { live: 0, scheduled: 1, ended: 2 } as const;
  const data = [...(rooms.data ?? [])].sort((a, b) => order[a.state] - order[b.state]);
  return (
    <AdminPage
      title={t('title')}
      description={t('description')}
      error={rooms.error ? String(rooms.error) : null}
      extra={
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => navigate('/live/new')}
          data-testid="live-new-room"
        >
          {t('newRoom')}
        </Button>
      }
    >
      <Table<LiveRoom>
        rowKey="id"
        size="middle"
        loading={rooms.isLoading}
        dataSource={data}
        locale={{ emptyText: t('empty') }}
        onRow={(room) => ({ 'data-testid': 'live-room-row', 'data-room-id': room.id }) as object}
        columns={[
          {
            title: t('col.title'),
            dataIndex: 'title',
            render: (title: string, room) => <Link to={`/live/${room.id}`}>{title}</Link>,
          },
          {
            title: t('col.state'),
            dataIndex: 'state',
            render: (state: LiveRoom['state']) => <Tag color={stateColor[state]}>{t(`state.${state}`)}</Tag>,
          },
          {
            title: t('col.schedule'),
            dataIndex: 'scheduledAt',
            render: (at: string | null, room) =>
              dayjs(room.startedAt ?? at ?? undefined).isValid() && (room.startedAt ?? at)
                ? dayjs(room.startedAt ?? at).format('YYYY-MM-DD HH:mm')
                : t('notScheduled'),
          },
          { title: t('col.host'), dataIndex: ['host', 'name'] },
          {
            title: t('col.viewers'),
            key: 'viewers',
            render: (_: unknown, room: LiveRoom) => <ViewersCell room={room} />,
          },
          {
            key: 'open',
            render: (_: unknown, room) => (
              <Button size="small" onClick={() => navigate(`/live/${room.id}`)} data-testid="live-open-room">
                {t('open')}
              </Button>
            ),
          },
        ]}
      />
    </AdminPage>
  );
}

/** Watching now (live) or unique viewers (ended); nothing before a room starts. */
function ViewersCell({ room }: { room: LiveRoom }) {
  const { t } = useTranslation(LIVE_NS);
  const stats = useLiveStats(room.id, room.state !== 'scheduled', room.state === 'live');
  if (room.state === 'scheduled' || !stats.data) return <span>—</span>;
  return room.state === 'live' ? (
    <span data-testid="live-room-viewers">{t('feed.watching', { count: stats.data.concurrentViewers })}</span>
  ) : (
    <span data-testid="live-room-viewers">
      {t('stats.unique')}: {stats.data.uniqueViewers} · {t('stats.peak')}: {stats.data.peakViewers}
    </span>
  );
}
