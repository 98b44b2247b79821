import { RobotOutlined } from '@ant-design/icons';
import type { Message } from '@warmdesk/protocol';
import { Alert, Button } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { botHandoffOf } from './botTurn';

/** "Handed over by the bot: <reason>" at the top of a conversation the bot gave to humans, with a way to its transcript. */
export function HandoffBanner({ messages, onJump }: { messages: Message[]; onJump: (seq: number) => void }) {
  const { t } = useTranslation('bot');
  const handoff = useMemo(() => botHandoffOf(messages), [messages]);
  if (!handoff) return null;
  const reason = t(`handoff.reasons.${handoff.reason ?? 'unknown'}`);
  return (
    <Alert
      type="warning"
      showIcon
      icon={<RobotOutlined />}
      banner
      data-testid="bot-handoff-banner"
      data-reason={handoff.reason ?? ''}
      title={t('handoff.banner', { reason })}
      action={
        <Button size="small" type="link" onClick={() => onJump(handoff.startSeq)} data-testid="bot-transcript-jump">
          {t('handoff.showTranscript')}
        </Button>
      }
    />
  );
}
