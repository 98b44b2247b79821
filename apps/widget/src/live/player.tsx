import type { LiveRoomPublic } from '@warmdesk/protocol';
import { countdown } from '@warmdesk/sdk/live';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LiveTranslate } from './i18n.js';

type Props = { room: LiveRoomPublic; stream: MediaStream | null; connecting: boolean; t: LiveTranslate };

/** The video: muted autoplay (browsers allow it) with a tap to unmute; the schedule, waiting and ended states. */
export function Player({ room, stream, connecting, t }: Props) {
  const video = useRef<HTMLVideoElement>(null);
  const [muted, setMuted] = useState(true);

  useEffect(() => {
    const el = video.current;
    if (!el || el.srcObject === stream) return;
    el.srcObject = stream;
    if (stream) void el.play().catch(() => undefined);
  }, [stream]);

  const unmute = () => {
    const el = video.current;
    if (!el) return;
    el.muted = false;
    setMuted(false);
    void el.play().catch(() => undefined);
  };

  if (room.state === 'ended') {
    return (
      <div class="lv-stage" data-testid="live-ended">
        {room.replayUrl ? (
          // biome-ignore lint/a11y/useMediaCaption: a recording of a live stream has no caption track
          <video class="lv-video" src={room.replayUrl} controls playsInline data-testid="live-replay" />
        ) : (
          <div class="lv-stage-note">{t('ended')}</div>
        )}
      </div>
    );
  }
  if (room.state === 'scheduled') return <Scheduled room={room} t={t} />;
  return (
    <div class="lv-stage">
      <video ref={video} class="lv-video" autoPlay playsInline muted={muted} data-testid="live-video" />
      {!stream && <div class="lv-stage-note">{connecting ? t('connecting') : t('waitingHost')}</div>}
      {stream && muted && (
        <button type="button" class="lv-unmute" onClick={unmute} data-testid="live-unmute">
          🔇 {t('tapUnmute')}
        </button>
      )}
      <span class="lv-badge">{t('live')}</span>
    </div>
  );
}

function Scheduled({ room, t }: { room: LiveRoomPublic; t: LiveTranslate }) {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const left = countdown(room.scheduledAt, now);
  const pad = (n: number) => String(n).padStart(2, '0');
  const time = left ? `${left.d > 0 ? `${left.d}d ` : ''}${pad(left.h)}:${pad(left.m)}:${pad(left.s)}` : '';
  return (
    <div
      class="lv-stage"
      data-testid="live-scheduled"
      style={room.coverUrl ? { backgroundImage: `url("${room.coverUrl}")` } : undefined}
    >
      <div class="lv-stage-note">
        {left ? <div class="lv-countdown">{t('startsIn', { time })}</div> : <div>{t('waitingHost')}</div>}
        {room.scheduledAt && <div>{t('scheduled', { time: new Date(room.scheduledAt).toLocaleString() })}</div>}
      </div>
    </div>
  );
}
