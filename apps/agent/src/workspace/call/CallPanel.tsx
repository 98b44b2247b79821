import { SoundOutlined } from '@ant-design/icons';
import { App, Button, Tag } from 'antd';
import { type MouseEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import '../../i18n/calls';
import './call.css';
import { CallControls } from './CallControls';
import type { CallSession, SessionView } from './CallSession';
import { CallVideo } from './CallVideo';
import { pointInElement, relativePoint } from './frame';
import { QualityBadge } from './QualityBadge';
import { useCallDuration, useCallSession } from './useCallSession';

type TestHook = { quality: CallSession['quality']; state: () => string };

/** For the end-to-end tests: the call's measured quality and state while the panel is on screen. */
function useTestHook(session: CallSession): void {
  useEffect(() => {
    const w = window as unknown as { __warmdeskAgentCall?: TestHook };
    const hook: TestHook = { quality: () => session.quality(), state: () => session.view().phase };
    w.__warmdeskAgentCall = hook;
    return () => {
      if (w.__warmdeskAgentCall === hook) delete w.__warmdeskAgentCall;
    };
  }, [session]);
}

/**
 * The call in its conversation, above the timeline (texting goes on below): the customer's video, this side's
 * preview, state, length, quality and the controls; a pointer on the customer's shared screen.
 */
export function CallPanel({ conversationId, recordingAllowed }: { conversationId: string; recordingAllowed: boolean }) {
  const current = useCallSession();
  if (current?.view.call.conversationId !== conversationId) return null;
  return <Panel session={current.session} view={current.view} recordingAllowed={recordingAllowed} />;
}

function Panel({
  session,
  view,
  recordingAllowed,
}: {
  session: CallSession;
  view: SessionView;
  recordingAllowed: boolean;
}) {
  const { t } = useTranslation('calls');
  const { message } = App.useApp();
  const length = useCallDuration(view);
  const remoteRef = useRef<HTMLVideoElement | null>(null);
  const [pointer, setPointer] = useState<{ x: number; y: number } | null>(null);
  useTestHook(session);

  const remoteScreen = view.remote?.screen === true;
  const remoteOff = view.remote ? !view.remote.video && !view.remote.screen : false;
  const hasRemoteVideo = Boolean(view.remoteStream?.getVideoTracks().length) && !remoteOff;
  const hasLocalVideo = view.local.video || view.local.screen;
  const big = view.phase !== 'ended' && (hasRemoteVideo || hasLocalVideo);

  useEffect(() => {
    if (!remoteScreen) setPointer(null);
  }, [remoteScreen]);

  const point = (e: MouseEvent<HTMLVideoElement>) => {
    if (!remoteScreen || view.phase === 'ended') return;
    const at = relativePoint(e.currentTarget, e.clientX, e.clientY);
    if (!at) return;
    setPointer(at);
    session.point(at.x, at.y);
  };
  const clearPointer = () => {
    setPointer(null);
    session.clearPointer();
  };
  const snapshot = async () => {
    const video = remoteRef.current;
    if (!video) return;
    const key = 'call-snapshot';
    message.loading({ content: t('snapshot.taking'), key, duration: 0 });
    try {
      const saved = await session.snapshot(video);
      if (saved) message.success({ content: t('snapshot.saved'), key });
      else message.warning({ content: t('snapshot.noVideo'), key });
    } catch (err) {
      message.error({ content: t('snapshot.failed', { message: (err as Error).message }), key });
    }
  };

  const marker = pointer && remoteRef.current ? pointInElement(remoteRef.current, pointer) : null;
  return (
    <div
      className="wd-call-panel"
      data-testid="call-panel"
      data-call-id={view.call.id}
      data-phase={view.phase}
      data-media={view.media}
    >
      <div className={big ? 'wd-call-stage' : 'wd-call-stage wd-call-stage-voice'}>
        <CallVideo
          stream={view.remoteStream}
          off={remoteOff}
          videoRef={remoteRef}
          testId="call-remote-video"
          className={remoteScreen ? 'wd-call-remote wd-call-pointable' : 'wd-call-remote'}
          onClick={point}
          label={remoteScreen ? t('pointerHint') : t('phase.connected')}
        />
        {marker && <span className="wd-call-pointer" style={marker} data-testid="call-pointer" />}
        <CallVideo
          stream={view.localStream}
          off={!hasLocalVideo}
          testId="call-local-video"
          className={view.local.screen ? 'wd-call-local' : 'wd-call-local wd-call-mirror'}
          label={t('controls.cameraOff')}
        />
        {view.peerAway && <div className="wd-call-notice">{t('peerAway')}</div>}
        {!view.peerAway && remoteScreen && <div className="wd-call-notice wd-call-hint">{t('pointerHint')}</div>}
        {view.audioBlocked && (
          <Button className="wd-call-audio" icon={<SoundOutlined />} onClick={() => session.resumeAudio()}>
            {t('audioBlocked')}
          </Button>
        )}
      </div>
      <div className="wd-call-bar">
        <span className="wd-call-status">
          <span data-testid="call-state" data-state={view.phase} className={`wd-call-phase wd-call-${view.phase}`}>
            {t(`phase.${view.phase}`)}
          </span>
          <span data-testid="call-duration" className="wd-call-duration">
            {length}
          </span>
          {view.phase !== 'calling' && view.phase !== 'ended' && <QualityBadge quality={view.quality} />}
          {view.recording && (
            <Tag color="red" data-testid="call-recording" style={{ marginInlineEnd: 0 }}>
              ● {t('recording.on')}
            </Tag>
          )}
        </span>
        {view.phase !== 'ended' && (
          <CallControls
            session={session}
            view={view}
            recordingAllowed={recordingAllowed}
            pointing={remoteScreen && pointer !== null}
            onSnapshot={snapshot}
            onClearPointer={clearPointer}
          />
        )}
      </div>
    </div>
  );
}
