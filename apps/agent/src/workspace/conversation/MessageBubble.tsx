import { ExclamationCircleOutlined, LoadingOutlined, RobotOutlined } from '@ant-design/icons';
import type { Message } from '@warmdesk/protocol';
import { Button, Tag } from 'antd';
import dayjs from 'dayjs';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import '../../i18n/calls';
import type { PendingMessage } from '../outbox';
import { AttachmentView, fileSize, isAttachmentRef } from './AttachmentView';
import { BotName } from './bot/BotName';
import { BotTurnBody } from './bot/BotTurnBody';

export type DeliveryState = 'sending' | 'sent' | 'read' | 'failed';

const time = (iso: string) => dayjs(iso).format('HH:mm');

function DeliveryMark({ state }: { state: DeliveryState }) {
  const { t } = useTranslation('workspace');
  if (state === 'sending') return <LoadingOutlined aria-label={t('delivery.sending')} />;
  if (state === 'failed')
    return <ExclamationCircleOutlined style={{ color: '#ff4d4f' }} aria-label={t('delivery.failed')} />;
  return <span style={{ color: state === 'read' ? '#1677ff' : undefined }}>{t(`delivery.${state}`)}</span>;
}

type Props = { message: Message; own: boolean; state?: DeliveryState };

/** One message: the customer's on the left, the team's on the right; bot turns and private notes marked. */
export const MessageBubble = memo(function MessageBubble({ message, own, state }: Props) {
  const { t } = useTranslation('workspace');
  const { sender } = message;
  const outgoing = sender.type === 'user';
  const bubble = message.private
    ? 'wd-bubble-note'
    : sender.type === 'bot'
      ? 'wd-bubble-bot'
      : outgoing
        ? 'wd-bubble-out'
        : 'wd-bubble-in';
  const files = message.attachments.filter(isAttachmentRef);
  const callNote = message.attachments
    .map((a) => a.action)
    .find((a): a is 'call_snapshot' | 'call_recording' => a === 'call_snapshot' || a === 'call_recording');
  const caption = files.length > 0 && files.some((f) => f.fileName === message.content) ? '' : message.content;
  return (
    <div
      className={`wd-msg ${outgoing ? 'wd-msg-out' : 'wd-msg-in'}`}
      data-testid="message"
      data-sender-type={sender.type}
      data-private={String(message.private)}
      data-seq={message.seq}
      data-state={own ? state : undefined}
    >
      <div className="wd-msg-meta">
        {sender.type === 'bot' && (
          <Tag icon={<RobotOutlined />} color="geekblue" style={{ marginInlineEnd: 0 }} data-testid="bot-tag">
            {t('message.bot')}
          </Tag>
        )}
        {message.private && (
          <Tag color="gold" style={{ marginInlineEnd: 0 }}>
            {t('message.note')}
          </Tag>
        )}
        {callNote && (
          <Tag color="purple" style={{ marginInlineEnd: 0 }} data-testid="call-note" data-kind={callNote}>
            {t(`calls:notes.${callNote}`)}
          </Tag>
        )}
        {sender.type === 'bot' ? (
          <BotName sender={sender} />
        ) : (
          sender.type !== 'contact' && <span>{sender.name ?? ''}</span>
        )}
      </div>
      <div className={`wd-bubble ${bubble}`}>
        {files.map((f) => (
          <AttachmentView key={f.id} attachment={f} />
        ))}
        {sender.type === 'bot' && !message.private ? (
          <BotTurnBody message={message} />
        ) : (
          caption && <div data-testid="message-content">{caption}</div>
        )}
      </div>
      <div className="wd-msg-meta">
        <span>{time(message.createdAt)}</span>
        {own && state && <DeliveryMark state={state} />}
      </div>
    </div>
  );
});

/** A message not yet confirmed by the server (sending, or failed with retry). */
export function PendingBubble({
  pending,
  onRetry,
  onDiscard,
}: {
  pending: PendingMessage;
  onRetry: () => void;
  onDiscard: () => void;
}) {
  const { t } = useTranslation('workspace');
  return (
    <div
      className="wd-msg wd-msg-out"
      data-testid="message"
      data-sender-type="user"
      data-private={String(pending.private)}
      data-state={pending.state}
      data-client-msg-id={pending.clientMsgId}
    >
      <div className="wd-msg-meta">{pending.private && <Tag color="gold">{t('message.note')}</Tag>}</div>
      <div className={`wd-bubble ${pending.private ? 'wd-bubble-note' : 'wd-bubble-out'}`} style={{ opacity: 0.75 }}>
        <div data-testid="message-content">
          {pending.file ? `📎 ${pending.file.name} (${fileSize(pending.file.size)})` : pending.content}
        </div>
      </div>
      <div className="wd-msg-meta">
        <DeliveryMark state={pending.state} />
        {pending.state === 'failed' && (
          <>
            <span title={pending.error}>{t('delivery.failedHint')}</span>
            <Button size="small" type="link" onClick={onRetry} data-testid="message-retry">
              {t('delivery.retry')}
            </Button>
            <Button size="small" type="link" danger onClick={onDiscard}>
              {t('delivery.discard')}
            </Button>
          </>
        )}
      </div>
    </div>
  );
}
