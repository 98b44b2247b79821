import type { ProductCard } from '@warmdesk/protocol';
import { useTranslation } from 'react-i18next';
import type { AnswerImage } from './richText';

/** An answer's images and product cards, as the customer sees them under the text. */
export function AnswerExtras({ images, cards }: { images: AnswerImage[]; cards: ProductCard[] }) {
  const { t } = useTranslation('bot');
  if (images.length === 0 && cards.length === 0) return null;
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginTop: 8, whiteSpace: 'normal' }}>
      {images.map((img, i) => (
        <a
          // biome-ignore lint/suspicious/noArrayIndexKey: the same picture may be shown twice
          key={`${img.url}-${i}`}
          href={img.url}
          target="_blank"
          rel="noopener noreferrer"
          data-testid="bot-image"
        >
          <img
            src={img.url}
            alt={img.alt}
            loading="lazy"
            referrerPolicy="no-referrer"
            style={{ display: 'block', maxWidth: 200, maxHeight: 200, borderRadius: 8 }}
          />
        </a>
      ))}
      {cards.map((card, i) => (
        <article
          // biome-ignore lint/suspicious/noArrayIndexKey: cards have no id
          key={`${card.title}-${i}`}
          aria-label={t('turn.card', { title: card.title })}
          data-testid="product-card"
          style={{
            display: 'flex',
            gap: 8,
            width: 240,
            padding: 8,
            background: '#fff',
            border: '1px solid #e8e8e8',
            borderRadius: 8,
          }}
        >
          {card.imageUrl && (
            <img
              src={card.imageUrl}
              alt=""
              loading="lazy"
              referrerPolicy="no-referrer"
              style={{ width: 56, height: 56, objectFit: 'cover', borderRadius: 4, flex: 'none' }}
            />
          )}
          <div style={{ minWidth: 0 }}>
            <div style={{ fontWeight: 500, overflow: 'hidden', textOverflow: 'ellipsis' }}>{card.title}</div>
            {card.price && <div style={{ color: '#cf1322' }}>{card.price}</div>}
            {card.url && (
              <a href={card.url} target="_blank" rel="noopener noreferrer">
                {t('turn.openProduct')}
              </a>
            )}
          </div>
        </article>
      ))}
    </div>
  );
}
