import { PhoneOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useConversation } from '../conversation/useConversation';
import { contactName } from '../format';
import { conversationPath } from '../paths';
import type { CallSession, SessionView } from './CallSession';
import { useCallDuration } from './useCallSession';

/** While the agent looks elsewhere during a call: who, how long, back to it, hang up. */
export function CallDock({ session, view }: { session: CallSession; view: SessionView }) {
  const { t } = useTranslation('calls');
  const navigate = useNavigate();
  const conversation = useConversation(view.call.conversationId).data;
  const length = useCallDuration(view);
  return (
    <div className="wd-call-dock" data-testid="call-dock" data-phase={view.phase}>
      <PhoneOutlined />
      <span className="wd-call-dock-text">
        {t('dock.onCall', { name: contactName(conversation?.contact, t) })} · {t(`phase.${view.phase}`)}
        {view.call.answeredAt ? ` · ${length}` : ''}
      </span>
      <Button size="small" type="primary" onClick={() => navigate(conversationPath(view.call.conversationId))}>
        {t('dock.back')}
      </Button>
      <Button size="small" danger onClick={() => void session.hangup()} data-testid="call-dock-hangup">
        {t('controls.hangup')}
      </Button>
    </div>
  );
}
