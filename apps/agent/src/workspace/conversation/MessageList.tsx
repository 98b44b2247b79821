import type { Message } from '@warmdesk/protocol';
import { Button, Spin } from 'antd';
import dayjs from 'dayjs';
import { Fragment, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PendingMessage } from '../outbox';
import { ActivityLine } from './ActivityLine';
import { type DeliveryState, MessageBubble, PendingBubble } from './MessageBubble';

const WINDOW = 300;
const NEAR_BOTTOM_PX = 120;

type Props = {
  messages: Message[];
  pending: PendingMessage[];
  loading: boolean;
  meId: string;
  contactReadSeq: number;
  onRetry: (clientMsgId: string) => void;
  onDiscard: (clientMsgId: string) => void;
  /** Scroll to this message (a new object each time it is asked for), showing earlier messages when needed. */
  jumpTo?: { seq: number } | null;
};

/** The timeline, kept scrolled to the newest message unless the agent scrolled up to read. */
export function MessageList(props: Props) {
  const { messages, pending, loading, meId, contactReadSeq, onRetry, onDiscard, jumpTo } = props;
  const { t } = useTranslation('workspace');
  const scrollRef = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const [shown, setShown] = useState(WINDOW);
  const visible = messages.length > shown ? messages.slice(messages.length - shown) : messages;
  const lastPending = pending[pending.length - 1]?.clientMsgId;
  const lastSeq = messages[messages.length - 1]?.seq;

  // New messages (or the agent's own) scroll into view when the agent was at the bottom.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the newest message or pending send changes
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el && (atBottom.current || lastPending)) el.scrollTop = el.scrollHeight;
  }, [lastSeq, lastPending, loading]);

  // The timeline shrinking (a call panel opening above it) keeps the newest message in view.
  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => {
      if (atBottom.current) el.scrollTop = el.scrollHeight;
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A jump first widens the window to include the message, then scrolls to it once it is rendered.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs per jump (and once more after widening), not per message
  useLayoutEffect(() => {
    if (!jumpTo) return;
    const index = messages.findIndex((m) => m.seq >= jumpTo.seq);
    if (index < 0) return;
    const needed = messages.length - index;
    if (needed > shown) {
      setShown(needed);
      return;
    }
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-seq="${messages[index]?.seq}"]`);
    if (!el) return;
    el.scrollIntoView({ block: 'start' });
    el.animate?.([{ background: '#fff7e6' }, { background: 'transparent' }], { duration: 1600 });
  }, [jumpTo, shown]);

  const stateOf = (m: Message): DeliveryState => (m.private || contactReadSeq < m.seq ? 'sent' : 'read');

  return (
    <div
      ref={scrollRef}
      className="wd-timeline"
      data-testid="message-list"
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < NEAR_BOTTOM_PX;
      }}
    >
      {loading && (
        <div style={{ textAlign: 'center', padding: 24 }}>
          <Spin />
        </div>
      )}
      {messages.length > shown && (
        <div style={{ textAlign: 'center' }}>
          <Button size="small" type="link" onClick={() => setShown((n) => n + WINDOW)}>
            {t('view.showEarlier', { count: messages.length - shown })}
          </Button>
        </div>
      )}
      {visible.map((m, i) => {
        const previous = visible[i - 1];
        const newDay = !previous || !dayjs(previous.createdAt).isSame(m.createdAt, 'day');
        const own = m.sender.type === 'user' && m.sender.id === meId;
        return (
          <Fragment key={m.id}>
            {newDay && (
              <div className="wd-activity">
                <span>{dayjs(m.createdAt).format('YYYY-MM-DD')}</span>
              </div>
            )}
            {m.kind === 'event' || m.sender.type === 'system' ? (
              <ActivityLine message={m} />
            ) : (
              <MessageBubble message={m} own={own} state={own ? stateOf(m) : undefined} />
            )}
          </Fragment>
        );
      })}
      {pending.map((p) => (
        <PendingBubble
          key={p.clientMsgId}
          pending={p}
          onRetry={() => onRetry(p.clientMsgId)}
          onDiscard={() => onDiscard(p.clientMsgId)}
        />
      ))}
    </div>
  );
}
