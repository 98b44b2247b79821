import type { Message } from '@warmdesk/protocol';
import type { OutboxEntry } from '@warmdesk/sdk';
import { useEffect, useRef } from 'preact/hooks';
import type { Translate } from '../i18n.js';
import { Attachments } from './attachment-view.js';
import { BotMessage } from './bot-message.js';
import { MessageText } from './message-text.js';

type Props = {
  messages: Message[];
  pending: OutboxEntry[];
  agentReadSeq: number;
  greeting: string | null;
  typingName: string | null;
  token: string | null;
  /** Who automatic messages (the after-hours reply) come from: the inbox's title. */
  teamName: string;
  /** Answers to "was this helpful?" under bot answers, by message id. */
  feedback: Record<string, boolean>;
  t: Translate;
  onAsk: (question: string) => void;
  onFeedback: (messageId: string, helpful: boolean) => Promise<void>;
};

type CallLine = {
  media: 'voice' | 'video';
  event: 'ended' | 'missed' | 'declined' | 'cancelled';
  durationSeconds?: number;
};

/** A call's last timeline event (the attachment of a kind `event` message), shown as one short line. */
const callLine = (m: Message) => {
  const a = m.attachments[0] as CallLine & { action?: string };
  return m.kind === 'event' && a?.action === 'call' && /^(ended|missed|declined|cancelled)$/.test(a.event) ? a : null;
};
const clock = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

/** The conversation: greeting, messages in seq order, then messages still on their way. */
export function MessageList(props: Props) {
  const { messages, pending, agentReadSeq, greeting, typingName, token, teamName, t } = props;
  const end = useRef<HTMLDivElement>(null);
  const count = messages.length + pending.length + (typingName === null ? 0 : 1);
  useEffect(() => end.current?.scrollIntoView({ block: 'end' }), [count]);
  const pendingIds = new Set(pending.map((p) => p.clientMsgId));
  return (
    <div class="wd-messages" role="log" aria-live="polite" aria-relevant="additions">
      {greeting && (
        <div class="wd-row wd-them">
          <div class="wd-bubble">
            <MessageText text={greeting} />
          </div>
        </div>
      )}
      {messages
        .filter((m) => !m.private && (m.kind !== 'event' || callLine(m)) && !pendingIds.has(m.clientMsgId ?? ''))
        .map((m) => {
          const call = callLine(m);
          if (call)
            return (
              <div key={m.id} class="wd-status wd-line" data-testid="warmdesk-call-line">
                {t(call.media)} · {call.event === 'ended' ? clock(call.durationSeconds ?? 0) : t(call.event)}
              </div>
            );
          if (m.sender.type === 'bot')
            return (
              <BotMessage
                key={m.id}
                message={m}
                feedback={props.feedback[m.id]}
                t={t}
                onAsk={props.onAsk}
                onFeedback={props.onFeedback}
              />
            );
          const mine = m.sender.type === 'contact';
          const who = mine ? t('you') : m.sender.type === 'system' ? teamName : (m.sender.name ?? t('agent'));
          return (
            <div key={m.id} class={`wd-row ${mine ? 'wd-mine' : 'wd-them'}`} data-testid="warmdesk-message">
              {!mine && <div class="wd-sender">{who}</div>}
              <div class="wd-bubble">
                {m.attachments.length > 0 ? (
                  <Attachments items={m.attachments} token={token} t={t} />
                ) : (
                  <MessageText text={m.content} />
                )}
              </div>
              {mine && (
                <div class="wd-status" data-testid="warmdesk-status">
                  {m.seq <= agentReadSeq ? t('read') : t('sent')}
                </div>
              )}
            </div>
          );
        })}
      {pending.map((p) => (
        <div key={p.clientMsgId} class="wd-row wd-mine wd-pending" data-testid="warmdesk-pending">
          <div class="wd-bubble">
            <MessageText text={p.content} />
          </div>
          <div class="wd-status">{t('sending')}</div>
        </div>
      ))}
      {typingName !== null && (
        <div class="wd-typing" aria-live="polite">
          {t('typing', { name: typingName || t('agent') })}
        </div>
      )}
      <div ref={end} />
    </div>
  );
}
