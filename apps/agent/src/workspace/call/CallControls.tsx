import {
  AudioMutedOutlined,
  AudioOutlined,
  CameraOutlined,
  ClearOutlined,
  DesktopOutlined,
  PhoneOutlined,
  SyncOutlined,
  VideoCameraAddOutlined,
  VideoCameraOutlined,
} from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallSession, SessionView } from './CallSession';
import { CallRecorder } from './recorder';

type Props = {
  session: CallSession;
  view: SessionView;
  recordingAllowed: boolean;
  pointing: boolean;
  onSnapshot: () => Promise<void>;
  onClearPointer: () => void;
};

function Control(p: {
  title: string;
  icon: ReactNode;
  testId: string;
  onClick: () => void;
  disabled?: boolean;
  pressed?: boolean;
  danger?: boolean;
  loading?: boolean;
  label?: string;
}) {
  return (
    <Tooltip title={p.title}>
      <Button
        shape={p.label ? 'round' : 'circle'}
        icon={p.icon}
        onClick={p.onClick}
        disabled={p.disabled}
        danger={p.danger}
        type={p.danger ? 'primary' : p.pressed ? 'primary' : 'default'}
        ghost={p.pressed && !p.danger}
        loading={p.loading}
        aria-label={p.title}
        aria-pressed={p.pressed}
        data-testid={p.testId}
      >
        {p.label}
      </Button>
    </Tooltip>
  );
}

/** Mute, camera, voice <-> video, screen, camera switch, snapshot, recording, pointer, hang up. */
export function CallControls({ session, view, recordingAllowed, pointing, onSnapshot, onClearPointer }: Props) {
  const { t } = useTranslation('calls');
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const video = view.media === 'video';
  const remoteVideo = Boolean(view.remoteStream?.getVideoTracks().some((x) => x.readyState === 'live'));

  const run = (key: string, action: () => Promise<unknown> | undefined) => {
    setBusy(key);
    Promise.resolve(action())
      .catch((err: Error) => message.error(t('errors.action', { message: err.message })))
      .finally(() => setBusy(null));
  };

  const record = () => {
    if (view.recording) {
      const key = 'recording-save';
      message.loading({ content: t('recording.saving'), key, duration: 0 });
      session.stopRecording().then(
        (saved) => {
          if (saved) message.success({ content: t('recording.saved'), key });
          else message.destroy(key);
        },
        (err: Error) => {
          message.error({ content: t('recording.failed', { message: err.message }), key });
        },
      );
      return;
    }
    if (!CallRecorder.supported()) {
      message.error(t('recording.unsupported'));
      return;
    }
    run('record', async () => session.startRecording());
  };

  const hangup = (
    <Control
      title={t('controls.hangup')}
      icon={<PhoneOutlined rotate={135} />}
      danger
      onClick={() => void session.hangup()}
      testId="call-hangup"
    />
  );
  // Ringing the customer: nothing to control yet but the call itself.
  if (view.call.state !== 'active') return <div className="wd-call-controls">{hangup}</div>;

  return (
    <div className="wd-call-controls">
      <Control
        title={view.muted ? t('controls.unmute') : t('controls.mute')}
        icon={view.muted ? <AudioMutedOutlined /> : <AudioOutlined />}
        pressed={view.muted}
        onClick={() => session.toggleMute()}
        testId="call-mute"
      />
      {video && (
        <Control
          title={view.cameraOff ? t('controls.cameraOn') : t('controls.cameraOff')}
          icon={<VideoCameraOutlined />}
          pressed={view.cameraOff}
          disabled={view.local.screen}
          onClick={() => session.toggleCamera()}
          testId="call-camera"
        />
      )}
      {video ? (
        <Control
          title={t('controls.toVoice')}
          icon={<PhoneOutlined />}
          loading={busy === 'media'}
          onClick={() => run('media', () => session.setMedia('voice'))}
          testId="call-switch-voice"
        />
      ) : (
        <Control
          title={t('controls.toVideo')}
          icon={<VideoCameraAddOutlined />}
          loading={busy === 'media'}
          onClick={() => run('media', () => session.setMedia('video'))}
          testId="call-switch-video"
        />
      )}
      <Control
        title={view.local.screen ? t('controls.stopScreen') : t('controls.shareScreen')}
        icon={<DesktopOutlined />}
        pressed={view.local.screen}
        loading={busy === 'screen'}
        onClick={() => run('screen', () => session.toggleScreen())}
        testId="call-share-screen"
      />
      {video && !view.local.screen && (
        <Control
          title={t('controls.switchCamera')}
          icon={<SyncOutlined />}
          loading={busy === 'camera'}
          onClick={() => run('camera', () => session.switchCamera())}
          testId="call-switch-camera"
        />
      )}
      <Control
        title={t('controls.snapshot')}
        icon={<CameraOutlined />}
        loading={busy === 'snapshot'}
        disabled={!remoteVideo}
        onClick={() => run('snapshot', onSnapshot)}
        testId="call-snapshot"
        label={t('controls.snapshot')}
      />
      {recordingAllowed && (
        <Control
          title={view.recording ? t('controls.stopRecord') : t('controls.record')}
          icon={<span className={view.recording ? 'wd-call-rec-dot wd-call-rec-on' : 'wd-call-rec-dot'} />}
          pressed={view.recording}
          onClick={record}
          testId="call-record"
          label={view.recording ? t('controls.stopRecord') : t('controls.record')}
        />
      )}
      {pointing && (
        <Control
          title={t('controls.clearPointer')}
          icon={<ClearOutlined />}
          onClick={onClearPointer}
          testId="call-pointer-clear"
        />
      )}
      {hangup}
    </div>
  );
}
