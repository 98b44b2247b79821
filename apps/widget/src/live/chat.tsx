import type { LiveChatMessage, LiveRoomPublic } from '@warmdesk/protocol';
import { secondsUntil } from '@warmdesk/sdk/live';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { LiveTranslate } from './i18n.js';
import type { LivePageStore } from './store.js';

type Props = {
  store: LivePageStore;
  room: LiveRoomPublic;
  messages: LiveChatMessage[];
  pending: { clientMsgId: string; body: string }[];
  contactId: string | null;
  muted: boolean;
  removed: boolean;
  sendableAt: number | null;
  sendError: string | null;
  t: LiveTranslate;
};

/** The room chat: names and avatars, private replies marked, questions, and the composer with slow mode. */
export function Chat(p: Props) {
  const list = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = list.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [p.messages.length, p.pending.length]);
  return (
    <div class="lv-chat">
      <div class="lv-messages" ref={list} data-testid="live-chat">
        {p.messages.map((m) => (
          <ChatLine key={m.id} message={m} own={m.sender.type === 'viewer' && m.sender.id === p.contactId} {...p} />
        ))}
        {p.pending.map((m) => (
          <div key={m.clientMsgId} class="lv-line lv-pending" data-testid="live-pending">
            <span class="lv-name">{p.t('you')}</span> {m.body}
          </div>
        ))}
      </div>
      {p.removed ? (
        <div class="lv-notice" data-testid="live-removed">
          {p.t('removed')}
        </div>
      ) : p.muted ? (
        <div class="lv-notice" data-testid="live-muted">
          {p.t('muted')}
        </div>
      ) : (
        <Composer {...p} />
      )}
    </div>
  );
}

function ChatLine({ message: m, own, store, room, t }: Props & { message: LiveChatMessage; own: boolean }) {
  const initial = m.sender.name.slice(0, 1).toUpperCase();
  return (
    <div
      class={`lv-line${m.toContactId ? ' lv-line-private' : ''}`}
      data-testid="live-message"
      data-sender={m.sender.type}
      data-private={m.toContactId ? 'true' : 'false'}
    >
      {m.sender.avatarUrl ? (
        <img class="lv-avatar" src={m.sender.avatarUrl} alt="" />
      ) : (
        <span class="lv-avatar">{initial}</span>
      )}
      <div class="lv-line-body">
        <span class="lv-name">
          {own ? t('you') : m.sender.name}
          {m.sender.type === 'agent' && m.sender.id === room.host.id && <span class="lv-tag">{t('host')}</span>}
          {m.toContactId && <span class="lv-tag lv-tag-private">{t('privateTag')}</span>}
          {m.question && <span class="lv-tag">{m.answered ? t('answered') : t('question')}</span>}
        </span>
        {m.quote && (
          <div class="lv-quote">
            {t('quoteOf', { name: m.quote.senderName })}: {m.quote.body}
          </div>
        )}
        <span class="lv-text">{m.body}</span>
        {own && !m.question && (
          <button
            type="button"
            class="lv-link"
            onClick={() => store.markQuestion(m.id)}
            data-testid="live-mark-question"
          >
            {t('markQuestion')}
          </button>
        )}
      </div>
    </div>
  );
}

function Composer({ store, room, sendableAt, sendError, t }: Props) {
  const [text, setText] = useState('');
  const [question, setQuestion] = useState(false);
  const [now, setNow] = useState(Date.now());
  const wait = secondsUntil(sendableAt, now);
  useEffect(() => {
    if (wait <= 0) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [wait > 0]);
  const submit = async (event: Event) => {
    event.preventDefault();
    const body = text.trim();
    if (!body || wait > 0) return;
    setText('');
    const sent = await store.send(body, question);
    if (!sent) setText(body);
    setQuestion(false);
    setNow(Date.now());
  };
  return (
    <form class="lv-composer" onSubmit={submit}>
      {room.slowModeSeconds > 0 && (
        <div class="lv-hint" data-testid="live-slow-mode">
          {wait > 0 ? t('slowMode', { n: wait }) : t('slowModeOn', { n: room.slowModeSeconds })}
        </div>
      )}
      {sendError && <div class="lv-hint lv-error">{t('sendFailed', { reason: sendError })}</div>}
      <div class="lv-row">
        <input
          class="lv-input"
          value={text}
          maxLength={500}
          placeholder={t('placeholder')}
          onInput={(e) => setText((e.target as HTMLInputElement).value)}
          data-testid="live-input"
        />
        <button type="submit" class="lv-send" disabled={!text.trim() || wait > 0} data-testid="live-send">
          {t('send')}
        </button>
      </div>
      <label class="lv-check">
        <input
          type="checkbox"
          checked={question}
          onChange={(e) => setQuestion((e.target as HTMLInputElement).checked)}
          data-testid="live-as-question"
        />
        {t('asQuestion')}
      </label>
    </form>
  );
}
