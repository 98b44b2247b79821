import { useState } from 'preact/hooks';
import { Composer } from './components/composer.js';
import { LeaveMessageForm, PreChatForm } from './components/forms.js';
import { MessageList } from './components/message-list.js';
import { QueueCard, QueueEnded } from './components/queue-card.js';
import { translator } from './i18n.js';
import type { WidgetStore } from './store.js';
import { useStore } from './use-store.js';

type RatingCard = typeof import('./components/rating.js').RatingCard;
const loadRating = (): Promise<RatingCard> => import('./components/rating.js').then((m) => m.RatingCard);

/** The widget panel: header, then the pre-chat form, the leave-a-message form or the conversation. */
export function App({ store, onClose }: { store: WidgetStore; onClose: (() => void) | null }) {
  const s = useStore(store);
  const [dragging, setDragging] = useState(false);
  /** The customer chose to leave a message instead of waiting in the queue. */
  const [leaving, setLeaving] = useState(false);
  /** The rating card, loaded when a conversation ends (it is not needed to chat). */
  const [Rating, setRating] = useState<RatingCard | null>(null);
  const t = translator(s.locale);
  const config = s.config;
  document.documentElement.lang = s.locale;
  if (s.fatal)
    return (
      <div class="wd-fatal" role="alert">
        {s.fatal}
      </div>
    );
  if (!config)
    return (
      <div class="wd-loading" aria-busy="true">
        {t('connecting')}
      </div>
    );

  const settings = config.settings;
  const hasConversation = s.conversation !== null;
  const needPreChat =
    settings.preChat.enabled && settings.preChat.fields.length > 0 && !s.preChatDone && !hasConversation;
  const available = config.botFirst || (config.agentsOnline && config.open);
  const leaveMessage = !available && !hasConversation && !s.leftMessage;
  const assignee = s.conversation?.assignee;
  const resolved = s.conversation?.status === 'resolved' || s.conversation?.status === 'closed';
  const answered = s.messages.some((m) => m.sender.type === 'user' || m.sender.type === 'bot');
  const queue = s.queue;
  const inQueue = queue?.position != null || queue?.opensAt != null;
  const botHelping = assignee?.type === 'bot' && inQueue;
  const queueCard =
    hasConversation &&
    (!assignee || botHelping) &&
    !resolved &&
    s.messages.length > 0 &&
    (inQueue || !answered || s.leftMessage || s.callbackPhone !== null);
  const Call = s.call?.View;
  const files = (list: File[]) => {
    for (const f of list) void store.upload(f);
  };

  return (
    // The panel is one drop zone for files; Escape closes it from anywhere inside.
    <section
      aria-label={settings.title || config.inboxName || t('title')}
      class={`wd-panel${dragging ? ' wd-dragging' : ''}`}
      style={{ '--wd-color': settings.color }}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        files([...(e.dataTransfer?.files ?? [])]);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && onClose) onClose();
      }}
    >
      <header class="wd-header">
        {settings.logoUrl ? (
          <img class="wd-logo" src={settings.logoUrl} alt="" />
        ) : (
          <span class="wd-avatar" aria-hidden="true">
            {(assignee?.name ?? config.inboxName).slice(0, 1)}
          </span>
        )}
        <div class="wd-heading">
          <h1>{settings.title || config.inboxName || t('title')}</h1>
          <p data-testid="warmdesk-presence">
            {assignee
              ? t('assigned', { name: assignee.name })
              : available
                ? t('online')
                : config.open
                  ? t('offline')
                  : t('closed')}
          </p>
        </div>
        {!leaveMessage &&
          !needPreChat &&
          (['voice', 'video'] as const).map(
            (media) =>
              config.calls?.[media] && (
                <button
                  key={media}
                  type="button"
                  class="wd-close"
                  aria-label={t(media)}
                  data-testid={`call-start-${media}`}
                  onClick={() => void store.startCall(media)}
                >
                  {media === 'voice' ? (
                    '☎'
                  ) : (
                    <svg viewBox="0 0 24 24" width="20" height="20" fill="currentColor" aria-hidden="true">
                      <path d="M2 6h13v12H2zm14 4 6-4v12l-6-4z" />
                    </svg>
                  )}
                </button>
              ),
          )}
        <button
          type="button"
          class="wd-lang"
          aria-label={t('languageLabel')}
          data-testid="warmdesk-language"
          onClick={() => store.setLocale(s.locale === 'en' ? 'zh-CN' : 'en')}
        >
          {t('language')}
        </button>
        {onClose && (
          <button type="button" class="wd-close" aria-label={t('close')} onClick={onClose}>
            ×
          </button>
        )}
      </header>
      {s.connection !== 'connected' && s.connection !== 'idle' && (
        <div class="wd-banner" role="status" data-testid="warmdesk-connection">
          {s.connection === 'connecting' ? t('connecting') : t('reconnecting')}
        </div>
      )}
      {leaving && !resolved && !assignee ? (
        <LeaveMessageForm
          t={t}
          intro={t('queueMessageIntro')}
          onCancel={() => setLeaving(false)}
          onSubmit={(body) => store.leaveMessage(body).then(() => setLeaving(false))}
        />
      ) : leaveMessage ? (
        <>
          {s.greeting && (
            <div class="wd-banner wd-quiet" role="status">
              {s.greeting}
            </div>
          )}
          <LeaveMessageForm t={t} onSubmit={(body) => store.leaveMessage(body)} />
        </>
      ) : needPreChat ? (
        <PreChatForm fields={settings.preChat.fields} t={t} onSubmit={(p, a) => store.submitPreChat(p, a)} />
      ) : (
        <>
          {s.leftMessage && !queueCard && (
            <div class="wd-banner" role="status">
              {t('leaveThanks')}
            </div>
          )}
          {queueCard && (
            <QueueCard
              queue={queue}
              leftMessage={s.leftMessage}
              callbackPhone={s.callbackPhone}
              locale={s.locale}
              t={t}
              onLeave={() => store.leaveQueue()}
              onMessage={() => setLeaving(true)}
              onCallback={(phone) => store.requestCallback(phone)}
              onBot={() => store.askBot()}
              botHelping={botHelping}
            />
          )}
          {Call && <Call locale={s.locale} />}
          <MessageList
            messages={s.messages}
            pending={s.pending}
            agentReadSeq={s.agentReadSeq}
            greeting={s.greeting ?? (settings.greeting || null)}
            typingName={s.typingName}
            token={store.session?.sessionToken ?? null}
            teamName={settings.title || config.inboxName || t('title')}
            feedback={s.feedback}
            t={t}
            onAsk={(question) => void store.send(question)}
            onFeedback={(id, helpful) => store.botFeedback(id, helpful)}
          />
          {s.abandoned && <QueueEnded t={t} onStartAgain={() => store.startOver()} />}
          {resolved && !s.abandoned && settings.csat && !Rating && void loadRating().then((m) => setRating(() => m))}
          {resolved && !s.abandoned && settings.csat && Rating && (
            <Rating
              t={t}
              rated={s.rated}
              onRate={(n, c) => store.rate(n, c)}
              onTranscript={(e) => store.transcript(e)}
            />
          )}
          {s.uploads.map((u) => (
            <div key={u.id} class={u.error ? 'wd-upload wd-error' : 'wd-upload'} role={u.error ? 'alert' : 'status'}>
              {u.error ?? `${t('uploading')} ${u.name} ${Math.round(u.progress * 100)}%`}
              {u.error && (
                <button type="button" aria-label={t('close')} onClick={() => store.dismissUpload(u.id)}>
                  ×
                </button>
              )}
            </div>
          ))}
          {s.notice && (
            <div class="wd-upload wd-error" role="alert">
              {s.notice}
              <button type="button" aria-label={t('close')} onClick={() => store.dismissNotice()}>
                ×
              </button>
            </div>
          )}
          {dragging && <div class="wd-drop">{t('dropHere')}</div>}
          <Composer
            t={t}
            onSend={(text) => void store.send(text)}
            onFiles={files}
            onTyping={(on) => store.setTyping(on)}
          />
        </>
      )}
    </section>
  );
}
