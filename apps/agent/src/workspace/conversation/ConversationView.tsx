import { Drawer, Result, Spin } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/http';
import { useCurrentUser } from '../../auth/session';
import { CallSlot } from '../call/CallSlot';
import { Composer } from '../composer/Composer';
import { useSender } from '../composer/useSender';
import { setOnScreen } from '../onScreen';
import { usePendingMessages } from '../outbox';
import { useCustomerTyping } from '../typingStore';
import { HandoffBanner } from './bot/HandoffBanner';
import { ConversationHeader } from './ConversationHeader';
import { MessageList } from './MessageList';
import { useConversation, useMessages } from './useConversation';
import { useEscapeToClose } from './useEscapeToClose';
import { useMarkRead } from './useMarkRead';

const CustomerPanel = lazy(() => import('../customer/CustomerPanel').then((m) => ({ default: m.CustomerPanel })));

const PANEL_KEY = 'warmdesk.agent.customerPanel';

type Props = { conversationId: string; mobile: boolean };

/** One conversation: header actions, a call, the timeline, typing, the composer, and the customer panel. */
export function ConversationView({ conversationId, mobile }: Props) {
  const { t } = useTranslation('workspace');
  const me = useCurrentUser();
  const navigate = useNavigate();
  const conversation = useConversation(conversationId);
  const messages = useMessages(conversationId);
  const pending = usePendingMessages(conversationId);
  const sender = useSender(conversationId);
  const customerTyping = useCustomerTyping(conversationId);
  const [panelOpen, setPanelOpen] = useState(() => !mobile && localStorage.getItem(PANEL_KEY) !== 'hidden');
  const [dragging, setDragging] = useState(false);
  const [jumpTo, setJumpTo] = useState<{ seq: number } | null>(null);
  useEscapeToClose(mobile && panelOpen, () => setPanelOpen(false));

  useEffect(() => {
    setOnScreen(conversationId);
    return () => setOnScreen(null);
  }, [conversationId]);

  const list = messages.data?.messages ?? [];
  const lastCustomerSeq = list.findLast((m) => m.sender.type === 'contact')?.seq ?? 0;
  useMarkRead(conversationId, messages.data?.lastSeq ?? 0, (conversation.data?.unreadCount ?? 0) > 0, lastCustomerSeq);

  const c = conversation.data;
  if (!c) {
    if (conversation.error) {
      const missing = conversation.error instanceof ApiError && conversation.error.status === 404;
      return (
        <div className="wd-center">
          <Result
            status={missing ? '404' : 'warning'}
            subTitle={missing ? t('view.notFound') : conversation.error.message}
          />
        </div>
      );
    }
    return (
      <div className="wd-center">
        <Spin />
      </div>
    );
  }

  const togglePanel = () => {
    setPanelOpen((open) => {
      if (!mobile) localStorage.setItem(PANEL_KEY, open ? 'hidden' : 'shown');
      return !open;
    });
  };
  const back = () => navigate({ pathname: '/conversations', search: window.location.search });
  const panel = (
    <Suspense fallback={<Spin style={{ margin: 24 }} />}>
      <CustomerPanel conversation={c} />
    </Suspense>
  );

  return (
    <div className="wd-view" data-testid="conversation-view" data-conversation-id={c.id} data-status={c.status}>
      <section
        className="wd-view-main"
        aria-label={t('view.conversation', { displayId: c.displayId })}
        onDragOver={(e) => {
          if (!e.dataTransfer.types.includes('Files')) return;
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={(e) => {
          if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
        }}
        onDrop={(e) => {
          if (e.dataTransfer.files.length === 0) return;
          e.preventDefault();
          setDragging(false);
          if (c.status !== 'closed') sender.sendFiles([...e.dataTransfer.files]);
        }}
      >
        <ConversationHeader
          conversation={c}
          mobile={mobile}
          onBack={back}
          panelOpen={panelOpen}
          onTogglePanel={togglePanel}
        />
        <HandoffBanner messages={list} onJump={(seq) => setJumpTo({ seq })} />
        <CallSlot conversation={c} />
        <MessageList
          jumpTo={jumpTo}
          messages={list}
          pending={pending}
          loading={messages.isPending}
          meId={me.id}
          contactReadSeq={c.contactReadSeq ?? 0}
          onRetry={sender.retry}
          onDiscard={sender.discard}
        />
        {customerTyping && (
          <div className="wd-typing" data-testid="typing-indicator">
            {t('view.customerTyping')}
          </div>
        )}
        <Composer conversationId={c.id} sender={sender} disabled={c.status === 'closed'} mobile={mobile} />
        {dragging && <div className="wd-drop-overlay">{t('composer.dropHere')}</div>}
      </section>
      {mobile ? (
        <Drawer
          open={panelOpen}
          onClose={() => setPanelOpen(false)}
          placement="right"
          size="100%"
          title={t('customer.title')}
          styles={{ body: { padding: 0 } }}
        >
          {panel}
        </Drawer>
      ) : (
        panelOpen && <div className="wd-panel">{panel}</div>
      )}
    </div>
  );
}
