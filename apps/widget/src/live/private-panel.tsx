import type { Message } from '@warmdesk/protocol';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LiveTranslate } from './i18n.js';
import type { LivePageStore } from './store.js';

type Props = { store: LivePageStore; messages: Message[]; t: LiveTranslate };

/** The 1:1 conversation beside the video (a normal conversation of the room's inbox). */
export function PrivatePanel({ store, messages, t }: Props) {
  const [text, setText] = useState('');
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [messages.length]);
  const submit = (event: Event) => {
    event.preventDefault();
    const body = text.trim();
    if (!body) return;
    setText('');
    void store.sendPrivate(body).catch(() => setText(body));
  };
  const visible = messages.filter((m) => !m.private && m.kind !== 'event');
  return (
    <aside class="lv-private" data-testid="live-private-panel">
      <header class="lv-private-head">
        <strong>{t('privateTitle')}</strong>
        <button type="button" class="lv-link" onClick={() => store.closePrivate()} data-testid="live-private-close">
          {t('privateClose')}
        </button>
      </header>
      <div class="lv-messages" ref={list}>
        {visible.length === 0 && <div class="lv-hint">{t('privateEmpty')}</div>}
        {visible.map((m) => (
          <div
            key={m.id}
            class={`lv-bubble ${m.sender.type === 'contact' ? 'lv-bubble-mine' : ''}`}
            data-testid="live-private-message"
          >
            {m.sender.type !== 'contact' && m.sender.name && <div class="lv-name">{m.sender.name}</div>}
            {m.content}
          </div>
        ))}
      </div>
      <form class="lv-composer" onSubmit={submit}>
        <div class="lv-row">
          <input
            class="lv-input"
            value={text}
            placeholder={t('privatePlaceholder')}
            onInput={(e) => setText((e.target as HTMLInputElement).value)}
            data-testid="live-private-input"
          />
          <button type="submit" class="lv-send" disabled={!text.trim()} data-testid="live-private-send">
            {t('send')}
          </button>
        </div>
      </form>
    </aside>
  );
}
