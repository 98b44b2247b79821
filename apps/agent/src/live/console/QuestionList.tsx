import type { LiveChatMessage } from '@warmdesk/protocol';
import { uuidv7 } from '@warmdesk/protocol/uuid';
import { App, Button, Card, Empty, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LIVE_NS } from '../i18n';
import { liveEmit } from './useLiveConsole';

/** Viewers' questions, unanswered first; each answered publicly (quoted in the room) or privately to its asker. */
export function QuestionList({ roomId, messages }: { roomId: string; messages: LiveChatMessage[] }) {
  const { t } = useTranslation(LIVE_NS);
  const questions = messages
    .filter((m) => m.question && !m.deleted)
    .sort((a, b) => Number(a.answered) - Number(b.answered) || a.seq - b.seq);
  return (
    <Card
      size="small"
      title={t('questions.title')}
      styles={{ body: { maxHeight: 280, overflowY: 'auto', padding: 8 } }}
      data-testid="live-questions"
    >
      {questions.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('questions.empty')} />}
      {questions.map((q) => (
        <Question key={q.id} roomId={roomId} question={q} />
      ))}
    </Card>
  );
}

function Question({ roomId, question }: { roomId: string; question: LiveChatMessage }) {
  const { t } = useTranslation(LIVE_NS);
  const { message } = App.useApp();
  const [text, setText] = useState('');
  const answer = async (privately: boolean) => {
    const body = text.trim();
    if (!body) return;
    try {
      await liveEmit('live:answer', {
        roomId,
        messageId: question.id,
        clientMsgId: uuidv7(),
        body,
        private: privately,
      });
      setText('');
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div style={{ padding: '6px 2px', borderBottom: '1px solid #f0f0f0' }} data-testid="live-question">
      <Space size={4}>
        <Typography.Text strong>{question.sender.name}</Typography.Text>
        {question.answered && <Tag color="green">{t('chat.answered')}</Tag>}
      </Space>
      <div>{question.body}</div>
      {!question.answered && (
        <Space.Compact style={{ width: '100%', marginTop: 4 }}>
          <Input
            size="small"
            value={text}
            placeholder={t('questions.placeholder')}
            onChange={(e) => setText(e.target.value)}
            data-testid="live-answer-input"
          />
          <Button
            size="small"
            onClick={() => void answer(false)}
            disabled={!text.trim()}
            data-testid="live-answer-public"
          >
            {t('questions.answerPublic')}
          </Button>
          <Button
            size="small"
            onClick={() => void answer(true)}
            disabled={!text.trim()}
            data-testid="live-answer-private"
          >
            {t('questions.answerPrivate')}
          </Button>
        </Space.Compact>
      )}
    </div>
  );
}
