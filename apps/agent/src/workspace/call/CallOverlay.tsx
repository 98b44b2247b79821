import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { useCurrentUser } from '../../auth/session';
import '../../i18n/calls';
import { receiveMessage } from '../liveMessage';
import './call.css';
import { CallDock } from './CallDock';
import { setCallSink } from './callActions';
import { ringingFor, useLiveCalls } from './callStore';
import { IncomingCallPrompt } from './IncomingCallPrompt';
import { useCallSession } from './useCallSession';

/** Ends the agent hears about by a toast (the panel shows the others); by the customer's answer to our call. */
const TOLD: Record<string, boolean> = { declined: true, missed: true, dropped: true, failed: true };

/**
 * App-wide, loaded with the first call: incoming-call prompts, the dock of the ongoing call while the agent is on
 * another screen, and the toasts of a call's session (it ended, the camera is unavailable, a saved recording).
 */
export function CallOverlay() {
  const { t } = useTranslation('calls');
  const { message } = App.useApp();
  const qc = useQueryClient();
  const me = useCurrentUser();
  const location = useLocation();
  const ringing = ringingFor(me.id, useLiveCalls());
  const current = useCallSession();

  useEffect(() => {
    setCallSink({
      onMessage: (m) => receiveMessage(qc, m, { unread: false }),
      onEnded: (session) => {
        const { endReason, initiator } = session.view().call;
        if (!endReason || !TOLD[endReason]) return;
        if ((endReason === 'declined' || endReason === 'missed') && initiator !== 'agent') return;
        message.info(t(`ended.${endReason}`));
      },
      onError: (kind, error) => {
        const text = error instanceof Error ? error.message : String(error);
        if (kind === 'media') message.error(t('errors.media', { message: text }));
        else message.error(t('recording.failed', { message: text }));
      },
    });
    return () => setCallSink({});
  }, [qc, message, t]);

  const onItsScreen = current && location.pathname.includes(`/conversations/${current.view.call.conversationId}`);
  return (
    <>
      {ringing.map((call, index) => (
        <IncomingCallPrompt key={call.id} call={call} index={index} />
      ))}
      {current && current.view.phase !== 'ended' && !onItsScreen && (
        <CallDock session={current.session} view={current.view} />
      )}
    </>
  );
}
