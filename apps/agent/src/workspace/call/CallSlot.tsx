import { VideoCameraOutlined } from '@ant-design/icons';
import type { Call, ConversationListItem } from '@warmdesk/protocol';
import { Alert, App, Button } from 'antd';
import { lazy, Suspense, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInboxes } from '../../api/queries';
import '../../i18n/calls';
import { fetchCalls } from './callApi';
import { acceptErrorText } from './callErrors';
import { acceptCall } from './callLauncher';
import { putCalls, useLiveCall, useOwnCall } from './callStore';

const CallPanel = lazy(() => import('./CallPanel').then((m) => ({ default: m.CallPanel })));

/** A customer waiting in the queue for a call: whoever opens the conversation may take it. */
function QueuedCallBanner({ call }: { call: Call }) {
  const { t } = useTranslation('calls');
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const take = () => {
    setBusy(true);
    acceptCall(call, call.media).then(
      () => setBusy(false),
      (err: Error) => {
        setBusy(false);
        message.error(acceptErrorText(err, t));
      },
    );
  };
  return (
    <Alert
      type="warning"
      showIcon
      icon={<VideoCameraOutlined />}
      banner
      data-testid="call-queued-banner"
      title={t('queued.banner', { media: t(`media.${call.media}`) })}
      action={
        <Button size="small" type="primary" loading={busy} onClick={take} data-testid="call-queued-accept">
          {t('queued.accept')}
        </Button>
      }
    />
  );
}

/**
 * Above the timeline: this tab's call in this conversation (the panel, loaded on demand), or a queued call to
 * take. The conversation's live calls are fetched on opening (after a reload nothing else says so).
 */
export function CallSlot({ conversation }: { conversation: ConversationListItem }) {
  const own = useOwnCall();
  const live = useLiveCall(conversation.id);
  const inbox = useInboxes().data?.find((i) => i.id === conversation.inboxId);
  const widget = inbox?.type === 'web_widget';
  const recordingAllowed = (inbox?.config.calls as { recording?: unknown } | undefined)?.recording === true;

  useEffect(() => {
    if (widget) void fetchCalls(conversation.id).then(putCalls, () => undefined);
  }, [conversation.id, widget]);

  if (own?.conversationId === conversation.id) {
    return (
      <Suspense fallback={null}>
        <CallPanel conversationId={conversation.id} recordingAllowed={recordingAllowed} />
      </Suspense>
    );
  }
  return live?.state === 'queued' ? <QueuedCallBanner call={live} /> : null;
}
