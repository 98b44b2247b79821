import type { Locale, QueueUpdate } from '@warmdesk/protocol';
import { useState } from 'preact/hooks';
import type { Translate } from '../i18n.js';

type Props = {
  queue: QueueUpdate | null;
  /** The customer left a message (here or via the form): nothing more to wait for. */
  leftMessage: boolean;
  callbackPhone: string | null;
  locale: Locale;
  t: Translate;
  onLeave: () => Promise<void>;
  onMessage: () => void;
  onCallback: (phone: string) => Promise<void>;
  onBot: () => Promise<void>;
  /** The bot is helping meanwhile (the customer keeps their place). */
  botHelping: boolean;
};

/** The opening time in the customer's own time zone and language, e.g. "Mon, 9 Jun, 09:00". */
function localTime(iso: string, locale: Locale): string {
  const opts: Intl.DateTimeFormatOptions = { weekday: 'short', month: 'short', day: 'numeric' };
  return new Date(iso).toLocaleString(locale, { ...opts, hour: '2-digit', minute: '2-digit' });
}

/**
 * While the customer waits for an agent: their place in line (or the opening time after hours), the estimated
 * wait, and what they can do instead of waiting: leave the queue, leave a message, ask for a callback.
 */
export function QueueCard(props: Props) {
  const { queue, t } = props;
  const [step, setStep] = useState<'idle' | 'confirm' | 'callback'>('idle');
  const [phone, setPhone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const fail = (err: Error) => setError(err.message || t('errorGeneric'));
  const left = props.leftMessage || queue?.leftMessage === true || props.callbackPhone !== null;
  const inLine = !left && (queue?.position != null || queue?.opensAt != null);
  const minutes = queue?.estimatedWaitSeconds != null ? Math.max(1, Math.round(queue.estimatedWaitSeconds / 60)) : 0;
  // After hours the opening time says it all (the message is answered then); else what the customer chose.
  const text = props.callbackPhone
    ? t('callbackThanks', { phone: props.callbackPhone })
    : queue?.opensAt
      ? t('queueClosed', { time: localTime(queue.opensAt, props.locale) })
      : left
        ? `${t('leaveThanks')} ${t('queueNoWait')}`
        : queue?.position
          ? t('queuePosition', { position: queue.position, waiting: queue.waiting })
          : t('waiting');

  return (
    <div class="wd-banner wd-quiet wd-queue" data-testid="warmdesk-queue">
      <p role="status">
        {text}
        {inLine && !queue?.opensAt && minutes > 0 && ` ${t('queueWait', { minutes })}`}
      </p>
      {inLine && step === 'idle' && (
        <div class="wd-actions">
          <button type="button" onClick={props.onMessage}>
            {t('queueMessage')}
          </button>
          {queue?.offers?.includes('bot') && !props.botHelping && (
            <button type="button" data-testid="warmdesk-queue-bot" onClick={() => props.onBot().catch(fail)}>
              {t('queueBot')}
            </button>
          )}
          {queue?.offers?.includes('callback') && (
            <button type="button" onClick={() => setStep('callback')}>
              {t('callback')}
            </button>
          )}
          <button type="button" onClick={() => setStep('confirm')}>
            {t('queueLeave')}
          </button>
        </div>
      )}
      {inLine && step === 'confirm' && (
        <div class="wd-actions" role="alertdialog" aria-label={t('queueLeaveConfirm')}>
          <span>{t('queueLeaveConfirm')}</span>
          <button type="button" class="wd-danger" onClick={() => props.onLeave().catch(fail)}>
            {t('queueLeaveYes')}
          </button>
          <button type="button" onClick={() => setStep('idle')}>
            {t('queueStay')}
          </button>
        </div>
      )}
      {inLine && step === 'callback' && (
        <form
          class="wd-actions"
          onSubmit={(e) => {
            e.preventDefault();
            if (phone.trim()) props.onCallback(phone.trim()).catch(fail);
          }}
        >
          <input
            type="tel"
            required
            aria-label={t('phone')}
            placeholder={t('phone')}
            value={phone}
            onInput={(e) => setPhone((e.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit">{t('callbackSubmit')}</button>
          <button type="button" onClick={() => setStep('idle')}>
            {t('back')}
          </button>
        </form>
      )}
      {error && (
        <p class="wd-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** After 放弃排队: the conversation ended; the customer may start a new one. */
export function QueueEnded(props: { t: Translate; onStartAgain: () => void }) {
  return (
    <div class="wd-card" role="status" data-testid="warmdesk-queue-ended">
      <p>{props.t('queueEnded')}</p>
      <button type="button" class="wd-primary" onClick={props.onStartAgain}>
        {props.t('startAgain')}
      </button>
    </div>
  );
}
