import { DesktopOutlined, PoweroffOutlined, VideoCameraOutlined } from '@ant-design/icons';
import type { LiveRoom } from '@warmdesk/protocol';
import { Alert, App, Button, Card, Popconfirm, Space, Tag } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { endRoom, startRoom, uploadRecording } from '../api';
import { LIVE_NS } from '../i18n';
import type { Publisher, PublishSource } from './usePublisher';

type Props = { room: LiveRoom; publisher: Publisher; isHost: boolean; onRoom: (room: LiveRoom) => void };

/** Go live (camera or screen) with a preview, stop, and end the room (uploading the recording when it records). */
export function BroadcastPanel({ room, publisher, isHost, onRoom }: Props) {
  const { t } = useTranslation(LIVE_NS);
  const { message } = App.useApp();
  const preview = useRef<HTMLVideoElement>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (preview.current) preview.current.srcObject = publisher.stream;
  }, [publisher.stream]);

  const goLive = async (source: PublishSource) => {
    setBusy(true);
    try {
      if (room.state === 'scheduled') onRoom(await startRoom(room.id));
      await publisher.start(source, room.recording);
    } catch (e) {
      message.error(t('console.publishError', { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setBusy(false);
    }
  };

  const end = async () => {
    setBusy(true);
    try {
      const recording = await publisher.stop();
      onRoom(await endRoom(room.id));
      if (recording && recording.size > 0) {
        const key = 'live-recording';
        message.loading({ key, content: t('console.uploadingRecording'), duration: 0 });
        try {
          onRoom(await uploadRecording(room.id, recording));
          message.success({ key, content: t('console.recordingSaved') });
        } catch (e) {
          message.error({ key, content: t('console.recordingFailed', { message: String(e) }) });
        }
      }
    } catch (e) {
      message.error(String(e));
    } finally {
      setBusy(false);
    }
  };

  const sending = publisher.stream !== null;
  return (
    <Card size="small" title={t('console.preview')} data-testid="live-broadcast">
      <div style={{ background: '#000', aspectRatio: '16 / 9', borderRadius: 6, overflow: 'hidden', marginBottom: 8 }}>
        <video
          ref={preview}
          autoPlay
          muted
          playsInline
          style={{ width: '100%', height: '100%', objectFit: 'contain' }}
          data-testid="live-preview"
        />
      </div>
      <Space wrap style={{ marginBottom: 8 }}>
        <Tag
          color={room.publishing ? 'red' : 'default'}
          data-testid="live-publishing"
          data-publishing={room.publishing}
        >
          {room.publishing ? t('console.publishing') : t('console.notPublishing')}
        </Tag>
        {publisher.recording && <Tag color="volcano">● {t('console.recording')}</Tag>}
      </Space>
      {publisher.error && (
        <Alert
          type="error"
          showIcon
          title={t('console.mediaError', { message: publisher.error })}
          style={{ marginBottom: 8 }}
        />
      )}
      {room.state === 'ended' ? (
        <Alert type="info" title={t('console.ended')} />
      ) : !isHost ? (
        <Alert type="info" title={t('console.coHostView')} data-testid="live-cohost-note" />
      ) : (
        <Space wrap>
          {!sending ? (
            <>
              <Button
                type="primary"
                icon={<VideoCameraOutlined />}
                loading={busy || publisher.phase === 'starting'}
                onClick={() => void goLive('camera')}
                data-testid="live-go-live"
              >
                {t('console.goLive')}
              </Button>
              <Button
                icon={<DesktopOutlined />}
                disabled={busy}
                onClick={() => void goLive('screen')}
                data-testid="live-share-screen"
              >
                {t('console.screen')}
              </Button>
            </>
          ) : (
            <Button onClick={() => void publisher.stop()} data-testid="live-stop">
              {t('console.stop')}
            </Button>
          )}
          {room.state === 'live' && (
            <Popconfirm
              title={t('console.endConfirm')}
              onConfirm={() => void end()}
              okButtonProps={{ 'data-testid': 'live-end-confirm' }}
            >
              <Button danger icon={<PoweroffOutlined />} loading={busy} data-testid="live-end">
                {t('console.end')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      )}
    </Card>
  );
}
