import type { CallSession, CallView } from '@warmdesk/sdk/calls';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { CallTextKey, CallTranslate } from './i18n.js';
import { formatDuration } from './i18n.js';
import { framePoint, StreamVideo } from './media.js';

const NOTICES: Record<string, CallTextKey> = {
  snapshot: 'noticeSnapshot',
  recording_started: 'noticeRecording',
  recording_stopped: 'noticeRecordingStopped',
  screen_requested: 'noticeScreen',
};

const canShareScreen = () => typeof navigator.mediaDevices?.getDisplayMedia === 'function';
/** Phones and tablets have a front and a back camera. */
const touch = () => matchMedia('(pointer: coarse)').matches;

/** Seconds since the call was answered, ticking. */
function useDuration(answeredAt: string | null | undefined): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return answeredAt ? Math.max(0, (now - Date.parse(answeredAt)) / 1000) : 0;
}

/**
 * The live call: the agent's video (or their initial for voice), the customer's own preview, the status line,
 * the agent's notices and the controls. While the customer shares their screen, the screen preview is the big
 * picture and the agent's pointer is drawn on it.
 */
export function CallStage({ v, session, t }: { v: CallView; session: CallSession; t: CallTranslate }) {
  const [muted, setMuted] = useState(false);
  const [cameraOff, setCameraOff] = useState(false);
  const localVideo = useRef<HTMLVideoElement>(null);
  const seconds = useDuration(v.call?.answeredAt);
  const sharing = v.media.screen;
  const cameraOn = v.media.video || cameraOff;
  const localVideoTrack = (v.local?.getVideoTracks().length ?? 0) > 0;
  const remote = v.remoteMedia;
  const remoteVideo =
    (v.remote?.getVideoTracks().length ?? 0) > 0 &&
    (remote ? remote.video || remote.screen : v.call?.media === 'video');
  const agentName = v.call?.agent?.name ?? t('agent');
  const status =
    v.phase === 'connecting'
      ? t('connecting')
      : v.phase === 'reconnecting' || v.peerAway
        ? v.peerAway
          ? t('peerAway')
          : t('reconnecting')
        : formatDuration(seconds);
  const point = sharing && v.pointer ? framePoint(localVideo.current, v.pointer.x, v.pointer.y) : null;
  const notice = v.notice && NOTICES[v.notice];

  return (
    <>
      <div class="wd-call-stage">
        <StreamVideo
          stream={v.remote}
          testid="call-remote-video"
          class={`${sharing ? 'wd-call-pip' : 'wd-call-main'}${remoteVideo ? '' : ' wd-call-hidden'}`}
        />
        {!remoteVideo && !sharing && (
          <div class="wd-call-avatar" aria-hidden="true">
            <span>{agentName.slice(0, 1)}</span>
          </div>
        )}
        {localVideoTrack && (
          <StreamVideo
            stream={v.local}
            videoOnly
            videoRef={localVideo}
            testid="call-local-video"
            class={sharing ? 'wd-call-main' : `wd-call-pip wd-call-mirror${cameraOff ? ' wd-call-hidden' : ''}`}
          />
        )}
        {point && (
          <span
            class="wd-call-pointer"
            data-testid="call-pointer"
            style={{ left: `${point.left}px`, top: `${point.top}px` }}
          />
        )}
        <div class="wd-call-top">
          <span data-testid="call-state" data-state={v.peerAway ? 'reconnecting' : v.phase} role="status">
            {status}
          </span>
          {v.recording && <span class="wd-call-rec">● {t('recording')}</span>}
        </div>
      </div>
      {notice && (
        <div class="wd-call-notice" data-testid="call-notice" data-kind={v.notice} role="status">
          <span>{t(notice)}</span>
          {v.notice === 'screen_requested' && canShareScreen() && !sharing && (
            <button type="button" onClick={() => void session.shareScreen()}>
              {t('share')}
            </button>
          )}
        </div>
      )}
      <div class="wd-call-controls">
        <button
          type="button"
          data-testid="call-mute"
          aria-pressed={muted}
          onClick={() => {
            session.setMuted(!muted);
            setMuted(!muted);
          }}
        >
          {muted ? t('unmute') : t('mute')}
        </button>
        {cameraOn && (
          <button
            type="button"
            data-testid="call-camera"
            aria-pressed={cameraOff}
            onClick={() => {
              session.setCameraOff(!cameraOff);
              setCameraOff(!cameraOff);
            }}
          >
            {cameraOff ? t('cameraOn') : t('cameraOff')}
          </button>
        )}
        {cameraOn ? (
          <button
            type="button"
            data-testid="call-switch-voice"
            onClick={() => {
              setCameraOff(false);
              void session.setMedia('voice');
            }}
          >
            {t('toVoice')}
          </button>
        ) : (
          <button type="button" data-testid="call-switch-video" onClick={() => void session.setMedia('video')}>
            {t('toVideo')}
          </button>
        )}
        {cameraOn && !sharing && touch() && (
          <button type="button" data-testid="call-switch-camera" onClick={() => void session.switchCamera()}>
            {t('switchCamera')}
          </button>
        )}
        {canShareScreen() && (
          <button
            type="button"
            data-testid="call-share-screen"
            aria-pressed={sharing}
            onClick={() => void (sharing ? session.stopScreen() : session.shareScreen())}
          >
            {sharing ? t('stopScreen') : t('shareScreen')}
          </button>
        )}
        <button type="button" class="wd-call-end" data-testid="call-hangup" onClick={() => void session.hangup()}>
          {t('hangup')}
        </button>
      </div>
    </>
  );
}
