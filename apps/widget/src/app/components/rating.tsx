import { useState } from 'preact/hooks';
import type { Translate } from '../i18n.js';

/** Stars and a comment once the conversation is resolved; then the transcript by email. */
export function RatingCard(props: {
  t: Translate;
  rated: number | null;
  onRate: (score: number, comment: string) => Promise<void>;
  onTranscript: (email: string | undefined) => Promise<void>;
}) {
  const { t, rated } = props;
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState('');
  const [email, setEmail] = useState('');
  const [note, setNote] = useState<string | null>(null);
  return (
    <div class="wd-card" data-testid="warmdesk-rating">
      <p>{t('resolved')}</p>
      {rated === null ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (score > 0) props.onRate(score, comment).catch((err: Error) => setNote(err.message));
          }}
        >
          <h3>{t('rateTitle')}</h3>
          <fieldset class="wd-stars">
            <legend>{t('rateTitle')}</legend>
            {[1, 2, 3, 4, 5].map((n) => (
              <label key={n} class={n <= score ? 'wd-star wd-on' : 'wd-star'} title={t('rateStar', { n })}>
                <input
                  type="radio"
                  name="wd-score"
                  value={n}
                  checked={score === n}
                  aria-label={t('rateStar', { n })}
                  data-testid={`warmdesk-star-${n}`}
                  onChange={() => setScore(n)}
                />
                ★
              </label>
            ))}
          </fieldset>
          <textarea
            aria-label={t('rateComment')}
            placeholder={t('rateComment')}
            value={comment}
            rows={2}
            onInput={(e) => setComment((e.currentTarget as HTMLTextAreaElement).value)}
          />
          <button type="submit" class="wd-primary" disabled={score === 0}>
            {t('rateSubmit')}
          </button>
        </form>
      ) : (
        <p data-testid="warmdesk-rated">{t('rateThanks')}</p>
      )}
      <form
        class="wd-transcript"
        onSubmit={(e) => {
          e.preventDefault();
          props
            .onTranscript(email.trim() || undefined)
            .then(() => setNote(t('transcriptSent')))
            .catch((err: Error) => setNote(err.message));
        }}
      >
        <input
          type="email"
          aria-label={t('transcriptEmail')}
          placeholder={t('transcriptEmail')}
          value={email}
          onInput={(e) => setEmail((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="submit">{t('transcript')}</button>
      </form>
      {note && <p role="status">{note}</p>}
    </div>
  );
}
