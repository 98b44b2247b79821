import type { LiveRoom } from '@warmdesk/protocol';
import { App, Button, Card, Input, Select, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { updateRoom } from '../api';
import { LIVE_NS } from '../i18n';

const SLOW_MODES = [0, 5, 10, 30, 60];

/** What moderators change while live: the pinned announcement and slow mode. */
export function RoomSettings({ room, onRoom }: { room: LiveRoom; onRoom: (room: LiveRoom) => void }) {
  const { t } = useTranslation(LIVE_NS);
  const { message } = App.useApp();
  const [announcement, setAnnouncement] = useState(room.announcement ?? '');
  useEffect(() => setAnnouncement(room.announcement ?? ''), [room.announcement]);
  const save = async (body: Parameters<typeof updateRoom>[1]) => {
    try {
      onRoom(await updateRoom(room.id, body));
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <Card size="small" styles={{ body: { padding: 8 } }} data-testid="live-room-settings">
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space.Compact style={{ width: '100%' }}>
          <Input
            value={announcement}
            maxLength={500}
            addonBefore={t('chat.announcement')}
            placeholder={t('chat.announcementPlaceholder')}
            onChange={(e) => setAnnouncement(e.target.value)}
            data-testid="live-announcement-input"
          />
          <Button
            onClick={() => void save({ announcement: announcement.trim() || null })}
            data-testid="live-announcement-save"
          >
            {t('common:save')}
          </Button>
        </Space.Compact>
        <Space>
          <span>{t('chat.slowMode')}</span>
          <Select
            size="small"
            value={room.slowModeSeconds}
            style={{ width: 100 }}
            onChange={(slowModeSeconds: number) => void save({ slowModeSeconds })}
            options={SLOW_MODES.map((n) => ({
              value: n,
              label: n === 0 ? t('chat.slowModeOff') : t('chat.seconds', { n }),
            }))}
            data-testid="live-slow-mode"
          />
        </Space>
      </Space>
    </Card>
  );
}
