import type { LiveCard } from '@warmdesk/protocol';
import { useEffect, useState } from 'preact/hooks';
import { Chat } from './chat.js';
import { liveTranslator } from './i18n.js';
import { Player } from './player.js';
import { PrivatePanel } from './private-panel.js';
import type { LivePageState, LivePageStore } from './store.js';

/** The viewer page: video on top (or beside on wide screens), then announcement, cards and chat. */
export function LivePage({ store }: { store: LivePageStore }) {
  const [s, setState] = useState<LivePageState>(store.state);
  useEffect(() => store.subscribe(setState), [store]);
  const t = liveTranslator(s.locale);
  const switcher = (
    <button
      type="button"
      class="lv-lang"
      aria-label={t('languageLabel')}
      onClick={() => store.setLocale(s.locale === 'en' ? 'zh-CN' : 'en')}
      data-testid="live-language"
    >
      {t('language')}
    </button>
  );
  if (s.phase !== 'ready' || !s.room) {
    const text = s.phase === 'loading' ? t('loading') : s.phase === 'notFound' ? t('notFound') : t('loadFailed');
    return (
      <div class="lv-center" data-testid={`live-${s.phase}`}>
        {switcher}
        <p>{text}</p>
      </div>
    );
  }
  const room = s.room;
  const viewer = s.viewer;
  return (
    <div class={`lv-page${s.privateOpen ? ' lv-with-private' : ''}`} data-testid="live-page" data-state={room.state}>
      <div class="lv-main">
        <header class="lv-head">
          <div class="lv-title">
            <strong data-testid="live-title">{room.title}</strong>
            <span class="lv-host">{room.host.name}</span>
          </div>
          {s.connection === 'reconnecting' && <span class="lv-hint">{t('reconnecting')}</span>}
          {switcher}
        </header>
        <Player room={room} stream={viewer?.stream ?? null} connecting={viewer?.media === 'connecting'} t={t} />
        {room.announcement && (
          <div class="lv-announcement" data-testid="live-announcement">
            📢 <strong>{t('announcement')}</strong> {room.announcement}
          </div>
        )}
        {room.cards.length > 0 && <Cards cards={room.cards} store={store} t={t} />}
        {room.description && room.state !== 'live' && <p class="lv-description">{room.description}</p>}
        <Chat
          store={store}
          room={room}
          messages={viewer?.messages ?? []}
          pending={viewer?.pending ?? []}
          contactId={s.contactId}
          muted={viewer?.muted ?? false}
          removed={viewer?.removed ?? false}
          sendableAt={viewer?.sendableAt ?? null}
          sendError={s.sendError}
          t={t}
        />
        {!s.privateOpen && (
          <button
            type="button"
            class="lv-private-button"
            onClick={() => void store.startPrivate()}
            data-testid="live-private-chat"
          >
            💬 {t('privateChat')}
          </button>
        )}
      </div>
      {s.privateOpen && <PrivatePanel store={store} messages={s.privateMessages} t={t} />}
    </div>
  );
}

function Cards({ cards, store, t }: { cards: LiveCard[]; store: LivePageStore; t: ReturnType<typeof liveTranslator> }) {
  return (
    <div class="lv-cards" data-testid="live-cards">
      {cards.map((card) => (
        <a
          key={card.id}
          class="lv-card"
          href={card.linkUrl}
          target="_blank"
          rel="noopener noreferrer"
          onClick={() => store.clickCard(card.id)}
          data-testid="live-card"
        >
          {card.imageUrl && <img src={card.imageUrl} alt="" />}
          <span class="lv-card-title">{card.title}</span>
          {card.price && <span class="lv-card-price">{card.price}</span>}
          <span class="lv-card-cta">{t('buy')}</span>
        </a>
      ))}
    </div>
  );
}
