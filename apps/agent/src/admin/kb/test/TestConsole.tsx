import { SendOutlined } from '@ant-design/icons';
import { useMutation, useQueries } from '@tanstack/react-query';
import type { KbEntry, MatchLevel } from '@warmdesk/protocol';
import { Button, Card, Descriptions, Empty, Input, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../../../api/http';
import { AnswerExtras } from '../../../workspace/conversation/bot/AnswerExtras';
import { RichText } from '../../../workspace/conversation/bot/RichText';
import { ErrorAlert } from '../../shared/ErrorAlert';
import { type KbTestResult, kbKeys, titleOf } from '../kb-api';

const LEVEL_COLOR: Record<MatchLevel, string> = { answer: 'green', suggest: 'gold', handoff: 'red' };
const percent = (score: number) => Math.round(Math.max(0, Math.min(1, score)) * 100);

/** Ask the bot as a customer would and see how it decides: level, candidates, hand-off, anger, model. */
export function TestConsole() {
  const { t } = useTranslation('kb');
  const [text, setText] = useState('');
  const test = useMutation({
    mutationFn: (question: string) => api<KbTestResult>('/kb/test', { method: 'POST', body: { text: question } }),
  });
  const result = test.data;
  const entries = useQueries({
    queries: (result?.candidates ?? []).map((c) => ({
      queryKey: kbKeys.entry(c.entryId),
      queryFn: () => api<KbEntry>(`/kb/entries/${c.entryId}`),
      staleTime: 30_000,
    })),
  });
  const entryOf = (id: string) => entries.find((q) => q.data?.id === id)?.data;
  const best = result?.level === 'answer' && result.candidates[0] ? entryOf(result.candidates[0].entryId) : undefined;
  const submit = () => {
    const question = text.trim();
    if (question) test.mutate(question);
  };

  return (
    <div style={{ maxWidth: 960 }} data-testid="kb-test-console">
      <Typography.Paragraph type="secondary">{t('test.help')}</Typography.Paragraph>
      <Space.Compact style={{ width: '100%', marginBottom: 16 }}>
        <Input
          value={text}
          onChange={(e) => setText(e.target.value)}
          onPressEnter={submit}
          maxLength={1000}
          placeholder={t('test.placeholder')}
          aria-label={t('test.question')}
          data-testid="kb-test-input"
        />
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={test.isPending}
          disabled={!text.trim()}
          onClick={submit}
          data-testid="kb-test-submit"
        >
          {t('test.run')}
        </Button>
      </Space.Compact>
      <ErrorAlert error={test.error} />
      {result && (
        <section aria-label={t('test.result')} data-testid="kb-test-result" data-level={result.level}>
          <Descriptions size="small" bordered column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 16 }}>
            <Descriptions.Item label={t('test.level')}>
              <Tag color={LEVEL_COLOR[result.level]} data-testid="kb-test-level">
                {t(`test.levels.${result.level}`)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('test.confidence')}>{percent(result.score)}%</Descriptions.Item>
            <Descriptions.Item label={t('test.handoffRequested')}>
              <span data-testid="kb-test-handoff">{result.handoffRequested ? t('test.yes') : t('test.no')}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('test.anger')}>
              <span data-testid="kb-test-anger">
                {percent(result.angerScore)}% {result.angry && <Tag color="volcano">{t('test.angry')}</Tag>}
              </span>
            </Descriptions.Item>
            <Descriptions.Item label={t('test.model')}>
              <Typography.Text code data-testid="kb-test-model">
                {result.model}
              </Typography.Text>
            </Descriptions.Item>
          </Descriptions>
          <Card size="small" title={t('test.candidates')} style={{ marginBottom: 16 }}>
            {result.candidates.length === 0 ? (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('test.noCandidates')} />
            ) : (
              <Table
                size="small"
                rowKey="entryId"
                pagination={false}
                scroll={{ x: 'max-content' }}
                dataSource={result.candidates}
                data-testid="kb-test-candidates"
                columns={[
                  {
                    title: t('test.entry'),
                    key: 'entry',
                    render: (_, c) => {
                      const entry = entryOf(c.entryId);
                      return (
                        <Link to={`/kb/entries/${c.entryId}`} data-testid="kb-test-candidate" data-entry-id={c.entryId}>
                          {entry ? titleOf(entry) : c.question}
                        </Link>
                      );
                    },
                  },
                  { title: t('test.matched'), dataIndex: 'question' },
                  {
                    title: t('test.score'),
                    dataIndex: 'score',
                    width: 180,
                    render: (score: number) => (
                      <Progress percent={percent(score)} size="small" aria-label={t('test.score')} />
                    ),
                  },
                ]}
              />
            )}
          </Card>
          {best && (
            <Card size="small" title={t('test.wouldAnswer')}>
              <RichText text={best.answer.text} />
              <AnswerExtras images={best.answer.images} cards={best.answer.cards} />
            </Card>
          )}
        </section>
      )}
    </div>
  );
}
