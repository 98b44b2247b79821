import type { Locale } from '@warmdesk/protocol';
import type { CallSession, CallView as View } from '@warmdesk/sdk/calls';
import { useEffect, useState } from 'preact/hooks';
import { type CallTranslate, callTranslator, formatDuration } from './i18n.js';
import { CallStage } from './stage.js';

function useCall(session: CallSession): View {
  const [view, setView] = useState(session.view);
  useEffect(() => {
    setView(session.view);
    return session.subscribe(setView);
  }, [session]);
  return view;
}

/** The call above the messages: the incoming prompt, the outgoing call, the live call, or how it ended. */
export function CallView({ session, locale }: { session: CallSession; locale: Locale }) {
  const v = useCall(session);
  const t = callTranslator(locale);
  const media = v.call?.media === 'video' ? t('videoCall') : t('voiceCall');
  const error = v.error && (
    <div class="wd-call-bar wd-call-error" role="alert">
      <p>{v.error instanceof DOMException ? t('deviceError', { message: v.error.message }) : v.error.message}</p>
      <button type="button" aria-label={t('close')} onClick={() => session.dismiss()}>
        ×
      </button>
    </div>
  );
  if (v.phase === 'idle') return error ? <div class="wd-call">{error}</div> : null;
  if (v.phase === 'incoming') return <Incoming v={v} session={session} t={t} media={media} />;
  if (v.phase === 'outgoing')
    return (
      <div class="wd-call">
        <div class="wd-call-bar" role="status">
          <p data-testid="call-state" data-state="outgoing">
            {v.call && `${media} · `}
            {v.call?.state === 'queued' ? t('queued') : t('calling')}
          </p>
          <button type="button" class="wd-call-end" data-testid="call-hangup" onClick={() => void session.hangup()}>
            {t('cancel')}
          </button>
        </div>
      </div>
    );
  if (v.phase === 'ended')
    return (
      <div class="wd-call">
        {error}
        <Ended v={v} session={session} t={t} media={media} />
      </div>
    );
  return (
    <section class="wd-call" aria-label={media}>
      <CallStage v={v} session={session} t={t} />
      {error}
    </section>
  );
}

/** A soft two-tone ring (no audio file); silent where the browser does not allow sound yet. */
function ring(): void {
  try {
    const audio = new AudioContext();
    const gain = audio.createGain();
    gain.gain.value = 0.06;
    gain.connect(audio.destination);
    [660, 880].forEach((frequency, i) => {
      const tone = audio.createOscillator();
      tone.frequency.value = frequency;
      tone.connect(gain);
      tone.start(audio.currentTime + i * 0.25);
      tone.stop(audio.currentTime + i * 0.25 + 0.2);
    });
    setTimeout(() => void audio.close(), 800);
  } catch {
    // No audio: the prompt still shows.
  }
}

type Part = { v: View; session: CallSession; t: CallTranslate; media: string };

function Incoming({ v, session, t, media }: Part) {
  useEffect(() => {
    ring();
    const timer = setInterval(ring, 2_000);
    return () => clearInterval(timer);
  }, []);
  return (
    <div class="wd-call" role="alertdialog" aria-label={media}>
      <div class="wd-call-bar">
        <p data-testid="call-state" data-state="incoming">
          {t('incoming', { name: v.call?.agent?.name ?? t('agent') })} · {media}
        </p>
        {v.call?.media === 'video' && (
          <button
            type="button"
            class="wd-call-ok"
            data-testid="call-accept-video"
            onClick={() => void session.accept('video')}
          >
            {t('acceptVideo')}
          </button>
        )}
        <button
          type="button"
          class="wd-call-ok"
          data-testid="call-accept-voice"
          onClick={() => void session.accept('voice')}
        >
          {t('acceptVoice')}
        </button>
        <button type="button" class="wd-call-end" data-testid="call-decline" onClick={() => void session.decline()}>
          {t('decline')}
        </button>
      </div>
    </div>
  );
}

function Ended({ v, session, t, media }: Part) {
  useEffect(() => {
    const timer = setTimeout(() => session.dismiss(), 6_000);
    return () => clearTimeout(timer);
  }, [session]);
  const reason = v.call?.endReason;
  const text =
    !reason || reason === 'completed'
      ? `${t('ended')} · ${media} · ${formatDuration(v.call?.durationSeconds ?? 0)}`
      : t(reason);
  return (
    <div class="wd-call-bar" role="status">
      <p data-testid="call-state" data-state="ended">
        {text}
      </p>
      <button type="button" aria-label={t('close')} onClick={() => session.dismiss()}>
        ×
      </button>
    </div>
  );
}
