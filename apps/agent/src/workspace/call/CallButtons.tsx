import { DesktopOutlined, PhoneOutlined, VideoCameraOutlined } from '@ant-design/icons';
import type { CallMedia, ConversationListItem } from '@warmdesk/protocol';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useInboxes } from '../../api/queries';
import '../../i18n/calls';
import { requestScreenShare, startCall } from './callLauncher';
import { useLiveCall, useOwnCall } from './callStore';

/**
 * In the conversation header of a web-widget conversation: call the customer (voice or video); during this tab's
 * call there, ask the customer to share their screen.
 */
export function CallButtons({ conversation, compact }: { conversation: ConversationListItem; compact: boolean }) {
  const { t } = useTranslation('calls');
  const { message } = App.useApp();
  const own = useOwnCall();
  const live = useLiveCall(conversation.id);
  const [starting, setStarting] = useState<CallMedia | null>(null);
  const inbox = useInboxes().data?.find((i) => i.id === conversation.inboxId);
  if (inbox?.type !== 'web_widget' || conversation.status === 'closed') return null;

  const mine = own && !own.ended && own.conversationId === conversation.id;
  if (mine) {
    if (live?.state !== 'active') return null;
    return (
      <Button
        size="small"
        icon={<DesktopOutlined />}
        onClick={() => void requestScreenShare().then(() => message.info(t('start.screenRequested')))}
        data-testid="call-request-screen"
        title={t('start.requestScreen')}
      >
        {compact ? null : t('start.requestScreen')}
      </Button>
    );
  }

  const blocked = own && !own.ended ? t('start.busy') : live ? t('start.live') : null;
  const start = (media: CallMedia) => {
    setStarting(media);
    startCall(conversation.id, media)
      .catch((err: Error & { code?: string }) =>
        message.error(err.code === 'busy' ? t('start.busy') : t('start.failed', { message: err.message })),
      )
      .finally(() => setStarting(null));
  };
  const button = (media: CallMedia) => (
    <Tooltip title={blocked ?? (compact ? t(`start.${media}`) : undefined)}>
      <Button
        size="small"
        icon={media === 'video' ? <VideoCameraOutlined /> : <PhoneOutlined />}
        loading={starting === media}
        disabled={Boolean(blocked) || starting !== null}
        onClick={() => start(media)}
        data-testid={`call-start-${media}`}
        aria-label={t(`start.${media}`)}
      >
        {compact ? null : t(`start.${media}`)}
      </Button>
    </Tooltip>
  );
  return (
    <>
      {button('voice')}
      {button('video')}
    </>
  );
}
