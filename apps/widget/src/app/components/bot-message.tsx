import type { Message, ProductCard } from '@warmdesk/protocol';
import { useState } from 'preact/hooks';
import { botTurn } from '../bot.js';
import type { Translate } from '../i18n.js';
import { MessageText } from './message-text.js';

type Props = {
  message: Message;
  /** The customer's answer to "was this helpful?" for this message, once given. */
  feedback: boolean | undefined;
  t: Translate;
  /** Sends a "did you mean" option as the customer's own message. */
  onAsk: (question: string) => void;
  onFeedback: (messageId: string, helpful: boolean) => Promise<void>;
};

/** An image that failed (blocked, gone) disappears rather than showing a broken icon. */
const hide = (e: Event) => {
  (e.currentTarget as HTMLElement).style.display = 'none';
};

/**
 * A bot turn: the bot's name and mark, the text, then per its attachment an answer's images and product cards
 * with "was this helpful?", "did you mean" options as buttons, or the hand-off to a human.
 */
export function BotMessage({ message, feedback, t, onAsk, onFeedback }: Props) {
  const turn = botTurn(message);
  const [busy, setBusy] = useState(false);
  const [asked, setAsked] = useState<string | null>(null);
  const rate = (helpful: boolean) => {
    setBusy(true);
    onFeedback(message.id, helpful).finally(() => setBusy(false));
  };
  return (
    <div class={`wd-row wd-them wd-bot${turn?.type === 'handoff' ? ' wd-handoff' : ''}`} data-testid="warmdesk-message">
      <div class="wd-sender">
        <span class="wd-botmark" role="img" aria-label={t('bot')}>
          🤖
        </span>{' '}
        {message.sender.name || t('bot')}
      </div>
      <div class="wd-bubble">
        <MessageText text={message.content} rich />
        {turn?.type === 'answer' && (
          <>
            {turn.images.map((image) => (
              <img key={image.url} class="wd-image" src={image.url} alt={image.alt} loading="lazy" onError={hide} />
            ))}
            {turn.cards.map((card, i) => (
              <Product key={i} card={card} />
            ))}
          </>
        )}
      </div>
      {turn?.type === 'answer' && turn.askHelpful && (
        <div class="wd-actions wd-helpful" data-testid="warmdesk-bot-feedback">
          <span role="status">{feedback === undefined ? t('botHelpful') : t('botThanks')}</span>
          {[true, false].map((helpful) => (
            <button
              key={String(helpful)}
              type="button"
              aria-label={t(helpful ? 'botYes' : 'botNo')}
              aria-pressed={feedback === helpful}
              disabled={busy || feedback !== undefined}
              onClick={() => rate(helpful)}
            >
              {helpful ? '👍' : '👎'}
            </button>
          ))}
        </div>
      )}
      {turn?.type === 'suggest' && (
        <div class="wd-actions" data-testid="warmdesk-bot-options">
          {turn.options.map((question) => (
            <button
              key={question}
              type="button"
              aria-pressed={asked === question}
              disabled={asked !== null}
              onClick={() => {
                setAsked(question);
                onAsk(question);
              }}
            >
              {question}
            </button>
          ))}
        </div>
      )}
      {turn?.type === 'handoff' && (
        <div class="wd-status" role="status">
          {t('botHandoff')}
        </div>
      )}
    </div>
  );
}

/** A product card under an answer: a link to the product page in a new tab when it has one. */
function Product({ card }: { card: ProductCard }) {
  const body = (
    <>
      {card.imageUrl && <img src={card.imageUrl} alt="" loading="lazy" onError={hide} />}
      <span>
        <b>{card.title}</b>
        {card.price && <small>{card.price}</small>}
      </span>
    </>
  );
  return card.url ? (
    <a class="wd-product" href={card.url} target="_blank" rel="noopener">
      {body}
    </a>
  ) : (
    <div class="wd-product">{body}</div>
  );
}
