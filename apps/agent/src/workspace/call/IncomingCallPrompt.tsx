import { PhoneOutlined, VideoCameraOutlined } from '@ant-design/icons';
import type { Call, CallMedia } from '@warmdesk/protocol';
import { App, Button, Card, Space } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { beep, showDesktop } from '../../notifications/desktop';
import { useConversation } from '../conversation/useConversation';
import { contactName } from '../format';
import { conversationPath } from '../paths';
import { acceptCall, declineCall } from './callActions';
import { acceptErrorText } from './callErrors';

const RING_EVERY_MS = 2_500;

/** Rings (two short tones, no audio file) while shown; a desktop notification when the tab is hidden. */
function useRing(title: string, body: string, tag: string, open: () => void): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: rings once per call, not per render
  useEffect(() => {
    beep();
    const timer = setInterval(beep, RING_EVERY_MS);
    if (document.visibilityState !== 'visible') showDesktop(title, body, tag, open);
    return () => clearInterval(timer);
  }, [tag]);
}

/** A customer calls this agent: who, voice or video, answer with video or voice, or decline. */
export function IncomingCallPrompt({ call, index }: { call: Call; index: number }) {
  const { t } = useTranslation('calls');
  const { message } = App.useApp();
  const navigate = useNavigate();
  const conversation = useConversation(call.conversationId).data;
  const [busy, setBusy] = useState<CallMedia | 'decline' | null>(null);
  const name = contactName(conversation?.contact, t);
  const title = t(`incoming.${call.media}`);
  const from = conversation ? t('incoming.from', { name, displayId: conversation.displayId }) : name;
  const open = () => navigate(conversationPath(call.conversationId));
  useRing(title, from, `call-${call.id}`, open);

  const accept = (media: CallMedia) => {
    setBusy(media);
    acceptCall(call, media).then(open, (err: Error) => {
      setBusy(null);
      message.error(acceptErrorText(err, t));
    });
  };
  const decline = () => {
    setBusy('decline');
    declineCall(call.id).catch((err: Error) => {
      setBusy(null);
      message.error(t('errors.action', { message: err.message }));
    });
  };

  return (
    <Card
      size="small"
      className="wd-call-incoming"
      style={{ top: 64 + index * 136 }}
      data-testid="incoming-call"
      data-call-id={call.id}
      data-media={call.media}
      role="alertdialog"
      aria-label={title}
    >
      <div className="wd-call-incoming-head">
        <span className="wd-call-incoming-icon">
          {call.media === 'video' ? <VideoCameraOutlined /> : <PhoneOutlined />}
        </span>
        <div style={{ minWidth: 0 }}>
          <div style={{ fontWeight: 600 }}>{title}</div>
          <Button type="link" size="small" onClick={open} style={{ padding: 0 }} title={t('incoming.open')}>
            {from}
          </Button>
        </div>
      </div>
      <Space wrap style={{ marginTop: 8 }}>
        {call.media === 'video' && (
          <Button
            type="primary"
            icon={<VideoCameraOutlined />}
            loading={busy === 'video'}
            disabled={busy !== null}
            onClick={() => accept('video')}
            data-testid="call-accept-video"
          >
            {t('incoming.acceptVideo')}
          </Button>
        )}
        <Button
          type={call.media === 'video' ? 'default' : 'primary'}
          icon={<PhoneOutlined />}
          loading={busy === 'voice'}
          disabled={busy !== null}
          onClick={() => accept('voice')}
          data-testid="call-accept-voice"
        >
          {t('incoming.acceptVoice')}
        </Button>
        <Button
          danger
          loading={busy === 'decline'}
          disabled={busy !== null}
          onClick={decline}
          data-testid="call-decline"
        >
          {t('incoming.decline')}
        </Button>
      </Space>
    </Card>
  );
}
